"""Primitive changes to local message rows used by ``client.ops.queue``.

Each function runs inside the caller's write transaction (``conn`` is the Store's connection)
and keeps ``messages``, ``bodies``, ``message_refs`` and ``messages_fts`` consistent.
"""

from __future__ import annotations

import json
import sqlite3

from client.store.rows import apply_overrides, flag_columns


def next_row_id(conn: sqlite3.Connection) -> int:
    """A fresh ``messages.id``: above every id and every thread label still in use, so a new
    row can never join an unrelated thread by reusing a deleted id."""
    top_id = conn.execute("SELECT max(id) FROM messages").fetchone()[0] or 0
    top_thread = conn.execute("SELECT max(thread_id) FROM messages").fetchone()[0] or 0
    return max(int(top_id), int(top_thread)) + 1


def set_flags(conn: sqlite3.Connection, row_id: int, overrides: dict[str, bool]) -> bool:
    """Force named system flags (``seen``, ``flagged``, ``deleted``, …) on one row.

    Returns False if the row does not exist.
    """
    row = conn.execute("SELECT flags_json FROM messages WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        return False
    flags = apply_overrides(tuple(json.loads(row[0])), overrides)
    conn.execute(
        "UPDATE messages SET flags_json = ?, seen = ?, flagged = ?, answered = ?, draft = ?, "
        "deleted = ? WHERE id = ?",
        (*flag_columns(flags), row_id),
    )
    return True


def relocate(conn: sqlite3.Connection, row_id: int, folder_id: int, uid: int | None) -> None:
    """Put a row in ``folder_id`` with ``uid`` (None = local copy awaiting the server).

    If another row already holds (folder, uid) the UID is dropped (the row stays local-only
    and will be matched by Message-ID at the next sync).
    """
    if uid is not None:
        taken = conn.execute(
            "SELECT 1 FROM messages WHERE folder_id = ? AND uid = ? AND id != ?",
            (folder_id, uid, row_id),
        ).fetchone()
        if taken:
            uid = None
    conn.execute(
        "UPDATE messages SET folder_id = ?, uid = ? WHERE id = ?", (folder_id, uid, row_id)
    )


def _columns(conn: sqlite3.Connection) -> list[str]:
    names = [str(r[1]) for r in conn.execute("PRAGMA table_info(messages)")]
    return [n for n in names if n not in ("id", "folder_id", "uid")]


def duplicate(conn: sqlite3.Connection, row_id: int, folder_id: int) -> int | None:
    """Copy a row (with body, refs and search text) into ``folder_id`` as a local-only row.

    Returns the new row id, or None if the source row does not exist.
    """
    if conn.execute("SELECT 1 FROM messages WHERE id = ?", (row_id,)).fetchone() is None:
        return None
    new_id = next_row_id(conn)
    columns = ", ".join(_columns(conn))
    conn.execute(
        f"INSERT INTO messages(id, folder_id, uid, {columns}) "
        f"SELECT ?, ?, NULL, {columns} FROM messages WHERE id = ?",
        (new_id, folder_id, row_id),
    )
    conn.execute(
        "INSERT INTO bodies(message_id, raw) SELECT ?, raw FROM bodies WHERE message_id = ?",
        (new_id, row_id),
    )
    conn.execute(
        "INSERT INTO message_refs(message_id, ref) SELECT ?, ref FROM message_refs "
        "WHERE message_id = ?",
        (new_id, row_id),
    )
    conn.execute(
        "INSERT INTO messages_fts(rowid, subject, addresses, body, attachments) "
        "SELECT ?, subject, addresses, body, attachments FROM messages_fts WHERE rowid = ?",
        (new_id, row_id),
    )
    return new_id


def remove(conn: sqlite3.Connection, row_id: int) -> None:
    """Delete one row (body, refs and search text go with it)."""
    conn.execute("DELETE FROM messages WHERE id = ?", (row_id,))
