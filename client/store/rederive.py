"""Re-deriving the header columns of rows that an older header parser stored.

``messages.header_version`` says which ``client.store.derive.HEADER_VERSION`` wrote a row's
header columns (schema 10). ``Store.rederive_pending(limit, after_id)`` takes up to ``limit``
rows below the current version with ``id > after_id`` (the partial index
``messages_header_stale``, in id order), reads each stored header (only the start of the body
blob when it holds the header's end), runs ``header_columns`` — the code the insert path uses —
outside any transaction, then writes ``subject``, ``subject_key``, ``from_name``,
``from_email``, ``to_json``, ``cc_json``, ``reply_to_json``, ``sender_key``, the search row's
``subject``/``addresses`` and ``header_version`` in one transaction per batch. Only rows still
below the version are written, so a run is idempotent and resumes after a kill where it
stopped; flags, folder, UID, body, threads, preview and warnings are never touched (local-only
rows keep their place and flags). The address book reads these columns, so it follows.

A row without a stored header (listed from its header by an older version: ``body_state
'none'``, no body) is skipped and counted as ``waiting``; ``insert_messages`` re-derives it
from the one parse of the body when the body arrives (``apply_header_columns``).

``rederive_all(store)`` runs batches to the end. Thread: the Store's own (the sync runs it on
its indexing thread). Raises ``StoreWriteError`` for a disk that refuses the write.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from client.store.base import StoreBase
from client.store.cjk import bigram_text
from client.store.derive import (
    HEADER_VERSION,
    HeaderColumns,
    address_text,
    header_columns,
    sender_key,
)

#: How much of a body is read first; the whole blob only when its header ends later.
HEAD_READ = 256 * 1024
BATCH = 500

# The literal bound lets SQLite use the partial index messages_header_stale.
_STALE = f"header_version < {HEADER_VERSION:d}"


@dataclass(frozen=True, slots=True)
class RederiveBatch:
    """One batch: rows looked at (0 = none left after ``after_id``), rows re-derived, rows
    waiting for their body, the last id looked at (pass it as ``after_id`` next) and the ids
    of the re-derived rows."""

    examined: int
    updated: int
    waiting: int
    last_id: int
    ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RederiveTotals:
    """A whole run: rows re-derived, rows waiting for their body, batches written."""

    updated: int = 0
    waiting: int = 0
    batches: int = 0


def stored_header(conn: sqlite3.Connection, row_id: int) -> bytes | None:
    """The stored bytes of ``row_id`` that ``header_columns`` reads (the same result as for
    the whole body), or None when the row has no body."""
    try:
        with conn.blobopen("bodies", "raw", row_id, readonly=True) as blob:
            size = len(blob)
            head = blob.read(HEAD_READ)
            # header_block looks for CRLF CRLF first: a bare LF LF in the head is not enough
            if size <= HEAD_READ or b"\r\n\r\n" in head:
                return head
            blob.seek(0)
            return blob.read()
    except sqlite3.Error:  # no body row, not a blob, or damage: the guarded read decides
        row = conn.execute("SELECT raw FROM bodies WHERE message_id = ?", (row_id,)).fetchone()
        if row is None:
            return None
        value = row[0]
        return value.encode("utf-8", "surrogateescape") if isinstance(value, str) else bytes(value)


def apply_header_columns(conn: sqlite3.Connection, items: Sequence[tuple[int, HeaderColumns]]
                         ) -> None:
    """Write the header columns and search row of each ``(row id, columns)`` and mark the rows
    ``HEADER_VERSION``. Call inside the caller's transaction; idempotent."""
    if not items:
        return
    conn.executemany(
        "UPDATE messages SET subject = ?, subject_key = ?, from_name = ?, from_email = ?, "
        "to_json = ?, cc_json = ?, reply_to_json = ?, sender_key = ?, header_version = ? "
        "WHERE id = ?",
        [(h.subject, h.subject_key, h.from_name, h.from_email, h.to_json, h.cc_json,
          h.reply_to_json, sender_key(h.from_name, h.from_email), HEADER_VERSION, row_id)
         for row_id, h in items],
    )
    ids = json.dumps([row_id for row_id, _ in items])
    have = {int(r) for (r,) in conn.execute(
        "SELECT rowid FROM messages_fts WHERE rowid IN (SELECT value FROM json_each(?))", (ids,))}
    texts = [(row_id, bigram_text(h.subject), bigram_text(address_text(
        h.from_name, h.from_email, h.to_json, h.cc_json, h.reply_to_json))) for row_id, h in items]
    conn.executemany("UPDATE messages_fts SET subject = ?, addresses = ? WHERE rowid = ?",
                     [(subject, addresses, row_id) for row_id, subject, addresses in texts
                      if row_id in have])
    missing = [t for t in texts if t[0] not in have]
    if missing:  # no search row at all: write one, and let index_pending add the body text
        conn.executemany(
            "INSERT INTO messages_fts(rowid, subject, addresses, body, attachments) "
            "VALUES (?, ?, ?, '', '')", missing)
        conn.executemany("UPDATE messages SET indexed = 0 WHERE id = ?",
                         [(t[0],) for t in missing])


class RederiveMixin(StoreBase):
    """Background re-derivation of header columns (see the module docstring)."""

    def pending_rederive_count(self) -> int:
        """Rows below ``HEADER_VERSION`` that have a stored header to re-derive from."""
        return int(self.conn.execute(
            f"SELECT count(*) FROM messages m WHERE m.{_STALE} AND EXISTS "
            "(SELECT 1 FROM bodies b WHERE b.message_id = m.id)").fetchone()[0])

    def rederive_pending(self, limit: int = BATCH, after_id: int = 0) -> RederiveBatch:
        """Re-derive up to ``limit`` rows below the version with ``id > after_id``; one
        transaction. Resumable and idempotent."""
        ids = [int(r) for (r,) in self.conn.execute(
            f"SELECT id FROM messages WHERE {_STALE} AND id > ? ORDER BY id LIMIT ?",
            (after_id, limit))]
        if not ids:
            return RederiveBatch(0, 0, 0, after_id)
        parsed: list[tuple[int, HeaderColumns]] = []
        waiting = 0
        for row_id in ids:
            head = stored_header(self.conn, row_id)
            if head is None:
                waiting += 1
            else:
                parsed.append((row_id, header_columns(head)))
        with self.transaction() as conn:
            still = {int(r) for (r,) in conn.execute(
                f"SELECT id FROM messages WHERE {_STALE} AND id IN "
                "(SELECT value FROM json_each(?))", (json.dumps([i for i, _ in parsed]),))}
            parsed = [item for item in parsed if item[0] in still]
            apply_header_columns(conn, parsed)
        return RederiveBatch(len(ids), len(parsed), waiting, ids[-1], tuple(i for i, _ in parsed))


def rederive_all(store: RederiveMixin, *, batch: int = BATCH,
                 cancel: threading.Event | None = None) -> RederiveTotals:
    """Run ``rederive_pending`` from the first row to the last (or until ``cancel`` is set);
    each batch commits on its own, so a stop keeps the finished batches."""
    after, updated, waiting, batches = 0, 0, 0, 0
    while cancel is None or not cancel.is_set():
        done = store.rederive_pending(batch, after)
        if not done.examined:
            break
        after = done.last_id
        updated, waiting, batches = updated + done.updated, waiting + done.waiting, batches + 1
    return RederiveTotals(updated, waiting, batches)
