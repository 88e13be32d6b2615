"""One person's profile for the invitation round trips (organizer and attendee)."""

from __future__ import annotations

from pathlib import Path

from client.smtp.sender import flush_outbox
from client.smtp.transport import SmtpEndpoint
from client.store.db import Store
from client.sync.engine import sync_account
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


class Side:
    """One person's profile: store, account, SMTP endpoint."""

    def __init__(self, path: Path, dovecot: DovecotServer, sub: SubmissionServer,
                 user: MailUser) -> None:
        self.path, self.user = path, user
        self.store = Store.open(path)
        self.account = self.store.add_account(
            user.email, imap_host=dovecot.host, imap_port=dovecot.imaps_port,
            smtp_host="127.0.0.1", security="ssl", username=user.username,
            ca_file=str(dovecot.ca_file))
        self.smtp = SmtpEndpoint("127.0.0.1", sub.starttls_port, "starttls",
                                 ca_file=str(dovecot.ca_file), timeout=10)

    def flush(self) -> None:
        report = flush_outbox(self.store, self.account.id, self.smtp, self.user.username,
                              self.user.password, lambda: None, auto_filed=True)
        assert report.sent and not report.errors, report

    def receive(self, message_id: str) -> int:
        report = sync_account(self.path, self.account, self.user.password, folders=["INBOX"],
                              connections=0)
        assert report.error is None, report
        row = self.store.conn.execute(
            "SELECT id FROM messages WHERE message_id = ?", (message_id,)).fetchone()
        assert row is not None, message_id
        return int(row[0])
