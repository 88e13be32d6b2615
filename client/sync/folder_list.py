"""Reconcile the cached folder list with the server's LIST (create, rename, remove, roles).

Runs on the sync worker's thread with that thread's ``Store``. A folder that disappeared from
the server while a folder with the same UIDVALIDITY appeared is treated as renamed: its cached
messages are kept under the new name instead of being dropped and downloaded again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from client.imap import FolderInfo, ImapError, ImapSession
from client.store import Folder, FolderRecord, Store

log = logging.getLogger(__name__)

_UNSELECTABLE = frozenset({"\\NOSELECT", "\\NONEXISTENT"})


@dataclass(frozen=True)
class ListedFolder:
    """A server folder paired with its cache row."""

    info: FolderInfo
    folder: Folder

    @property
    def selectable(self) -> bool:
        return not ({a.upper() for a in self.info.attrs} & _UNSELECTABLE)


@dataclass(frozen=True)
class FolderListChanges:
    created: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]
    removed: tuple[str, ...]


def _rename_folder(store: Store, folder_id: int, new_name: str) -> None:
    # The store has no rename yet; this is the minimal, additive SQL it needs.
    with store.transaction() as conn:
        conn.execute("UPDATE folders SET name = ? WHERE id = ?", (new_name, folder_id))


def reconcile_folders(
    store: Store, session: ImapSession, account_id: int
) -> tuple[list[ListedFolder], FolderListChanges]:
    """LIST the server, update the cache's folders, and return them paired with LIST data.

    Raises ``ImapError`` from LIST and ``StoreWriteError`` from the store.
    """
    infos = session.list_folders()
    cached = {f.name: f for f in store.folders(account_id)}
    server_names = {i.name for i in infos}
    gone = {name: f for name, f in cached.items() if name not in server_names}
    created: list[str] = []
    renamed: list[tuple[str, str]] = []
    if gone:
        by_validity = {f.uidvalidity: f for f in gone.values() if f.uidvalidity is not None}
        for info in infos:
            if info.name in cached or not by_validity:
                continue
            try:
                validity = session.status(info.raw_name).uidvalidity
            except ImapError:
                continue
            old = by_validity.pop(validity, None)
            if old is not None:
                _rename_folder(store, old.id, info.name)
                gone.pop(old.name, None)
                renamed.append((old.name, info.name))
    listed: list[ListedFolder] = []
    for info in infos:
        is_new = info.name not in cached and info.name not in {new for _o, new in renamed}
        folder = store.upsert_folder(
            account_id,
            FolderRecord(
                name=info.name,
                delimiter=info.delimiter,
                role=info.role,
                attrs=tuple(sorted(info.attrs)),
            ),
        )
        if is_new:
            created.append(info.name)
        listed.append(ListedFolder(info, folder))
    for name, folder in gone.items():
        log.info("folder %r vanished from the server; removing it from the cache", name)
        store.remove_folder(folder.id)
    return listed, FolderListChanges(tuple(created), tuple(renamed), tuple(sorted(gone)))
