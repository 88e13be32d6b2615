"""Rows as a Tradewind before the RFC 5322 address parser stored them (header version 0).

The old parser took the address inside a quoted display name or a comment as the sender, used
a comment as the name, and decoded 8-bit headers with the body's charset (mojibake).
``make_old(store, row_id, **columns)`` writes such values straight into ``messages`` and its
search row with SQL, as the old version would have, and marks the row header version 0.
"""

from __future__ import annotations

import json
from typing import Any

from client.store import Store
from client.store.cjk import bigram_text
from client.store.derive import address_text, sender_key, subject_key

QUOTED = (
    b'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>\r\n'
    b"To: rep@tradewind.example\r\nSubject: Invoice 4711\r\n"
    b"Message-ID: <s1@kunde-invoices.example>\r\n"
    b"Date: Mon, 02 Nov 2026 09:00:00 +0000\r\n\r\nPlease pay to our new account.\r\n"
)
COMMENT = (
    b"From: (CEO <ceo@yourco.com>) x@evil.example\r\n"
    b"To: rep@tradewind.example\r\nSubject: Urgent transfer\r\nMessage-ID: <s2@evil.example>\r\n"
    b"Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\nDo it today.\r\n"
)
GENUINE = (
    b"From: Anna Huber <anna.huber@kunde.example>\r\n"
    b"To: rep@tradewind.example\r\nSubject: Order\r\nMessage-ID: <g1@kunde.example>\r\n"
    b"Date: Sun, 01 Nov 2026 09:00:00 +0000\r\n\r\nOrder attached.\r\n"
)
# Raw UTF-8 in the header, a Latin-1 body: the old code read the header as Latin-1.
UMLAUT = (
    "From: Jürgen Müller <jm@lieferant.example>\r\nTo: rep@tradewind.example\r\n"
    "Subject: Angebot für Sie\r\nMessage-ID: <u1@lieferant.example>\r\n"
    "Date: Sun, 01 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
).encode() + "Grüße\r\n".encode("latin-1")

#: What the old version stored for each message above (by subject as the new code reads it).
OLD_VALUES: dict[str, dict[str, Any]] = {
    "Invoice 4711": {"from_name": "Anna Huber", "from_email": "anna.huber@kunde.example"},
    "Urgent transfer": {"from_name": "CEO", "from_email": "ceo@yourco.com"},
    "Angebot für Sie": {
        "from_name": "JÃ¼rgen MÃ¼ller", "subject": "Angebot fÃ¼r Sie",
        "to_json": json.dumps([["", "rep@tradewind.example"]]),
    },
}


def make_old(store: Store, row_id: int, **columns: Any) -> None:
    """Overwrite header columns of one row with old values, as the old version wrote them."""
    current = dict(zip(
        ("subject", "from_name", "from_email", "to_json", "cc_json", "reply_to_json"),
        store.conn.execute(
            "SELECT subject, from_name, from_email, to_json, cc_json, reply_to_json "
            "FROM messages WHERE id = ?", (row_id,)).fetchone(), strict=True))
    current.update(columns)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE messages SET subject = ?, subject_key = ?, from_name = ?, from_email = ?, "
            "to_json = ?, cc_json = ?, reply_to_json = ?, sender_key = ?, header_version = 0 "
            "WHERE id = ?",
            (current["subject"], subject_key(current["subject"])[0], current["from_name"],
             current["from_email"], current["to_json"], current["cc_json"],
             current["reply_to_json"], sender_key(current["from_name"], current["from_email"]),
             row_id))
        conn.execute(
            "UPDATE messages_fts SET subject = ?, addresses = ? WHERE rowid = ?",
            (bigram_text(current["subject"]), bigram_text(address_text(
                current["from_name"], current["from_email"], current["to_json"],
                current["cc_json"], current["reply_to_json"])), row_id))


def make_old_by_subject(store: Store) -> dict[str, int]:
    """Turn every row whose subject is in ``OLD_VALUES`` into its old form; {subject: id}."""
    ids: dict[str, int] = {}
    for row_id, subject in store.conn.execute("SELECT id, subject FROM messages").fetchall():
        if subject in OLD_VALUES:
            make_old(store, int(row_id), **OLD_VALUES[subject])
            ids[subject] = int(row_id)
    return ids
