"""The local half of offline operations: change the cache at once, queue the server change.

Every user action (``mark``, ``add_keyword``, ``move``, ``copy``, ``delete``) changes the local rows AND records
``pending_ops`` rows in ONE durable transaction (``synchronous=FULL``), so the UI updates at once
and the change survives a crash or a restart. Functions take the caller's ``Store`` and run on
its thread; they raise ``StoreWriteError`` (nothing changed) when the disk refuses the write.

Operation kinds (``PendingOp.kind``) and what the replay engine does for each:

* ``flags``: ``payload["set"]`` maps a flag to its wanted value (``payload["before"]`` holds the
  old values, for undo): keys are ``seen``/``flagged``/``answered``/``draft`` for the system
  flags, or a keyword as written (``$Forwarded``). STORE +FLAGS/-FLAGS.
* ``move``: from (``folder_id``, ``uid``) to ``target_folder_id``. The local row already sits
  in the target with ``uid = NULL``; the source UID is hidden from the sync until the op ends.
  ``payload["reason"] == "delete"`` marks a delete that became a move to Trash.
* ``copy``: ``message_row`` is the new local row (uid NULL) in ``target_folder_id``.
* ``delete``: STORE +FLAGS (\\Deleted) then UID EXPUNGE of that UID (no Trash, or already
  in Trash). The local row is flagged deleted (hidden from lists) until ``complete``.

Every payload carries ``message_id`` (the RFC Message-ID, may be None) and ``uidvalidity`` of
the source folder when the op was queued. When ``uid`` is None (the row was itself waiting for
an earlier op), use the row's current location: ``store.get_message(op.message_row)``.

Replay protocol: ``pending(store, account_id)`` in order; ``begin(store, op.id)`` before
talking to the server (a running op is never merged or cancelled locally); then exactly one of
``complete(store, op.id, new_uid)`` (``new_uid`` from COPYUID/MOVE UIDPLUS when known),
``fail(store, op.id, reason, permanent=False)`` (retry later), ``fail(..., permanent=True)`` or
``drop(store, op.id, note)``, which undo the local change and keep the reason in words
(``failures(store, account_id)`` lists them for the UI).

Cancellation (only against ops not yet begun): marking read then unread leaves no op; a move
of a row that is waiting for its own move is re-targeted, and moving it back to where it came
from cancels it (the row gets its UID back); deleting a local copy whose copy op has not run
removes the copy and its ops.

Conflict rules for the replay engine:

* The message was deleted on the server meanwhile (source UID gone, Message-ID not found in
  the folder): ``drop(op, "The message was deleted on the server ...")``; the local row goes
  back to its source and the next sync removes it.
* It was moved on the server: look it up by ``payload["message_id"]`` in the account's folders;
  if found, apply the op there (for a move: from where it is now); else drop as above.
* ``payload["uidvalidity"]`` differs from the folder's current UIDVALIDITY: the UID is void;
  locate the message by Message-ID, never by UID.
* Flags: the server value wins over the cache except for flags a queued op still changes
  (``Store.update_flags`` keeps those until the op completes).
* A permanent server refusal (no permission, over quota): ``fail(permanent=True)``.
* A folder the server does not have (SELECT refused, MOVE/COPY answered TRYCREATE or
  NONEXISTENT) is not decided by the replay, which cannot tell a deleted folder from a renamed
  one: the op stays pending (``fail(permanent=False)``) and the folder-list step that follows
  settles it. A folder renamed on the server keeps its ops (replayed under the new name); for
  a folder deleted there, ``end_ops_of_folders`` runs before the folder leaves the cache and
  drops every op acting in it or moving/copying into it, with a note naming the folder ("The
  folder “X” was deleted on the server ..."), the local change undone: a move into it brings
  the message back to its source folder (the server's copy untouched), a copy there goes, the
  original stays. Nothing is ever applied to another folder instead. An op whose folder left
  the cache already (``folder_id``/``target_folder_id`` NULL, from an older Tradewind) is
  dropped by the replay the same way.
* Local-only folders (``Folder.is_local``, the "Recovered (local)" folder that keeps the
  local-only rows of a deleted folder) are never on the server: nothing can be moved or
  copied into them (``ValueError``); a flag change or a deletion there is local only; a move
  or copy out of one uploads the message (APPEND) to the target.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from typing import Any

from client.i18n import N_, _
from client.store import Folder, Store
from client.store.local_rows import duplicate, relocate, remove, set_flags
from client.store.records import LOCAL_FOLDER_ATTR, PendingOp
from client.store.rows import flag_key

ACTIVE = ("pending", "running")
_OP_COLUMNS = (
    "id, account_id, kind, message_row, folder_id, uid, target_folder_id, payload_json, "
    "created, attempts, last_error, state"
)


def _op(row: tuple[Any, ...]) -> PendingOp:
    values = list(row)
    values[7] = json.loads(values[7] or "{}")
    return PendingOp(*values)


def _message(conn: sqlite3.Connection, row_id: int) -> dict[str, Any] | None:
    cursor = conn.execute(
        "SELECT m.id, m.account_id, m.folder_id, m.uid, m.message_id, m.flags_json, m.seen, "
        "m.flagged, m.deleted, f.uidvalidity FROM messages m JOIN folders f "
        "ON f.id = m.folder_id WHERE m.id = ?",
        (row_id,),
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _last_op(conn: sqlite3.Connection, row_id: int, kinds: tuple[str, ...]) -> PendingOp | None:
    marks = ", ".join("?" for _ in kinds)
    row = conn.execute(
        f"SELECT {_OP_COLUMNS} FROM pending_ops WHERE message_row = ? AND kind IN ({marks}) "
        "AND state IN ('pending', 'running') ORDER BY id DESC LIMIT 1",
        (row_id, *kinds),
    ).fetchone()
    return None if row is None else _op(row)


def _record(
    conn: sqlite3.Connection,
    kind: str,
    msg: dict[str, Any],
    target_folder_id: int | None,
    payload: dict[str, Any],
    message_row: int | None = None,
) -> int:
    payload = {"message_id": msg["message_id"], "uidvalidity": msg["uidvalidity"], **payload}
    cursor = conn.execute(
        "INSERT INTO pending_ops(account_id, kind, message_row, folder_id, uid, "
        "target_folder_id, payload_json, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (msg["account_id"], kind, message_row or msg["id"], msg["folder_id"], msg["uid"],
         target_folder_id, json.dumps(payload, ensure_ascii=False), time.time()),
    )
    return int(cursor.lastrowid or 0)


def _save_payload(conn: sqlite3.Connection, op_id: int, payload: dict[str, Any]) -> None:
    conn.execute(
        "UPDATE pending_ops SET payload_json = ? WHERE id = ?",
        (json.dumps(payload, ensure_ascii=False), op_id),
    )


def _delete_op(conn: sqlite3.Connection, op_id: int) -> None:
    conn.execute("DELETE FROM pending_ops WHERE id = ?", (op_id,))


# -- user actions --------------------------------------------------------------------------


def mark(
    store: Store, ids: Iterable[int], *, seen: bool | None = None, flagged: bool | None = None
) -> list[int]:
    """Set \\Seen and/or \\Flagged on messages; return the ids of rows that changed."""
    wanted = {k: v for k, v in (("seen", seen), ("flagged", flagged)) if v is not None}
    return _change_flags(store, ids, wanted)


def add_keyword(store: Store, ids: Iterable[int], flag: str) -> list[int]:
    """Add a flag or keyword (``\\Answered`` after a reply, ``$Forwarded``) to messages;
    return the ids of rows that changed. The op's ``payload["set"]`` key is ``flag_key(flag)``
    (``answered`` for ``\\Answered``; a keyword stays as written)."""
    return _change_flags(store, ids, {_checked_flag(flag): True})


def remove_keyword(store: Store, ids: Iterable[int], flag: str) -> list[int]:
    """Remove a flag or keyword from messages (the opposite of ``add_keyword``)."""
    return _change_flags(store, ids, {_checked_flag(flag): False})


def _checked_flag(flag: str) -> str:
    flag = flag.strip()
    if not flag or any(c in flag for c in ' (){%*"]\r\n') or flag.lower() == "\\recent":
        raise ValueError(f"{flag!r} is not a flag or keyword that can be set.")
    key = flag_key(flag)
    if key == flag and (flag.startswith("\\") or flag.lower() in _SYSTEM_NAMES):
        raise ValueError(f"{flag!r} is not a standard IMAP flag.")
    if key == "deleted":
        raise ValueError("Use delete() to delete messages.")
    return key


_SYSTEM_NAMES = ("seen", "flagged", "answered", "draft", "deleted")


def _current(msg: dict[str, Any], key: str) -> bool:
    if key in _SYSTEM_NAMES:
        return any(flag_key(f) == key for f in json.loads(msg["flags_json"]))
    return key.lower() in {f.lower() for f in json.loads(msg["flags_json"])}


def _change_flags(store: Store, ids: Iterable[int], wanted: dict[str, bool]) -> list[int]:
    changed: list[int] = []
    if not wanted:
        return changed
    with store.transaction(durable=True) as conn:
        for row_id in ids:
            msg = _message(conn, row_id)
            if msg is None:
                continue
            current = {name: _current(msg, name) for name in wanted}
            delta = {k: v for k, v in wanted.items() if current[k] != v}
            if not delta:
                continue
            last = _last_op(conn, row_id, ("flags", "move", "copy", "delete"))
            if last is not None and last.kind == "flags" and last.state == "pending":
                want = dict(last.payload.get("set", {}))
                before = dict(last.payload.get("before", {}))
                for name, value in delta.items():
                    before.setdefault(name, current[name])
                    want[name] = value
                for name in [n for n in want if want[n] == before.get(n)]:
                    del want[name]
                    before.pop(name, None)
                if want:
                    _save_payload(conn, last.id, {**last.payload, "set": want, "before": before})
                else:
                    _delete_op(conn, last.id)
            else:
                before = {name: current[name] for name in delta}
                _record(conn, "flags", msg, None, {"set": delta, "before": before})
            set_flags(conn, row_id, delta)
            changed.append(row_id)
    return changed


def _move_one(conn: sqlite3.Connection, msg: dict[str, Any], target: int, reason: str) -> bool:
    if msg["folder_id"] == target:
        return False
    row_id = int(msg["id"])
    last_move = _last_op(conn, row_id, ("move",))
    if last_move is not None and last_move.state == "pending" and msg["uid"] is None:
        if last_move.folder_id == target:  # moved back where it came from: cancel
            same_validity = last_move.payload.get("uidvalidity") == _validity(conn, target)
            relocate(conn, row_id, target, last_move.uid if same_validity else None)
            _delete_op(conn, last_move.id)
        else:
            conn.execute(
                "UPDATE pending_ops SET target_folder_id = ? WHERE id = ?", (target, last_move.id)
            )
            if reason == "delete":
                _save_payload(conn, last_move.id, {**last_move.payload, "reason": "delete"})
            relocate(conn, row_id, target, None)
        return True
    flags = json.loads(msg["flags_json"])
    _record(conn, "move", msg, target, {"flags": flags, "reason": reason})
    relocate(conn, row_id, target, None)
    return True


def _validity(conn: sqlite3.Connection, folder_id: int) -> int | None:
    row = conn.execute("SELECT uidvalidity FROM folders WHERE id = ?", (folder_id,)).fetchone()
    return None if row is None else row[0]


def _check_target(conn: sqlite3.Connection, folder_id: int) -> int:
    row = conn.execute("SELECT account_id, name, attrs_json FROM folders WHERE id = ?",
                       (folder_id,)).fetchone()
    if row is None:
        raise ValueError(f"There is no folder with id {folder_id} to move or copy to.")
    if LOCAL_FOLDER_ATTR in json.loads(row[2] or "[]"):
        raise ValueError(f"The folder “{row[1]}” exists only on this computer; messages "
                         "cannot be moved or copied into it.")
    return int(row[0])


def move(store: Store, ids: Iterable[int], target_folder_id: int) -> list[int]:
    """Move messages to another folder of the same account; return the ids that moved."""
    moved: list[int] = []
    with store.transaction(durable=True) as conn:
        account = _check_target(conn, target_folder_id)
        for row_id in ids:
            msg = _message(conn, row_id)
            if msg is None or msg["account_id"] != account:
                continue
            if _move_one(conn, msg, target_folder_id, "move"):
                moved.append(row_id)
    return moved


def copy(store: Store, ids: Iterable[int], target_folder_id: int) -> list[int]:
    """Copy messages into another folder of the same account; return the new local row ids."""
    created: list[int] = []
    with store.transaction(durable=True) as conn:
        account = _check_target(conn, target_folder_id)
        for row_id in ids:
            msg = _message(conn, row_id)
            if msg is None or msg["account_id"] != account or msg["folder_id"] == target_folder_id:
                continue
            new_id = duplicate(conn, row_id, target_folder_id)
            if new_id is None:
                continue
            _record(conn, "copy", msg, target_folder_id, {"source_row": row_id}, new_id)
            created.append(new_id)
    return created


def delete(store: Store, ids: Iterable[int], *, for_good: bool = False) -> list[int]:
    """Delete messages: to Trash when the account has one and they are not in it, else flag
    \\Deleted for expunge (``for_good``: always, Shift+Delete). Return the ids that changed
    (a cancelled local copy included)."""
    changed: list[int] = []
    with store.transaction(durable=True) as conn:
        for row_id in ids:
            msg = _message(conn, row_id)
            if msg is None:
                continue
            copy_op = _last_op(conn, row_id, ("copy",))
            if copy_op is not None and copy_op.state == "pending" and msg["uid"] is None:
                conn.execute(
                    "DELETE FROM pending_ops WHERE message_row = ? AND state = 'pending'",
                    (row_id,),
                )
                remove(conn, row_id)
                changed.append(row_id)
                continue
            trash = conn.execute(
                "SELECT id FROM folders WHERE account_id = ? AND role = 'trash' "
                "ORDER BY id LIMIT 1",
                (msg["account_id"],),
            ).fetchone()
            if not for_good and trash is not None and int(trash[0]) != msg["folder_id"]:
                if _move_one(conn, msg, int(trash[0]), "delete"):
                    changed.append(row_id)
                continue
            if msg["deleted"]:
                continue
            _record(conn, "delete", msg, None, {})
            set_flags(conn, row_id, {"deleted": True})
            changed.append(row_id)
    return changed


# -- replay side -----------------------------------------------------------------------------


def pending(store: Store, account_id: int) -> list[PendingOp]:
    """The account's queued (and running) operations in the order they must be replayed."""
    rows = store.conn.execute(
        f"SELECT {_OP_COLUMNS} FROM pending_ops WHERE account_id = ? "
        "AND state IN ('pending', 'running') ORDER BY id",
        (account_id,),
    )
    return [_op(row) for row in rows]


def failures(store: Store, account_id: int) -> list[PendingOp]:
    """Operations that failed permanently or were dropped, newest first (reason in words)."""
    rows = store.conn.execute(
        f"SELECT {_OP_COLUMNS} FROM pending_ops WHERE account_id = ? "
        "AND state IN ('failed', 'dropped') ORDER BY id DESC",
        (account_id,),
    )
    return [_op(row) for row in rows]


def get_op(store: Store, op_id: int) -> PendingOp | None:
    """One operation by id, or None."""
    row = store.conn.execute(
        f"SELECT {_OP_COLUMNS} FROM pending_ops WHERE id = ?", (op_id,)
    ).fetchone()
    return None if row is None else _op(row)


def begin(store: Store, op_id: int) -> PendingOp | None:
    """Mark an op running (it can no longer be merged or cancelled locally); count the attempt.
    Returns None if the op no longer exists or is not pending (e.g. the user cancelled it)."""
    with store.transaction(durable=True) as conn:
        cursor = conn.execute(
            "UPDATE pending_ops SET state = 'running', attempts = attempts + 1 "
            "WHERE id = ? AND state IN ('pending', 'running')",
            (op_id,),
        )
        if cursor.rowcount == 0:
            return None
    return get_op(store, op_id)


def complete(store: Store, op_id: int, new_uid: int | None = None) -> None:
    """The server did it. Moves/copies get ``new_uid`` (when known) on their local row, a
    delete removes its row. The op is forgotten. Idempotent."""
    with store.transaction(durable=True) as conn:
        op = get_op(store, op_id)
        if op is None or op.state not in ACTIVE:
            return
        row_id = op.message_row
        if op.kind in ("move", "copy") and row_id is not None and op.target_folder_id:
            if new_uid is not None:
                holder = conn.execute(
                    "SELECT id FROM messages WHERE folder_id = ? AND uid = ? AND id != ?",
                    (op.target_folder_id, new_uid, row_id),
                ).fetchone()
                if holder is not None:  # the sync already fetched it: keep the server row
                    conn.execute(
                        "UPDATE pending_ops SET message_row = ? WHERE message_row = ? "
                        "AND id != ?",
                        (holder[0], row_id, op_id),
                    )
                    remove(conn, row_id)
                else:
                    conn.execute(
                        "UPDATE messages SET uid = ? WHERE id = ? AND folder_id = ?",
                        (new_uid, row_id, op.target_folder_id),
                    )
                    # later ops queued while the row waited in the target now know its UID
                    conn.execute(
                        "UPDATE pending_ops SET uid = ? WHERE message_row = ? AND folder_id = ? "
                        "AND uid IS NULL AND id != ? AND state = 'pending'",
                        (new_uid, row_id, op.target_folder_id, op_id),
                    )
        elif op.kind == "delete" and row_id is not None:
            remove(conn, row_id)
        _delete_op(conn, op_id)


def _undo(conn: sqlite3.Connection, op: PendingOp) -> None:
    row_id = op.message_row
    if row_id is None:
        return
    if op.kind == "flags":
        before = {k: bool(v) for k, v in op.payload.get("before", {}).items()}
        set_flags(conn, row_id, before)
    elif op.kind == "delete":
        set_flags(conn, row_id, {"deleted": False})
    elif op.kind == "copy":
        conn.execute(
            "DELETE FROM pending_ops WHERE message_row = ? AND id != ? AND state = 'pending'",
            (row_id, op.id),
        )
        remove(conn, row_id)
    elif op.kind == "move" and op.folder_id is not None:
        exists = conn.execute("SELECT 1 FROM messages WHERE id = ?", (row_id,)).fetchone()
        if exists:
            same = op.payload.get("uidvalidity") == _validity(conn, op.folder_id)
            relocate(conn, row_id, op.folder_id, op.uid if same else None)


def _finish(store: Store, op_id: int, state: str, reason: str) -> None:
    with store.transaction(durable=True) as conn:
        op = get_op(store, op_id)
        if op is None or op.state not in ACTIVE:
            return
        _undo(conn, op)
        conn.execute(
            "UPDATE pending_ops SET state = ?, last_error = ? WHERE id = ?",
            (state, reason, op_id),
        )


def fail(store: Store, op_id: int, reason: str, permanent: bool) -> None:
    """Record a failure. Temporary: the op goes back to 'pending' for a later retry.
    Permanent: the local change is undone and the op kept as 'failed' with ``reason``."""
    if permanent:
        _finish(store, op_id, "failed", reason)
        return
    with store.transaction(durable=True) as conn:
        conn.execute(
            "UPDATE pending_ops SET state = 'pending', last_error = ? WHERE id = ? "
            "AND state IN ('pending', 'running')",
            (reason, op_id),
        )


def drop(store: Store, op_id: int, note: str) -> None:
    """Give up an op that no longer makes sense (see the conflict rules); undo it locally and
    keep ``note`` as the reason shown to the user."""
    _finish(store, op_id, "dropped", note)


def dismiss_failures(store: Store, account_id: int) -> None:
    """Forget failed/dropped ops once the user has seen them."""
    with store.transaction(durable=True) as conn:
        conn.execute(
            "DELETE FROM pending_ops WHERE account_id = ? AND state IN ('failed', 'dropped')",
            (account_id,),
        )


_WHAT = {"flags": N_("the flag change"), "move": N_("the move"), "copy": N_("the copy"),
         "delete": N_("the deletion")}


def _shown(text: str, limit: int = 80) -> str:
    """Server-supplied text for a note: one line, no control or bidi characters, cut."""
    text = "".join(ch for ch in " ".join(text.split()) if ch.isprintable())
    return text if len(text) <= limit else text[:limit] + "…"


def _subject(conn: sqlite3.Connection, row_id: int | None) -> str:
    row = None if row_id is None else conn.execute(
        "SELECT subject FROM messages WHERE id = ?", (row_id,)).fetchone()
    return _shown(str(row[0])) if row and row[0] else ""


def _gone_note(conn: sqlite3.Connection, op: PendingOp, gone: dict[int, Folder]) -> str:
    """The note of an op ended because a folder was deleted on the server, in the rep's
    language (client.i18n): whole sentences, so a translation never glues fragments."""
    what = _(_WHAT.get(op.kind, N_("the change")))
    subject = _subject(conn, op.message_row)
    if subject:
        what = _("{change} of “{subject}”", change=what, subject=subject)
    if op.folder_id in gone:
        return _("The folder “{folder}” was deleted on the server with its messages, so {change} "
                 "was not made.", folder=_shown(gone[op.folder_id].name, 200), change=what)
    target = _shown(gone[op.target_folder_id or 0].name, 200)
    if op.kind == "move":
        source = conn.execute("SELECT name FROM folders WHERE id = ?",
                              (op.folder_id,)).fetchone()
        if source:
            return _("The folder “{folder}” was deleted on the server, so {change} into it was "
                     "not made; the message stays in “{source}”.", folder=target, change=what,
                     source=_shown(source[0], 200))
        return _("The folder “{folder}” was deleted on the server, so {change} into it was not "
                 "made.", folder=target, change=what)
    return _("The folder “{folder}” was deleted on the server, so {change} into it was not "
             "made; the original stays where it was.", folder=target, change=what)

def end_ops_of_folders(store: Store, folders: Sequence[Folder]) -> list[str]:
    """End the queued ops (pending or running) that act in one of ``folders`` or move/copy
    into one: folders the server deleted, about to leave the cache (see the conflict rules).
    Each is dropped with a note naming its folder and undone, newest first: a move into such
    a folder brings the message back to its source, a copy there is removed, the original
    stays. Returns the notes in queue order. Runs on the Store's thread, one durable
    transaction (joins the caller's); raises ``StoreWriteError``. Idempotent."""
    gone = {f.id: f for f in folders}
    if not gone:
        return []
    marks = ", ".join("?" for _ in gone)
    notes: list[str] = []
    with store.transaction(durable=True) as conn:
        rows = conn.execute(
            f"SELECT {_OP_COLUMNS} FROM pending_ops WHERE state IN ('pending', 'running') "
            f"AND (folder_id IN ({marks}) OR target_folder_id IN ({marks})) ORDER BY id DESC",
            (*gone, *gone),
        ).fetchall()
        for row in rows:
            op = _op(row)
            note = _gone_note(conn, op, gone)
            _undo(conn, op)
            conn.execute(
                "UPDATE pending_ops SET state = 'dropped', last_error = ? WHERE id = ?",
                (note, op.id),
            )
            notes.append(note)
    return notes[::-1]
