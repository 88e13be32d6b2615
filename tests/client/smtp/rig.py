"""The outbox test rig: a store with one account, the real submission server and Dovecot."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from client.compose.build import Draft, build_message, envelope_recipients, to_bytes
from client.compose.headers import Recipient
from client.imap.models import Endpoint
from client.smtp.imap_folders import ImapSentFolder
from client.smtp.outbox import Outbox
from client.smtp.sender import flush_outbox
from client.smtp.transport import SmtpEndpoint
from client.store.db import Store
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer


class Rig:
    """One account wired to the real submission server and Dovecot."""

    def __init__(self, tmp: Path, dovecot: DovecotServer, sub: SubmissionServer, user: MailUser):
        self.dovecot, self.sub, self.user = dovecot, sub, user
        self.store = Store.open(tmp / "tw.db")
        self.account = self.store.add_account(user.email, imap_host="127.0.0.1",
                                              smtp_host="127.0.0.1")
        self.outbox = Outbox(self.store)
        self.smtp = SmtpEndpoint("127.0.0.1", sub.starttls_port, "starttls",
                                 ca_file=str(dovecot.ca_file), timeout=10)
        self.imap = Endpoint("127.0.0.1", dovecot.imaps_port, "ssl", ca_file=str(dovecot.ca_file))
        self.opened: list[ImapSentFolder] = []

    def queue(self, subject: str = "Quotation 报价 FOB Ningbo") -> tuple[int, str]:
        draft = Draft(sender=Recipient("Anna", self.user.email),
                      to=(Recipient("", self.user.email),), subject=subject,
                      html="<p>Dear buyer, please find our <b>quotation</b>.</p>")
        msg = build_message(draft)
        mid = str(msg["Message-ID"])
        item = self.outbox.enqueue(self.account.id, to_bytes(msg), message_id=mid,
                                   sender=self.user.email, recipients=envelope_recipients(draft),
                                   subject=subject)
        return item, mid.strip("<>")

    def sent_folder(self) -> ImapSentFolder:
        folder = ImapSentFolder.open(self.imap, self.user.username, self.user.password)
        self.opened.append(folder)
        return folder

    def flush(self, smtp: SmtpEndpoint | None = None):  # type: ignore[no-untyped-def]
        try:
            return flush_outbox(self.store, self.account.id, smtp or self.smtp,
                                self.user.username, self.user.password, self.sent_folder)
        finally:
            for f in self.opened:
                f.close()
            self.opened.clear()

    def messages(self, folder: str) -> list[email.message.EmailMessage]:
        with self.dovecot.imap_admin(self.user) as imap:
            imap.select(folder)
            _, data = imap.uid("SEARCH", "ALL")
            out = []
            for uid in data[0].split():
                _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                out.append(email.message_from_bytes(fetched[0][1], policy=policy.default))
            return out  # type: ignore[return-value]


@pytest.fixture()
def rig(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> Rig:
    """One account wired to the real submission server and Dovecot (the outbox and the
    after-sync tests; a plugin of tests/conftest.py)."""
    return Rig(tmp_path, dovecot, submission, smtp_user)
