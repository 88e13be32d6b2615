"""The registry of "local tables": rows that exist only on this computer and must survive a
cache rebuild (``client.store.recovery``).

Each ``LocalTable`` says where its rows live (``table`` + optional ``where``), how to put them
back into a fresh cache (columns to ``reset``, references that must exist or become NULL, what
to do on a key conflict, an optional ``after_insert`` hook) and in which order: entries are
imported in list order, so a table comes after the tables it references (accounts first).
The list is explicit and complete: every local-only table of every feature is named here (not
registered by the feature's module at import, which made a rebuild's contents depend on what the
process had imported). A table that does not exist in a cache is simply skipped. Pure data; any
thread.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from client.store.cjk import bigram_text
from client.store.derive import address_text

#: (connection of the fresh cache, the row as inserted) -> None; runs inside the import.
AfterInsert = Callable[[sqlite3.Connection, Mapping[str, Any]], None]


@dataclass(frozen=True)
class LocalTable:
    """One kind of local-only row.

    ``name``: key in the export file; ``table``: SQL table; ``where``: filter on ``table``
    (SQL text of this module, never user input); ``reset``: column values forced on import;
    ``required``: column -> referenced table, the row is skipped (and listed) when the
    referenced row is not in the fresh cache; ``optional``: column -> referenced table, set to
    NULL when missing (as ``ON DELETE SET NULL`` would); ``replace``: an imported row wins a
    key conflict (else the conflict is listed); ``label``: words for people.
    """

    name: str
    table: str
    label: str
    where: str = ""
    reset: Mapping[str, Any] = field(default_factory=dict)
    required: Mapping[str, str] = field(default_factory=dict)
    optional: Mapping[str, str] = field(default_factory=dict)
    replace: bool = False
    after_insert: AfterInsert | None = None


def _local_message_inserted(conn: sqlite3.Connection, row: Mapping[str, Any]) -> None:
    """A re-imported local copy gets its own thread label, its references and search text
    (the body text is indexed again by ``index_pending``)."""
    row_id = int(row["id"])
    refs = list(json.loads(row.get("references_json") or "[]"))
    if row.get("in_reply_to"):
        refs.append(str(row["in_reply_to"]))
    conn.execute("UPDATE messages SET thread_id = ?, indexed = 0 WHERE id = ?", (row_id, row_id))
    conn.executemany(
        "INSERT OR IGNORE INTO message_refs(message_id, ref) VALUES (?, ?)",
        [(row_id, ref) for ref in refs if ref],
    )
    addresses = address_text(
        str(row.get("from_name") or ""), str(row.get("from_email") or ""),
        str(row.get("to_json") or "[]"), str(row.get("cc_json") or "[]"),
        str(row.get("reply_to_json") or "[]"),
    )
    conn.execute(
        "INSERT INTO messages_fts(rowid, subject, addresses, body, attachments) "
        "VALUES (?, ?, ?, '', '')",
        (row_id, bigram_text(str(row.get("subject") or "")), bigram_text(addresses)),
    )


_FOLDER_SYNC_STATE = {
    "uidvalidity": None, "uidnext": None, "highestmodseq": None, "exists_count": None,
    "synced_uid": 0, "last_sync": None, "last_error": None,
}

LOCAL_TABLES: list[LocalTable] = [
    LocalTable("accounts", "accounts", "accounts"),
    # Folders come back from the server, but queued changes and local copies name them by id.
    LocalTable("folders", "folders", "folders", reset=_FOLDER_SYNC_STATE,
               required={"account_id": "accounts"}),
    LocalTable("settings", "settings", "settings", replace=True),
    LocalTable("identities", "identities", "identities", required={"account_id": "accounts"}),
    LocalTable("local_messages", "messages", "local copies waiting for the server",
               where="uid IS NULL", reset={"thread_id": None},
               required={"account_id": "accounts", "folder_id": "folders"},
               after_insert=_local_message_inserted),
    LocalTable("local_bodies", "bodies", "bodies of those copies",
               where="message_id IN (SELECT id FROM messages WHERE uid IS NULL)",
               required={"message_id": "messages"}),
    LocalTable("pending_ops", "pending_ops", "queued changes",
               required={"account_id": "accounts"},
               optional={"message_row": "messages", "folder_id": "folders",
                         "target_folder_id": "folders"}),
    LocalTable("outbox", "outbox", "outbox messages", required={"account_id": "accounts"},
               optional={"reply_to_row": "messages", "forward_of_row": "messages"}),
    LocalTable("drafts", "drafts", "drafts", required={"account_id": "accounts"}),
    # Large files sent as links (client/uploads, schema 10): what was uploaded where, and the
    # links that were sent; the files live on the storage, only these rows know them.
    LocalTable("link_storages", "storages", "link storages", required={"account_id": "accounts"}),
    LocalTable("uploads", "uploads", "link uploads", required={"storage_id": "storages"}),
    LocalTable("upload_parts", "upload_parts", "confirmed upload parts",
               required={"upload_id": "uploads"}),
    LocalTable("links", "links", "links to uploaded files", required={"upload_id": "uploads"}),
    # Quotes (client/quotes, schema 11): the price list, number counters, quotes and lines.
    LocalTable("products", "products", "price list products"),
    LocalTable("product_prices", "product_prices", "price list prices",
               required={"product_id": "products"}),
    LocalTable("quote_sequences", "quote_sequences", "quote number counters", replace=True),
    LocalTable("quotes", "quotes", "quotes",
               optional={"account_id": "accounts", "inquiry_row": "messages"}),
    LocalTable("quote_items", "quote_items", "quote lines", required={"quote_id": "quotes"}),
    # Calendar (client/calendar, schema 14): entries and changes waiting for the CalDAV server.
    LocalTable("calendar_events", "calendar_events", "calendar entries", replace=True),
    LocalTable("calendar_changes", "calendar_changes",
               "calendar changes waiting for the CalDAV server"),
    # Fraud guard (client/security/risk_store.py, schema 17): what the rep confirmed or trusts.
    LocalTable("known_bank_details", "known_bank_details", "known bank details"),
    LocalTable("risk_allow", "risk_allow", "trusted senders (fraud guard)"),
    LocalTable("risk_settings", "risk_settings", "trusted authserv-ids",
               required={"account_id": "accounts"}),
    # Customers (client/customers, schema 18): the rep's stages, owners, notes and merges.
    LocalTable("customers", "customers", "customers", optional={"merged_into": "customers"}),
    LocalTable("customer_addresses", "customer_addresses", "customer addresses",
               required={"customer_id": "customers"}),
    # Inquiry channels (client/channels, schema 19): the rep's rules and imported lead lists.
    LocalTable("channel_rules", "channel_rules", "channel rules", replace=True),
    LocalTable("lead_addresses", "lead_addresses", "lead lists", replace=True),
    # Follow-ups (client/followups, schema 20): the rep's snoozes, done and dismissed.
    LocalTable("followups", "followups", "follow-up reminders",
               optional={"account_id": "accounts", "reply_row": "messages"}),
    LocalTable("followup_rules", "followup_rules", "follow-up days per channel"),
]

#: Tables with no local-only rows: they come from the server again (``parts``), are rebuilt
#: from the imported rows (``message_refs``, the search index) or are a cache of server data
#: (``orphan_bodies``). ``undo_log`` (schema 16) names message row ids, which a rebuild does not
#: keep, so a rebuilt cache starts with an empty undo history. With ``LOCAL_TABLES`` these name
#: every table of the schema (tests/client/store/test_local_tables.py), so a new table has to
#: be classified.
SERVER_TABLES = frozenset({"parts", "message_refs", "orphan_bodies", "messages_fts", "undo_log",
                           "risk_cache", "customer_messages", "message_tags", "inquiries"})
# risk_cache, customer_messages, message_tags and inquiries: recomputed from the mail (tags
# set by hand name message row ids, which a rebuild does not keep)
