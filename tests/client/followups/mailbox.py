"""A small cached mailbox built message by message (no fixture: the follow-up and analytics
tests both build theirs with it). Threads come from the store's own threading (References /
In-Reply-To)."""

from __future__ import annotations

import itertools
from datetime import datetime
from email.utils import format_datetime

from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

REP = "anna@tradewind-export.example"


class Mailbox:
    """The rep's account with an INBOX and a Sent folder; `mail(...)` adds one message."""

    def __init__(self, store: Store, rep: str = REP) -> None:
        self.store = store
        self.account = store.add_account(rep)
        self.rep = rep
        self.folders = {role: store.upsert_folder(self.account.id,
                                                  FolderRecord(name, "/", role)).id
                        for name, role in (("INBOX", "inbox"), ("Sent", "sent"))}
        self._uids = itertools.count(1)

    def mail(self, sender: str, to: str, when: datetime, subject: str = "Inquiry", *,
             reply_to: str | None = None, message_id: str | None = None,
             body: str = "Hello, please send your best price.") -> tuple[int, str]:
        """One message dated `when` (aware): (row, Message-ID); into Sent when the rep wrote
        it, else INBOX; `reply_to` is the Message-ID it answers."""
        uid = next(self._uids)
        mid = message_id or f"m{uid}.{self.rep.split('@')[0]}@test.example"
        role = "sent" if sender.endswith(self.rep) else "inbox"
        refs = f"In-Reply-To: <{reply_to}>\r\nReferences: <{reply_to}>\r\n" if reply_to else ""
        raw = (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{mid}>\r\n"
               f"Date: {format_datetime(when)}\r\n{refs}"
               f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()
        self.store.insert_messages(self.folders[role], [IncomingMessage(
            uid=uid, raw=raw, internaldate=when)], uid)
        row = self.store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                                      (mid,)).fetchone()
        return int(row[0]), mid

    def tag(self, row: int, tag: str) -> None:
        """What the inquiry channels' rules record for a message (table message_tags)."""
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO message_tags (message_row, tag, reason, tagged_at)"
                         " VALUES (?, ?, 'test', 0)", (row, tag))
