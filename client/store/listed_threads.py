"""Threads of header-listed rows, assigned after the listing (issue 17).

Why: ``threads.assign_threads`` (union-find over Message-ID and References, one subject query
per row without references) was about a third of the header-first listing's insert CPU. A
batch whose new rows are all listed from their header (``body_state='none'``) is stored with
``thread_id`` NULL and its ``ThreadInput``s wait on the store (``ListedThreads.waiting``);
``thread_listed`` assigns them once every folder is listed. Any insert that threads at once
first assigns what waits (``flush``), so ``assign_threads`` runs over the same batches in the
same order as when every insert threaded itself, and the threads come out identical: it only
looks at rows that have a thread. Until then a listed row has no thread; every reader copes
(the list groups by ``coalesce(thread_id, -id)``, a conversation of one row). Rows a killed
sync left without a thread are threaded from their columns by the next ``thread_listed``.

All functions run on the ``Store``'s thread inside or outside its write transaction (they
join the caller's); idempotent (a row that has a thread is never touched again). Raise
``StoreWriteError`` like any store write.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from client.store.derive import subject_key
from client.store.threads import ThreadInput, assign_threads

#: Leftover rows are threaded in chunks of this many (the listing's batch size).
LEFTOVER_CHUNK = 500


@dataclass
class ListedThreads:
    """The store's batches waiting for threads: ``(account id, inputs)`` in insert order."""

    waiting: list[tuple[int, list[ThreadInput]]] = field(default_factory=list)

    def defer(self, account_id: int, inputs: list[ThreadInput]) -> None:
        if inputs:
            self.waiting.append((account_id, inputs))

    def flush(self, conn: sqlite3.Connection) -> list[int]:
        """Thread every waiting batch, in order; the ids of the rows that got a thread."""
        done: list[int] = []
        while self.waiting:
            account_id, inputs = self.waiting.pop(0)
            # Only rows still there and still unthreaded (a rolled-back insert left ids that
            # another row may have taken since: the Message-ID and date must match too).
            found = {int(i): (m, d) for i, m, d in conn.execute(
                "SELECT id, message_id, sort_date FROM messages WHERE thread_id IS NULL "
                "AND id IN (SELECT value FROM json_each(?))",
                (_ids_json([t.row_id for t in inputs]),))}
            alive = [t for t in inputs if found.get(t.row_id) == (t.message_id, t.sort_date)]
            assign_threads(conn, account_id, alive)
            done.extend(t.row_id for t in alive)
        return done


def _ids_json(ids: list[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def _leftovers(conn: sqlite3.Connection, account_id: int) -> list[ThreadInput]:
    """Unthreaded rows of the account rebuilt from their columns, in id order."""
    rows = conn.execute(
        "SELECT id, message_id, subject, subject_key, sort_date FROM messages "
        "WHERE account_id = ? AND thread_id IS NULL ORDER BY id", (account_id,)).fetchall()
    if not rows:
        return []
    refs: dict[int, list[str]] = {}
    for row_id, ref in conn.execute(
            "SELECT message_id, ref FROM message_refs WHERE message_id IN "
            "(SELECT value FROM json_each(?))", (_ids_json([int(r[0]) for r in rows]),)):
        refs.setdefault(int(row_id), []).append(str(ref))
    return [ThreadInput(int(row_id), message_id, tuple(sorted(refs.get(int(row_id), ()))),
                        key or "", subject_key(subject or "")[1], float(sort_date or 0.0))
            for row_id, message_id, subject, key, sort_date in rows]


def thread_listed(conn: sqlite3.Connection, listed: ListedThreads,
                  account_id: int) -> list[int]:
    """Thread the waiting batches, then any row of the account still without a thread;
    the ids of the rows threaded. The caller holds the write transaction."""
    done = listed.flush(conn)
    left = _leftovers(conn, account_id)
    for start in range(0, len(left), LEFTOVER_CHUNK):
        chunk = left[start:start + LEFTOVER_CHUNK]
        assign_threads(conn, account_id, chunk)
        done.extend(t.row_id for t in chunk)
    return done
