"""Reconcile the cached folder list with the server's LIST (create, rename, remove, roles).

Runs on the sync worker's thread with that thread's ``Store``. Which cached folder is which
server folder is decided by ``folder_match`` (MAILBOXID, then the name, then a unique
UIDVALIDITY match whose counts agree); a renamed folder keeps its cached messages and queued
operations, anything uncertain is a delete plus a create, so no folder ever shows another
folder's messages. Before a folder that vanished leaves the cache, its queued operations end
(``client.ops.queue.end_ops_of_folders``: dropped with a note, undone) and its local-only
rows move to the account's "Recovered (local)" folder (``Store.remove_folder``); local-only
folders (``Folder.is_local``) and folders whose queued CREATE has not run yet
(``client.ops.folder_create``) take no part in the matching, so they are never removed here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from client.i18n import ngettext
from client.imap import FolderInfo, FolderStatus, ImapError, ImapSession
from client.ops import folder_create
from client.ops.queue import end_ops_of_folders
from client.store import Folder, FolderRecord, Store
from client.sync.folder_match import match_by_counts, match_by_identity

log = logging.getLogger(__name__)

_UNSELECTABLE = frozenset({"\\NOSELECT", "\\NONEXISTENT"})


@dataclass(frozen=True)
class ListedFolder:
    """A server folder paired with its cache row."""

    info: FolderInfo
    folder: Folder

    @property
    def selectable(self) -> bool:
        return _selectable(self.info)


def _selectable(info: FolderInfo) -> bool:
    return not ({a.upper() for a in info.attrs} & _UNSELECTABLE)


@dataclass(frozen=True)
class FolderListChanges:
    created: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]
    removed: tuple[str, ...]
    #: notes in words: queued operations ended because their folder was deleted, and
    #: local-only messages of a deleted folder kept in the "Recovered (local)" folder
    notes: tuple[str, ...] = ()
    #: local-only rows of removed folders kept in the "Recovered (local)" folder
    recovered: int = 0


def reconcile_folders(
    store: Store, session: ImapSession, account_id: int
) -> tuple[list[ListedFolder], FolderListChanges]:
    """LIST the server, update the cache's folders, and return them paired with LIST data.

    Folders that vanished are removed (with their server-backed messages) before renames and
    creations, so names can move freely; first their queued operations end and their
    local-only rows are kept (see the module docstring). Raises ``ImapError`` from LIST and
    ``StoreWriteError`` from the store. Idempotent: a second call with no server change
    changes nothing.
    """
    infos = session.list_folders()
    matched = match_by_identity([f for f in store.folders(account_id) if not f.is_local
                                 and not folder_create.is_pending(f)], infos)
    pairs = dict(matched.pairs)
    gone = list(matched.gone)
    if gone and matched.new:
        by_name = {i.name: i for i in infos}
        statuses: dict[str, FolderStatus] = {}
        for name in matched.new:
            if not _selectable(by_name[name]):
                continue
            try:
                statuses[name] = session.status(by_name[name].raw_name)
            except ImapError:
                continue
        renamed_by_counts = match_by_counts(
            gone, statuses, {name: by_name[name].mailbox_id for name in statuses})
        pairs.update(renamed_by_counts)
        taken = {f.id for f in renamed_by_counts.values()}
        gone = [f for f in gone if f.id not in taken]
    renamed = sorted((old.name, new) for new, old in pairs.items() if old.name != new)
    listed: list[ListedFolder] = []
    created: list[str] = []
    recovered = 0
    # one step: a crash leaves the old folder list (and queue) or the new one
    with store.transaction(durable=bool(gone)):
        notes = end_ops_of_folders(store, gone)  # before any row or folder goes
        for folder in gone:
            log.info("folder %r vanished from the server; removing it from the cache", folder.name)
            kept = store.remove_folder(folder.id)
            if kept:
                recovered += kept
                notes.append(_kept_note(folder.name, kept,
                                        store.recovered_folder(account_id).name))
        store.rename_folders({old.id: new for new, old in pairs.items() if old.name != new})
        _make_room_for(store, account_id, infos)
        for info in infos:
            folder = store.upsert_folder(
                account_id,
                FolderRecord(
                    name=info.name,
                    delimiter=info.delimiter,
                    role=info.role,
                    attrs=tuple(sorted(info.attrs)),
                    mailbox_id=info.mailbox_id,
                ),
            )
            if info.name not in pairs:
                created.append(info.name)
            listed.append(ListedFolder(info, folder))
        store.prune_local_folders(account_id)
    removed = sorted(f.name for f in gone)
    return listed, FolderListChanges(tuple(created), tuple(renamed), tuple(removed),
                                     tuple(notes), recovered)


def _kept_note(name: str, kept: int, recovered: str) -> str:
    shown = "".join(ch for ch in name if ch.isprintable())
    return ngettext(
        "The folder “{folder}” was deleted on the server; {count} message of it that existed "
        "only on this computer is kept in “{recovered}”.",
        "The folder “{folder}” was deleted on the server; {count} messages of it that existed "
        "only on this computer are kept in “{recovered}”.",
        kept, folder=shown, count=kept, recovered=recovered)


def _make_room_for(store: Store, account_id: int, infos: list[FolderInfo]) -> None:
    """A server folder that now has the name of a local-only folder gets it; the local folder
    takes a numbered name, so its rows never join a server folder."""
    listed = {info.name for info in infos}
    folders = store.folders(account_id)
    taken = listed | {f.name for f in folders}
    moves: dict[int, str] = {}
    for folder in folders:
        if folder.is_local and folder.name in listed:
            n = 2
            while f"{folder.name} {n}" in taken:
                n += 1
            moves[folder.id] = f"{folder.name} {n}"
            taken.add(moves[folder.id])
    store.rename_folders(moves)
