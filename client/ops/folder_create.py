"""Creating a folder offline: a queued CREATE (``pending_ops.kind = 'create_folder'``).

``queue_create(store, account_id, name, role=None)`` puts the folder in the cache at once,
marked ``PENDING_CREATE_ATTR`` (``is_pending(folder)``), and queues its CREATE in the same
durable transaction, so messages can be moved and copied into it right away, offline and
across a restart (their moves queue behind the CREATE). Idempotent: a folder of that name that
the cache knows already is returned as it is (given ``role`` when it had none), nothing queued.
Caller's Store and thread; raises ``ValueError`` for an empty name or a local-only folder of
that name, ``StoreWriteError`` when the disk refuses.

The replay (``client.ops.replay``, the account worker's thread) calls
``create_on_server(store, session, op)`` first in the queue's order: CREATE (a folder that
exists on the server already is adopted: ``ImapSession.create_folder`` takes ALREADYEXISTS as
done), then the mark goes and the folder-list step that follows reads it like any server
folder. A permanent refusal (no permission, an invalid name, or the same error
``MAX_ATTEMPTS`` times) gives the folder up: every move or copy queued into it is dropped with
a note and undone (the messages back where they were, copies gone), the folder leaves the
cache, and ``CreateRefused`` (its note in words) is raised for the replay to record. A
lost connection raises ``ServerUnavailable`` and keeps everything for the next sync. While the
mark is on, the folder-list step never takes the folder for one deleted on the server.
"""

from __future__ import annotations

import json
import time

from client.i18n import N_, _
from client.imap import ImapSession, ProtocolError
from client.ops import queue
from client.store import Folder, Store
from client.store.records import FOLDER_ROLES, PendingOp

KIND = "create_folder"
#: the attribute of a folder that exists in the cache only until its queued CREATE ran
PENDING_CREATE_ATTR = "\\X-Tradewind-Create-Pending"
MAX_ATTEMPTS = 3
_PERMANENT_CODES = ("NOPERM", "CANNOT", "LIMIT", "OVERQUOTA", "READ-ONLY")

REFUSED_NOTE = N_("The server refused to create the folder “{folder}”: {detail}. The messages "
                  "filed there are back where they were.")
MOVE_REFUSED_NOTE = N_("The folder “{folder}” could not be created on the server, so this "
                       "message was not filed there; it is back where it was.")


class CreateRefused(Exception):
    """The server refused a queued CREATE for good; the folder was given up (see above)."""


def is_pending(folder: Folder) -> bool:
    """Whether ``folder`` waits for its queued CREATE (shown as pending, never synced)."""
    return PENDING_CREATE_ATTR in folder.attrs


def queue_create(store: Store, account_id: int, name: str, role: str | None = None) -> Folder:
    """The folder ``name`` of the account, created locally with its CREATE queued when the
    cache does not know it (see the module docstring)."""
    name = name.strip()
    if not name:
        raise ValueError("A folder needs a name.")
    if role is not None and role not in FOLDER_ROLES:
        raise ValueError(f"unknown folder role {role!r}")
    with store.transaction(durable=True) as conn:
        existing = store.folder_by_name(account_id, name)
        if existing is not None:
            if existing.is_local:
                raise ValueError(f"The folder “{name}” exists only on this computer.")
            if role is not None and existing.role is None:
                conn.execute("UPDATE folders SET role = ? WHERE id = ?", (role, existing.id))
        else:
            cursor = conn.execute(
                "INSERT INTO folders(account_id, name, role, attrs_json) VALUES (?, ?, ?, ?)",
                (account_id, name, role, json.dumps([PENDING_CREATE_ATTR])),
            )
            conn.execute(
                "INSERT INTO pending_ops(account_id, kind, folder_id, payload_json, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (account_id, KIND, cursor.lastrowid, json.dumps({"name": name, "role": role}),
                 time.time()),
            )
    found = store.folder_by_name(account_id, name)
    assert found is not None
    return found


def pending_creates(store: Store, account_id: int) -> list[Folder]:
    """The account's folders still waiting for their CREATE."""
    return [f for f in store.folders(account_id) if is_pending(f)]


def _permanent(exc: ProtocolError, attempts: int) -> bool:
    text = str(exc).upper()
    return attempts >= MAX_ATTEMPTS or any(f"[{code}" in text for code in _PERMANENT_CODES)


def create_on_server(store: Store, session: ImapSession, op: PendingOp) -> None:
    """Replay one queued CREATE (see the module docstring); the caller then completes the op.
    Raises ``CreateRefused`` (folder given up), ``ServerUnavailable`` (kept) or
    ``ProtocolError`` (a refusal to try again at the next sync)."""
    folder = store.folder(op.folder_id) if op.folder_id is not None else None
    if folder is None or not is_pending(folder):
        return  # gone or known on the server already: nothing left to create
    try:
        session.create_folder(folder.name)
    except ProtocolError as exc:
        if not _permanent(exc, op.attempts):
            raise
        give_up(store, folder, str(exc))
        raise CreateRefused(_(REFUSED_NOTE, folder=_shown(folder.name),
                              detail=_shown(str(exc), 200))) from exc
    attrs = [a for a in folder.attrs if a != PENDING_CREATE_ATTR]
    with store.transaction(durable=True) as conn:
        conn.execute("UPDATE folders SET attrs_json = ? WHERE id = ?",
                     (json.dumps(attrs), folder.id))


def give_up(store: Store, folder: Folder, reason: str) -> None:
    """Undo what waited for ``folder``'s CREATE: the moves and copies into it are dropped
    (undone, with a note), then the folder leaves the cache (its own op is the caller's)."""
    note = _(MOVE_REFUSED_NOTE, folder=_shown(folder.name))
    waiting = [op for op in queue.pending(store, folder.account_id)
               if op.target_folder_id == folder.id and op.kind in ("move", "copy")]
    for waiting_op in waiting:
        queue.drop(store, waiting_op.id, note)
    store.remove_folder(folder.id)


def _shown(text: str, limit: int = 80) -> str:
    shown = "".join(ch for ch in text if ch.isprintable())
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
