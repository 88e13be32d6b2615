"""Thread assignment: References/In-Reply-To across all folders of an account, with merging.

Two messages share a thread when one's Message-ID appears in the other's references, or when
they reference a common Message-ID (siblings whose parent is missing), or when they are copies
with the same Message-ID (a reply in Sent joins its thread). A parent arriving after its
children merges their threads (``message_refs`` is indexed by message and by ref). Only a
message with no references at all falls back to its normalised subject: it joins the nearest
message that also has no references, the same normalised subject, a date within
``SUBJECT_WINDOW`` seconds, and where one of the two carries a reply/forward prefix.

``assign_threads`` runs inside the caller's write transaction on the caller's thread.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from client.store.derive import subject_key

SUBJECT_WINDOW = 30 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class ThreadInput:
    """What threading needs to know about one newly inserted row."""

    row_id: int
    message_id: str | None
    refs: tuple[str, ...]
    subject_key: str
    reply_subject: bool
    sort_date: float


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        parent = self.parent.setdefault(node, node)
        if parent != node:
            root = self.find(parent)
            self.parent[node] = root
            return root
        return node

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def assign_threads(conn: sqlite3.Connection, account_id: int, rows: list[ThreadInput]) -> None:
    """Give every row in ``rows`` (thread_id still NULL) a thread, merging threads as needed."""
    if not rows:
        return
    uf = _UnionFind()
    keys: set[str] = set()
    for row in rows:
        node = f"r:{row.row_id}"
        uf.find(node)
        for key in ((row.message_id,) if row.message_id else ()) + row.refs:
            keys.add(key)
            uf.union(node, f"k:{key}")
    existing: set[int] = set()
    if keys:
        key_json = json.dumps(sorted(keys))
        related = conn.execute(
            "SELECT message_id, thread_id FROM messages WHERE account_id = ? "
            "AND message_id IN (SELECT value FROM json_each(?)) AND thread_id IS NOT NULL",
            (account_id, key_json),
        ).fetchall()
        related += conn.execute(
            "SELECT r.ref, m.thread_id FROM message_refs r CROSS JOIN messages m "
            "ON m.id = r.message_id "
            "WHERE r.ref IN (SELECT value FROM json_each(?)) AND m.account_id = ? "
            "AND m.thread_id IS NOT NULL",
            (key_json, account_id),
        ).fetchall()
        for key, thread_id in related:
            existing.add(int(thread_id))
            uf.union(f"t:{int(thread_id)}", f"k:{key}")
    components: dict[str, list[str]] = {}
    for node in list(uf.parent):
        components.setdefault(uf.find(node), []).append(node)
    updates: list[tuple[int, int]] = []
    merges: list[tuple[int, int]] = []
    fallback: list[ThreadInput] = []
    by_id = {row.row_id: row for row in rows}
    for members in components.values():
        row_ids = sorted(int(n[2:]) for n in members if n.startswith("r:"))
        if not row_ids:
            continue
        thread_ids = sorted(int(n[2:]) for n in members if n.startswith("t:"))
        if not thread_ids and len(row_ids) == 1 and not by_id[row_ids[0]].refs:
            fallback.append(by_id[row_ids[0]])
            continue
        keep = thread_ids[0] if thread_ids else row_ids[0]
        merges.extend((keep, other) for other in thread_ids[1:])
        updates.extend((keep, row_id) for row_id in row_ids)
    if merges:
        conn.executemany(
            "UPDATE messages SET thread_id = ? WHERE account_id = ? AND thread_id = ?",
            [(keep, account_id, other) for keep, other in merges],
        )
    if updates:
        conn.executemany("UPDATE messages SET thread_id = ? WHERE id = ?", updates)
    for row in sorted(fallback, key=lambda r: (r.sort_date, r.row_id)):
        thread = _subject_thread(conn, account_id, row) or row.row_id
        conn.execute("UPDATE messages SET thread_id = ? WHERE id = ?", (thread, row.row_id))


def _subject_thread(conn: sqlite3.Connection, account_id: int, row: ThreadInput) -> int | None:
    """The thread of a nearby message with the same normalised subject, if one qualifies."""
    if not row.subject_key:
        return None
    candidates = conn.execute(
        "SELECT m.thread_id, m.subject FROM messages m WHERE m.account_id = ? "
        "AND m.subject_key = ? AND m.sort_date BETWEEN ? AND ? AND m.thread_id IS NOT NULL "
        "AND m.id != ? AND NOT EXISTS (SELECT 1 FROM message_refs r WHERE r.message_id = m.id) "
        "ORDER BY abs(m.sort_date - ?) LIMIT 20",
        (account_id, row.subject_key, row.sort_date - SUBJECT_WINDOW,
         row.sort_date + SUBJECT_WINDOW, row.row_id, row.sort_date),
    ).fetchall()
    for thread_id, subject in candidates:
        if row.reply_subject or subject_key(subject)[1]:
            return int(thread_id)
    return None
