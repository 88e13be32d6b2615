"""Undoable triage actions and the undo history kept in the cache (schema 16, ``undo_log``).

Each action here does what the matching ``client.ops.queue`` function does (local change plus
queued server op) AND records, in the same durable transaction, how to put every message
back: ``move``, ``copy``, ``archive``, ``delete`` (to Trash, or for good) and ``mark``
(read/flag changes). ``undo_last(store)`` undoes the newest action not undone yet, also after
a restart (the history is in the cache) and offline, through the same queue:

* a move (also an archive or a delete to Trash) is undone by moving the message back with
  ``queue.move``: while the first move still waits for the server, that cancels it locally
  (the row gets its old UID back, nothing goes to the server); once it was replayed, the
  inverse move is queued. The message is found by its row (which holds the new UID from the
  server's COPYUID/MOVE reply after the replay), else by Message-ID in the target folder;
* a copy is undone by removing the copy: a local copy whose op still waits is dropped with
  its op, one already on the server is deleted there for good;
* a deletion for good can be undone only while its op still waits for the server (the
  message is shown again and the op forgotten); once expunged it is gone and a note says so;
* a flag change is undone by setting the old values (opposite pending changes cancel).

Functions take the caller's ``Store`` and run on its thread; they raise ``StoreWriteError``
(nothing changed) and ``ValueError`` (no such folder, a local-only target). ``undo_last`` is
not idempotent (each call undoes one more action); undoing an undone action is impossible.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from client.i18n import _
from client.ops import queue
from client.store import Store

#: how many actions the history keeps (older ones are forgotten)
KEEP = 100
KINDS = ("move", "copy", "archive", "delete", "purge", "flags")


@dataclass(frozen=True)
class Action:
    """What an undoable call did: the history entry (None when nothing changed)."""

    entry_id: int | None
    kind: str
    changed: list[int]
    #: for a delete: how many went to Trash and how many were deleted for good
    to_trash: int = 0
    for_good: int = 0


@dataclass(frozen=True)
class Entry:
    """One action of the history."""

    id: int
    kind: str
    account_id: int | None
    items: list[dict[str, Any]]
    created: float
    undone: float | None

    def to_json(self) -> dict[str, Any]:
        """The shape of ``tradewind undo --list --json`` (docs/cli.md)."""
        return {"id": self.id, "action": self.kind, "messages": len(self.items),
                "account_id": self.account_id, "created": _iso(self.created),
                "undone": _iso(self.undone) if self.undone else None}


@dataclass
class UndoResult:
    """What ``undo_last`` did: the entry undone, the rows put back, notes in words."""

    entry: Entry
    restored: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The shape of ``tradewind undo --json`` (docs/cli.md)."""
        return {"id": self.entry.id, "action": self.entry.kind,
                "messages": len(self.entry.items), "restored": self.restored,
                "notes": self.notes}


def _iso(stamp: float | None) -> str | None:
    from datetime import UTC, datetime

    return None if stamp is None else datetime.fromtimestamp(stamp, UTC).isoformat(
        timespec="seconds")


# -- recording -------------------------------------------------------------------------------


def _rows(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for row_id in ids:
        row = conn.execute(
            "SELECT id, account_id, folder_id, message_id, seen, flagged, deleted "
            "FROM messages WHERE id = ?", (int(row_id),)).fetchone()
        if row is not None:
            found[int(row[0])] = {"account_id": row[1], "folder_id": row[2],
                                  "message_id": row[3], "seen": bool(row[4]),
                                  "flagged": bool(row[5]), "deleted": bool(row[6])}
    return found


def _record(conn: sqlite3.Connection, kind: str, items: list[dict[str, Any]],
            accounts: set[int]) -> int | None:
    if not items:
        return None
    account = next(iter(accounts)) if len(accounts) == 1 else None
    cursor = conn.execute(
        "INSERT INTO undo_log(account_id, kind, items_json, created) VALUES (?, ?, ?, ?)",
        (account, kind, json.dumps(items, ensure_ascii=False), time.time()))
    conn.execute("DELETE FROM undo_log WHERE id <= (SELECT max(id) FROM undo_log) - ?", (KEEP,))
    return int(cursor.lastrowid or 0)


def move(store: Store, ids: Iterable[int], target_folder_id: int, *,
         kind: str = "move") -> Action:
    """``queue.move`` and its history entry (``kind`` "archive" for an archive)."""
    with store.transaction(durable=True) as conn:
        before = _rows(conn, ids)
        moved = queue.move(store, list(before), target_folder_id)
        items = [{"row": r, "from": before[r]["folder_id"], "to": target_folder_id,
                  "message_id": before[r]["message_id"]} for r in moved]
        entry = _record(conn, kind, items, {before[r]["account_id"] for r in moved})
    return Action(entry, kind, moved)


def archive(store: Store, ids: Iterable[int], archive_folder_id: int) -> Action:
    """Move to the account's archive folder (found by ``client.ops.archive``)."""
    return move(store, ids, archive_folder_id, kind="archive")


def copy(store: Store, ids: Iterable[int], target_folder_id: int) -> Action:
    """``queue.copy`` and its history entry; ``changed`` holds the new rows."""
    with store.transaction(durable=True) as conn:
        before = _rows(conn, ids)
        created = queue.copy(store, list(before), target_folder_id)
        after = _rows(conn, created)
        items = [{"row": r, "to": target_folder_id, "message_id": after[r]["message_id"]}
                 for r in created]
        entry = _record(conn, "copy", items, {after[r]["account_id"] for r in created})
    return Action(entry, "copy", created)


def delete(store: Store, ids: Iterable[int], *, for_good: bool = False) -> Action:
    """``queue.delete`` (to Trash, or for good in Trash / without Trash / ``for_good``) and
    its history entry. A local copy whose copy op had not run is simply removed (not undoable:
    the original is still there)."""
    with store.transaction(durable=True) as conn:
        before = _rows(conn, ids)
        changed = queue.delete(store, list(before), for_good=for_good)
        after = _rows(conn, changed)
        moves: list[dict[str, Any]] = []
        purges: list[dict[str, Any]] = []
        for row in changed:
            now, then = after.get(row), before[row]
            if now is None:
                continue
            if now["folder_id"] != then["folder_id"]:
                moves.append({"row": row, "from": then["folder_id"], "to": now["folder_id"],
                              "message_id": then["message_id"]})
            elif now["deleted"]:
                purges.append({"row": row, "folder": then["folder_id"],
                               "message_id": then["message_id"]})
        accounts = {before[r]["account_id"] for r in changed}
        kind = "purge" if purges and not moves else "delete"
        items = moves + purges
        entry = _record(conn, kind, items, accounts)
    return Action(entry, kind, changed, to_trash=len(moves), for_good=len(purges))


def mark(store: Store, ids: Iterable[int], *, seen: bool | None = None,
         flagged: bool | None = None) -> Action:
    """``queue.mark`` and its history entry (the old values of what changed)."""
    with store.transaction(durable=True) as conn:
        before = _rows(conn, ids)
        changed = queue.mark(store, list(before), seen=seen, flagged=flagged)
        items = []
        for row in changed:
            old = {name: before[row][name] for name, wanted in
                   (("seen", seen), ("flagged", flagged))
                   if wanted is not None and before[row][name] != wanted}
            items.append({"row": row, "folder": before[row]["folder_id"],
                          "message_id": before[row]["message_id"], "before": old})
        entry = _record(conn, "flags", items, {before[r]["account_id"] for r in changed})
    return Action(entry, "flags", changed)


# -- the history -------------------------------------------------------------------------------


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(int(row[0]), str(row[1]), row[2], json.loads(row[3]), float(row[4]), row[5])


_COLUMNS = "id, kind, account_id, items_json, created, undone"


def history(store: Store, limit: int = 20) -> list[Entry]:
    """The newest actions first (undone ones included, marked)."""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM undo_log ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [_entry(r) for r in rows]


def last_undoable(store: Store) -> Entry | None:
    """The action ``undo_last`` would undo, or None."""
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM undo_log WHERE undone IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else _entry(row)


def undo_last(store: Store) -> UndoResult | None:
    """Undo the newest action not undone yet (see the module docstring); None when there is
    none. Messages that cannot be put back (deleted or moved again since, expunged) are
    named in ``notes``; the entry counts as undone either way."""
    with store.transaction(durable=True) as conn:
        entry = last_undoable(store)
        if entry is None:
            return None
        result = UndoResult(entry)
        if entry.kind in ("move", "archive", "delete"):
            _undo_moves(store, conn, [i for i in entry.items if "from" in i], result)
            _undo_purges(conn, [i for i in entry.items if "folder" in i], result)
        elif entry.kind == "purge":
            _undo_purges(conn, entry.items, result)
        elif entry.kind == "copy":
            _undo_copies(store, conn, entry.items, result)
        elif entry.kind == "flags":
            _undo_flags(store, conn, entry.items, result)
        conn.execute("UPDATE undo_log SET undone = ? WHERE id = ?", (time.time(), entry.id))
    return result


def _find(conn: sqlite3.Connection, item: dict[str, Any], folder_id: int) -> int | None:
    """The row of ``item``'s message in ``folder_id``: its own row, else by Message-ID."""
    row = conn.execute("SELECT folder_id, deleted FROM messages WHERE id = ?",
                       (item["row"],)).fetchone()
    if row is not None and row[0] == folder_id and not row[1]:
        return int(item["row"])
    if not item.get("message_id"):
        return None
    found = conn.execute(
        "SELECT id FROM messages WHERE folder_id = ? AND message_id = ? AND deleted = 0 "
        "ORDER BY uid IS NULL, id DESC LIMIT 1", (folder_id, item["message_id"])).fetchone()
    return None if found is None else int(found[0])


def _not_found_note(count: int) -> str:
    return _("{count} message(s) could not be put back: they were moved or deleted since.",
             count=count)


def _undo_moves(store: Store, conn: sqlite3.Connection, items: list[dict[str, Any]],
                result: UndoResult) -> None:
    missing = 0
    by_source: dict[int, list[int]] = {}
    for item in items:
        row = _find(conn, item, int(item["to"]))
        if row is None:
            missing += 1
        else:
            by_source.setdefault(int(item["from"]), []).append(row)
    for source, rows in by_source.items():
        try:
            result.restored += queue.move(store, rows, source)
        except ValueError:
            missing += len(rows)  # the source folder is gone from the cache
    if missing:
        result.notes.append(_not_found_note(missing))


def _undo_purges(conn: sqlite3.Connection, items: list[dict[str, Any]],
                 result: UndoResult) -> None:
    gone = 0
    for item in items:
        op = conn.execute(
            "SELECT id FROM pending_ops WHERE message_row = ? AND kind = 'delete' "
            "AND state = 'pending' ORDER BY id DESC LIMIT 1", (item["row"],)).fetchone()
        if op is None:
            gone += 1
            continue
        conn.execute("DELETE FROM pending_ops WHERE id = ?", (op[0],))
        from client.store.local_rows import set_flags

        set_flags(conn, int(item["row"]), {"deleted": False})
        result.restored.append(int(item["row"]))
    if gone:
        result.notes.append(_(
            "{count} message(s) deleted for good were already removed from the server and "
            "cannot be brought back.", count=gone))


def _undo_copies(store: Store, conn: sqlite3.Connection, items: list[dict[str, Any]],
                 result: UndoResult) -> None:
    rows = [r for r in (_find(conn, i, int(i["to"])) for i in items) if r is not None]
    result.restored += queue.delete(store, rows, for_good=True)
    if len(rows) < len(items):
        result.notes.append(_not_found_note(len(items) - len(rows)))


def _undo_flags(store: Store, conn: sqlite3.Connection, items: list[dict[str, Any]],
                result: UndoResult) -> None:
    missing = 0
    groups: dict[tuple[bool | None, bool | None], list[int]] = {}
    for item in items:
        row = conn.execute("SELECT 1 FROM messages WHERE id = ?", (item["row"],)).fetchone()
        row_id: int | None = int(item["row"]) if row is not None else _find(
            conn, item, int(item["folder"]))
        if row_id is None:
            missing += 1
            continue
        old = item.get("before", {})
        groups.setdefault((old.get("seen"), old.get("flagged")), []).append(row_id)
    for (seen, flagged), rows in groups.items():
        queue.mark(store, rows, seen=seen, flagged=flagged)
        result.restored += rows
    if missing:
        result.notes.append(_not_found_note(missing))
