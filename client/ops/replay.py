"""The remote half of offline operations: replay ``pending_ops`` against the IMAP server.

``replay_pending(store, session, account_id)`` runs the account's queued operations in order on
the caller's thread (the account worker, which owns ``store`` and ``session``). The rules are
those in ``client.ops.queue``'s docstring:

* each op is ``begin``-ed (durably marked running) before the server is touched, then exactly
  one of ``complete`` / ``fail`` / ``drop`` records the outcome;
* idempotent if interrupted: an op found running again is re-applied after checking the
  server, so a MOVE or COPY that already happened is recognised by Message-ID (never doubled)
  and a delete of a message already gone counts as done;
* before any STORE, MOVE, COPY or EXPUNGE the Message-ID of the server's message at that UID
  is compared with the op's ``payload["message_id"]`` (normalised as the store does, from one
  ``BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]`` FETCH per op or per flag batch): another message
  there (a server that renumbered under the same UIDVALIDITY) → ``drop`` with a note, the local
  change undone, nothing done to that message; a Message-ID search only yields exact matches;
* the message gone from the server → ``drop`` with a note; a transient error (connection
  lost) keeps the op and stops the replay (``ServerUnavailable`` is re-raised); a permanent
  refusal (no permission, over quota, or the same error three times) undoes the local change
  with the reason in words;
* a folder the server does not have (refused SELECT, TRYCREATE/NONEXISTENT) keeps the op
  pending: the folder-list step right after decides (renamed: replayed under the new name at
  the next sync; deleted: ``queue.end_ops_of_folders`` drops it with a note). An op whose
  folder or target already left the cache is dropped with a note, never tried elsewhere;
* a folder created offline (``client.ops.folder_create``) is CREATEd when its op comes up,
  before the moves queued into it; a permanent refusal gives it up (those moves undone);
* an op on a row of a local-only folder (``Folder.is_local``) never touches that folder on
  the server: flags and deletions there are local, a move/copy out of it is an APPEND of the
  cached message to the target (found again by Message-ID if interrupted).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from client import crashpoints
from client.i18n import N_, _
from client.imap import ImapSession, ProtocolError, ServerUnavailable
from client.imap.parse import format_uid_set
from client.ops import folder_create, queue
from client.store import Folder, Store
from client.store.derive import header_columns
from client.store.records import PendingOp

log = logging.getLogger(__name__)

# NONEXISTENT/TRYCREATE (a folder the server lacks) are not here: see the module docstring.
_PERMANENT_CODES = ("NOPERM", "OVERQUOTA", "LIMIT", "CANNOT", "READ-ONLY", "ALREADYEXISTS")
MAX_ATTEMPTS = 3
_FLAG_NAMES = {"seen": "\\Seen", "flagged": "\\Flagged", "answered": "\\Answered", "draft": "\\Draft"}


@dataclass
class ReplayOutcome:
    """Counts of what happened, and notes in words for dropped or failed operations."""

    done: int = 0
    dropped: int = 0
    failed: int = 0
    kept: int = 0
    notes: list[str] = field(default_factory=list)


class MessageGone(Exception):
    """The message an operation acts on is on the server no more."""


class MessageReplaced(Exception):
    """The UID of an operation holds another message now (another Message-ID)."""


class FolderLeftCache(Exception):
    """The op's folder (or target) was removed from the cache: deleted on the server."""


SOURCE_GONE_NOTE = N_("The folder this message was in was deleted on the server, so this "
                      "change was not made.")
TARGET_GONE_NOTE = N_("The folder this message was to go to was deleted on the server, so it "
                      "was not moved or copied there.")

REPLACED_NOTE = N_("The message at this place on the server is a different message now (its "
                   "Message-ID differs), so this change was not made there.")


@dataclass(frozen=True)
class _Found:
    folder: Folder
    uid: int


class _Replayer:
    def __init__(self, store: Store, session: ImapSession, account_id: int) -> None:
        self.store = store
        self.session = session
        self.account_id = account_id
        self._selected: str | None = None
        self._validity: int | None = None

    # -- selecting and locating ----------------------------------------------------------------

    def select(self, folder: Folder) -> int:
        """SELECT (read-write) ``folder`` unless it already is; return its UIDVALIDITY."""
        if self._selected != folder.name or self.session.selected != folder.name:
            status = self.session.select(folder.name, readonly=False)
            self._selected, self._validity = folder.name, status.uidvalidity
        assert self._validity is not None
        return self._validity

    def server_ids(self, uids: list[int]) -> dict[int, str | None]:
        """{UID: normalised Message-ID} of the selected folder's messages (absent: gone)."""
        if not uids:
            return {}
        raw = self.session.fetch_message_ids(format_uid_set(uids))
        return {uid: header_columns(value).message_id for uid, value in raw.items()}

    def _by_message_id(self, folder: Folder, message_id: str | None,
                       exclude: set[int] | None = None) -> int | None:
        if not message_id:
            return None
        self.select(folder)
        found = [u for u in self.session.find_message_id(message_id) if u not in (exclude or set())]
        exact = self.server_ids(found)  # SEARCH HEADER matches substrings
        found = [u for u in found if exact.get(u) == message_id]
        return found[-1] if found else None

    def locate(self, op: PendingOp) -> _Found:
        """Where the op's message is on the server now (UID, else Message-ID search)."""
        if op.folder_id is None:  # its folder left the cache: never look elsewhere
            raise FolderLeftCache(_(SOURCE_GONE_NOTE))
        folder_id, uid = op.folder_id, op.uid
        if uid is None and op.message_row is not None:
            row = self.store.get_message(op.message_row)
            if row is not None and row.uid is not None:
                folder_id, uid = row.folder_id, row.uid
        source = self.store.folder(folder_id) if folder_id is not None else None
        if source is not None and uid is not None:
            validity = self.select(source)
            recorded = op.payload.get("uidvalidity")
            same = op.uid is None or recorded is None or recorded == validity
            if same:
                there = self.server_ids([uid])
                if uid in there:
                    if there[uid] != op.message_id:
                        raise MessageReplaced(_(REPLACED_NOTE))
                    return _Found(source, uid)
        candidates = [source] if source is not None else []
        candidates += [f for f in self.store.folders(self.account_id)
                       if source is None or f.id != source.id]
        for folder in candidates:
            if folder is None or folder.is_local or folder_create.is_pending(folder) or "\\NOSELECT" in {
                    a.upper() for a in folder.attrs}:
                continue
            found = self._by_message_id(folder, op.message_id)
            if found is not None:
                return _Found(folder, found)
        raise MessageGone(_(
            "The message was deleted on the server before this change could be made there."))

    def target(self, op: PendingOp) -> Folder:
        folder = self.store.folder(op.target_folder_id) if op.target_folder_id else None
        if folder is None:
            raise FolderLeftCache(_(TARGET_GONE_NOTE))
        return folder

    def local_source(self, op: PendingOp) -> Folder | None:
        """The op's folder when it is a local-only folder (its rows are on no server)."""
        folder = self.store.folder(op.folder_id) if op.folder_id is not None else None
        return folder if folder is not None and folder.is_local else None

    def upload(self, op: PendingOp, target: Folder) -> int | None:
        """APPEND the cached message of a local-only row to ``target``; its new UID."""
        row_id = op.message_row
        if row_id is None:
            raise MessageGone("The message is no longer in the cache, so it was not uploaded.")
        row = self.store.get_message(row_id)
        if row is None or row.body_state != "full":
            raise MessageGone("Only part of this message is stored on this computer, so it was "
                              "not uploaded (that would lose its attachments).")
        try:
            raw = self.store.get_raw(row_id)
        except KeyError:
            raise MessageGone("The message has no stored copy to upload.") from None
        flags = [f for f in row.flags
                 if f.lower() not in ("\\recent", "\\deleted")]
        new_uid = self.session.append(target.name, raw, flags)
        if new_uid is None and op.message_id:
            new_uid = self._by_message_id(target, op.message_id,
                                          exclude=set(self.store.folder_uids(target.id)))
        return new_uid

    def _already_there(self, op: PendingOp, target: Folder) -> int | None:
        """After an interrupted MOVE/COPY: the message's new UID in ``target`` if the server
        already did it (a Message-ID the cache does not know there yet)."""
        if op.attempts <= 1 or not op.message_id:
            return None
        known = set(self.store.folder_uids(target.id))
        return self._by_message_id(target, op.message_id, exclude=known)

    # -- the operations ------------------------------------------------------------------------

    def apply(self, op: PendingOp) -> int | None:
        """Do ``op`` on the server; return the new UID for a move/copy when known."""
        if op.kind == folder_create.KIND:  # a folder created offline: CREATE it first
            folder_create.create_on_server(self.store, self.session, op)
            return None
        if op.folder_id is None:
            raise FolderLeftCache(_(SOURCE_GONE_NOTE))
        local = self.local_source(op)
        if local is not None and op.kind in ("flags", "delete"):
            return None  # the row is on no server: the local change is all there is
        if op.kind == "flags":
            found = self.locate(op)
            self.select(found.folder)
            for name, value in op.payload.get("set", {}).items():
                flag = _FLAG_NAMES.get(name, name)  # other keys are keywords ($Forwarded)
                if flag is not None:
                    self.session.store_flags([found.uid], [flag], add=bool(value))
            return None
        if op.kind == "delete":
            try:
                found = self.locate(op)
            except MessageGone:
                return None  # already gone: what the user wanted
            self.select(found.folder)
            self.session.delete([found.uid])
            return None
        if op.kind in ("move", "copy"):
            target = self.target(op)
            done = self._already_there(op, target)
            if done is not None:
                return done
            if local is not None:
                return self.upload(op, target)
            found = self.locate(op)
            if found.folder.id == target.id:
                return found.uid  # already in the target (moved by another client)
            self.select(found.folder)
            if op.kind == "move":
                mapping = self.session.move([found.uid], target.name)
                self._selected = None  # MOVE may leave the selection's state changed
            else:
                mapping = self.session.copy([found.uid], target.name)
            new_uid = mapping.get(found.uid)
            if new_uid is None and op.message_id:
                new_uid = self._by_message_id(target, op.message_id,
                                              exclude=set(self.store.folder_uids(target.id)))
            return new_uid
        raise ProtocolError(f"[CANNOT] Tradewind does not know the operation {op.kind!r}.")


def _is_permanent(exc: ProtocolError, attempts: int) -> bool:
    text = str(exc).upper()
    return attempts >= MAX_ATTEMPTS or any(f"[{code}" in text for code in _PERMANENT_CODES)


FLAG_GROUP_MAX = 500


def _flag_group(ops: list[PendingOp], start: int) -> list[PendingOp]:
    """Consecutive flag ops from ``start`` that one UID STORE per flag can carry: same folder,
    same UIDVALIDITY, same wanted flags, UIDs known."""
    first = ops[start]
    if first.kind != "flags" or first.uid is None or first.folder_id is None:
        return [first]
    key = (first.folder_id, first.payload.get("uidvalidity"), first.payload.get("set"))
    group = [first]
    for op in ops[start + 1:start + FLAG_GROUP_MAX]:
        if op.kind != "flags" or op.uid is None or (
            op.folder_id, op.payload.get("uidvalidity"), op.payload.get("set")) != key:
            break
        group.append(op)
    return group


def _replay_flag_group(
    replayer: _Replayer, store: Store, group: list[PendingOp], outcome: ReplayOutcome
) -> list[PendingOp]:
    """Replay many flag ops with one STORE per flag; return the ops left for one-by-one replay
    (their message was not at its UID). Raises ``ServerUnavailable`` (begun ops are kept)."""
    begun = [op for op in (queue.begin(store, g.id) for g in group) if op is not None]
    crashpoints.after_commit()
    if not begun:
        return []
    folder = store.folder(begun[0].folder_id or 0)
    try:
        if folder is None or replayer.select(folder) != begun[0].payload.get("uidvalidity"):
            return begun
        uids = sorted({int(op.uid or 0) for op in begun})
        ids = replayer.server_ids(uids)  # one FETCH of the Message-IDs for the whole batch
        here = [op for op in begun if op.uid in ids and ids[op.uid] == op.message_id]
        replaced = [op for op in begun if op.uid in ids and ids[op.uid] != op.message_id]
        targets = sorted({int(op.uid or 0) for op in here})
        for name, value in begun[0].payload.get("set", {}).items():
            flag = _FLAG_NAMES.get(name)
            if flag is not None and targets:
                replayer.session.store_flags(targets, [flag], add=bool(value))
        crashpoints.after_commit()  # the server did it; ``complete`` not yet recorded
    except ServerUnavailable as exc:
        for op in begun:
            queue.fail(store, op.id, str(exc), permanent=False)
        outcome.kept += len(begun)
        raise
    except ProtocolError:
        return begun  # let each op meet the error (and its rules) on its own
    for op in here:
        queue.complete(store, op.id, None)
        outcome.done += 1
    for op in replaced:
        queue.drop(store, op.id, _(REPLACED_NOTE))
        outcome.dropped += 1
        outcome.notes.append(_(REPLACED_NOTE))
    crashpoints.after_commit()
    return [op for op in begun if op.uid not in ids]


def replay_pending(store: Store, session: ImapSession, account_id: int) -> ReplayOutcome:
    """Replay the account's queued operations in order. Raises ``ServerUnavailable`` (the op in
    progress is kept for later) and ``StoreWriteError``; everything else is recorded per op.
    Runs of flag changes on one folder go to the server as one STORE per flag."""
    outcome = ReplayOutcome()
    replayer = _Replayer(store, session, account_id)
    ops = queue.pending(store, account_id)
    index = 0
    while index < len(ops):
        group = _flag_group(ops, index)
        index += len(group)
        begun = False
        if len(group) > 1:
            group = _replay_flag_group(replayer, store, group, outcome)
            begun = True
        for op in group:
            _replay_one(replayer, store, op, outcome, begun=begun)
    return outcome


def _replay_one(replayer: _Replayer, store: Store, queued: PendingOp,
                outcome: ReplayOutcome, *, begun: bool = False) -> None:
    """Replay one op (``begun``: already marked running by a group attempt)."""
    if begun:
        op: PendingOp | None = queued
    else:
        op = queue.begin(store, queued.id)
        if op is None:
            return
        crashpoints.after_commit()
    assert op is not None
    try:
        new_uid = replayer.apply(op)
        crashpoints.after_commit()  # the server did it; ``complete`` not yet recorded
    except (MessageGone, MessageReplaced, FolderLeftCache, folder_create.CreateRefused) as exc:
        queue.drop(store, op.id, str(exc))
        outcome.dropped += 1
        outcome.notes.append(str(exc))
        return
    except ServerUnavailable as exc:
        queue.fail(store, op.id, str(exc), permanent=False)
        outcome.kept += 1
        raise
    except ProtocolError as exc:
        permanent = _is_permanent(exc, op.attempts)
        queue.fail(store, op.id, str(exc), permanent=permanent)
        if permanent:
            outcome.failed += 1
            outcome.notes.append(_("Could not {operation} a message on the server: {detail}",
                                   operation=op.kind, detail=exc))
        else:
            outcome.kept += 1
        return
    queue.complete(store, op.id, new_uid)
    crashpoints.after_commit()
    outcome.done += 1
