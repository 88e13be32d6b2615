"""Subject and address search rows of header-listed messages, added after the listing.

Why (issue 17): a row the header-first pass lists (``body_state='none'``) used to get its
``messages_fts`` row (CJK bigrams of subject and addresses) in the same insert: about a quarter
of the listing's insert CPU. ``Store.insert_messages`` now leaves that row out for such
messages (``listed_without_search_row``) and the sync calls ``add_listed_search_rows`` once
every folder is listed, before the bodies. A row it does not reach (the sync was killed in
between) loses nothing: it is unindexed (``indexed = 0``), and ``index_pending`` writes the
subject, addresses and body of every row it indexes. Until then a subject or address search
does not find a row listed a moment ago (for about the listing's length on a first sync).

Runs on the thread that owns the ``Store``; idempotent (a row that has a search row is left as
it is, checked inside the write transaction, so an indexer elsewhere never gets a duplicate).
Raises ``StoreWriteError`` like any store write.
"""

from __future__ import annotations

from client.store.base import StoreBase
from client.store.cjk import bigram_text
from client.store.derive import address_text


def listed_without_search_row(body_state: str, fetch_error: str | None) -> bool:
    """True for a row ``insert_messages`` stores without its search row: listed from its
    header, body to follow (a placeholder for an unreadable message keeps its row at once)."""
    return body_state == "none" and fetch_error is None


_MISSING = (
    "SELECT m.id, m.subject, m.from_name, m.from_email, m.to_json, m.cc_json, m.reply_to_json "
    "FROM messages m WHERE m.indexed = 0 AND m.account_id = ? AND m.body_state = 'none' "
    "AND m.fetch_error IS NULL AND NOT EXISTS (SELECT 1 FROM messages_fts f WHERE f.rowid = m.id)")


def add_listed_search_rows(store: StoreBase, account_id: int) -> int:
    """Add the missing search rows of the account's listed, unindexed rows; how many (no
    write transaction when there are none)."""
    if store.conn.execute(_MISSING + " LIMIT 1", (account_id,)).fetchone() is None:
        return 0
    with store.transaction() as conn:
        rows = conn.execute(_MISSING, (account_id,)).fetchall()
        conn.executemany(
            "INSERT INTO messages_fts(rowid, subject, addresses, body, attachments) "
            "VALUES (?, ?, ?, '', '')",
            [(int(row_id), bigram_text(subject or ""), bigram_text(address_text(
                name or "", email or "", to_json, cc_json, reply_json)))
             for row_id, subject, name, email, to_json, cc_json, reply_json in rows])
    return len(rows)
