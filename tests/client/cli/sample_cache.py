"""A small cache written through the store API (no network): 3 INBOX messages (plain UTF-8
with a Chinese subject, HTML-only with an escape sequence in the subject, one PDF attachment),
1 in Sent, plus an empty Trash and Archive. Used by the read and offline-operation tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from client.profile.config import Profile
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

PLAIN = (
    b"From: Li Wei <li.wei@supplier.example>\r\nTo: Rep <rep@example.test>\r\n"
    b"Subject: =?UTF-8?B?5oql5Lu3IHF1b3RhdGlvbg==?=\r\nDate: Tue, 03 Nov 2026 09:00:00 +0800\r\n"
    b"Message-ID: <q1@supplier.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    + "集装箱 price list attached soon.\r\n".encode()
)
HTML = (
    b"From: Buyer <buyer@client.example>\r\nTo: rep@example.test\r\nSubject: Order \x1b[31mred\r\n"
    b"Date: Wed, 04 Nov 2026 10:00:00 +0000\r\nMessage-ID: <h1@client.example>\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n\r\n"
    b"<html><head><style>p{}</style></head><body><p>Please confirm the <b>order</b>.</p>"
    b"<script>alert(1)</script></body></html>\r\n"
)
WITH_ATTACHMENT = (
    b"From: Logistics <ops@forwarder.example>\r\nTo: rep@example.test\r\nSubject: Bill of lading\r\n"
    b"Date: Thu, 05 Nov 2026 08:00:00 +0000\r\nMessage-ID: <a1@forwarder.example>\r\n"
    b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
    b"--XX\r\nContent-Type: text/plain\r\n\r\nSee the B/L.\r\n"
    b"--XX\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=bl.pdf\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--XX--\r\n"
)


@dataclass
class Cache:
    inbox_ids: list[int]
    sent_id: int


def build_cache() -> Cache:
    """Fill the profile named by TRADEWIND_PROFILE; return the row ids."""
    store = Store.open(Profile.resolve().database)
    try:
        account = store.add_account(
            "rep@example.test", imap_host="127.0.0.1", imap_port=1, smtp_host="127.0.0.1",
            smtp_port=1, security="ssl",
        )
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        sent = store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent"))
        store.upsert_folder(account.id, FolderRecord("Trash", "/", "trash"))
        store.upsert_folder(account.id, FolderRecord("Archive", "/", "archive"))
        when = datetime(2026, 11, 5, tzinfo=UTC)
        added = store.insert_messages(
            inbox.id,
            [
                IncomingMessage(uid=1, raw=PLAIN, flags=("\\Seen",), internaldate=when),
                IncomingMessage(uid=2, raw=HTML, internaldate=when),
                IncomingMessage(uid=3, raw=WITH_ATTACHMENT, flags=("\\Flagged",), internaldate=when),
            ],
            watermark_uid=3,
        ).added
        sent_added = store.insert_messages(
            sent.id, [IncomingMessage(uid=7, raw=PLAIN.replace(b"q1@", b"s1@"), internaldate=when)], 7
        ).added
    finally:
        store.close()
    return Cache(list(added), sent_added[0])
