"""Deferred full-text indexing: parse stored bodies and fill ``messages_fts``.

``insert_messages`` already indexes subject and addresses, so a new message is found by those
at once. ``index_pending(limit)`` is resumable and idempotent: it picks rows with
``indexed = 0``, parses them with ``client.mime.search_parse`` outside any transaction, then
rewrites their FTS rows with the body and attachment names, and sets preview and attachment
flag, in one short transaction. A body that cannot be parsed gets
``indexed = 2`` (its subject and addresses are still indexed) so it is not retried forever.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from client.store.base import StoreBase
from client.store.cjk import bigram_text
from client.store.derive import address_text

if TYPE_CHECKING:
    from client.mime.model import Limits


@cache
def index_limits() -> Limits:
    """The parser's limits for indexing: search needs bodies and attachment names, not
    attachment bytes, so those are not decoded (the MIME model loads on the first call)."""
    from client.mime.model import DEFAULT_LIMITS

    return replace(DEFAULT_LIMITS, decode_attachments=False)


PREVIEW_CHARS = 200
#: Bytes of bodies one ``index_pending`` chunk reads at most (peak memory of the indexer).
INDEX_BATCH_BYTES = 32 * 1024 * 1024
BODY_INDEX_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class IndexedText:
    """What one message contributes to search and the list."""

    row_id: int
    subject: str
    addresses: str
    body: str
    attachments: str
    preview: str
    has_attachments: bool
    state: int


def extract(row_id: int, subject: str, addresses: str, raw: bytes | None) -> IndexedText:
    """Parse one body into searchable text; never raises (state 2 on a parser failure)."""
    if not raw:
        return IndexedText(row_id, subject, addresses, "", "", "", False, 1)
    from client.mime import body_search_text, preview_text
    from client.mime.search_parse import parse_for_search

    try:
        parsed = parse_for_search(raw, index_limits())
        body = str(body_search_text(parsed) or "")[:BODY_INDEX_CHARS]
        names = [a.filename for a in parsed.attachments if a.filename and not a.inline]
        has_attachments = any(not a.inline for a in parsed.attachments)
        preview = " ".join(str(preview_text(parsed) or "").split())[:PREVIEW_CHARS]
        return IndexedText(row_id, subject, addresses, body, " ".join(names), preview,
                           has_attachments, 1)
    except Exception:  # noqa: BLE001 - a parser bug must not stop indexing of the other messages
        return IndexedText(row_id, subject, addresses, "", "", "", False, 2)


class IndexingMixin(StoreBase):
    """Body indexing, called by the sync after fetching (any thread with its own Store)."""

    def pending_index_count(self) -> int:
        """How many messages still wait for body indexing."""
        return int(self.conn.execute("SELECT count(*) FROM messages WHERE indexed = 0")
                   .fetchone()[0])

    def index_pending(self, limit: int = 500, *, bodies_only: bool = False,
                      max_bytes: int = INDEX_BATCH_BYTES) -> int:
        """Index up to ``limit`` unindexed messages, at most ``max_bytes`` of bodies (at least
        one message); return how many were done (0 = none left). ``bodies_only`` skips rows
        still waiting for their body (``body_state='none'``): the index process uses it while
        a sync's body pass runs, so a row is not indexed twice."""
        waiting = " AND body_state != 'none'" if bodies_only else ""
        take: list[int] = []
        total = 0
        for row_id, size in self.conn.execute(
            f"SELECT id, size FROM messages WHERE indexed = 0{waiting} ORDER BY id LIMIT ?",
            (limit,),
        ):
            if take and total + int(size or 0) > max_bytes:
                break  # bodies are read whole: bound what one chunk holds in memory
            take.append(int(row_id))
            total += int(size or 0)
        if not take:
            return 0
        rows = self.conn.execute(
            "SELECT m.id, m.subject, m.from_name, m.from_email, m.to_json, m.cc_json, "
            "m.reply_to_json, b.raw FROM messages m LEFT JOIN bodies b ON b.message_id = m.id "
            "WHERE m.id IN (SELECT value FROM json_each(?)) AND m.indexed = 0 ORDER BY m.id",
            (json.dumps(take),),
        ).fetchall()
        if not rows:
            return 0
        texts = [
            extract(
                int(row_id), subject,
                address_text(from_name, from_email, to_json, cc_json, reply_json),
                None if raw is None else bytes(raw),
            )
            for row_id, subject, from_name, from_email, to_json, cc_json, reply_json, raw in rows
        ]
        with self.transaction() as conn:
            ids = json.dumps([t.row_id for t in texts])
            # Subject and addresses as they are now: a re-derivation (client.store.rederive)
            # may have corrected them since the read above.
            current = {
                int(i): (subject, address_text(name, email, to_json, cc_json, reply_json))
                for i, subject, name, email, to_json, cc_json, reply_json in conn.execute(
                    "SELECT id, subject, from_name, from_email, to_json, cc_json, reply_to_json "
                    "FROM messages WHERE indexed = 0 AND id IN (SELECT value FROM json_each(?))",
                    (ids,),
                )
            }
            texts = [replace(t, subject=current[t.row_id][0], addresses=current[t.row_id][1])
                     for t in texts if t.row_id in current]
            conn.execute(
                "DELETE FROM messages_fts WHERE rowid IN (SELECT value FROM json_each(?))",
                (json.dumps([t.row_id for t in texts]),),
            )
            conn.executemany(
                "INSERT INTO messages_fts(rowid, subject, addresses, body, attachments) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (t.row_id, bigram_text(t.subject), bigram_text(t.addresses),
                     bigram_text(t.body), bigram_text(t.attachments))
                    for t in texts
                ],
            )
            conn.executemany(
                "UPDATE messages SET indexed = ?, preview = CASE WHEN ? != '' THEN ? "
                "ELSE preview END, has_attachments = CASE WHEN ? = 1 THEN 1 "
                "ELSE has_attachments * (body_state != 'full') END WHERE id = ?",
                [(t.state, t.preview, t.preview, int(t.has_attachments), t.row_id)
                 for t in texts],
            )
        return len(rows)
