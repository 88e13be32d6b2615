"""Flushing the outbox end to end: real submission server → Dovecot, Sent filing, crashes."""

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
from tests.client.smtp.claimants import leave_dead_claim
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
    return Rig(tmp_path, dovecot, submission, smtp_user)


def test_sent_once_and_filed_once(rig: Rig) -> None:
    item_id, mid = rig.queue()
    report = rig.flush()
    assert report.sent == [item_id] and report.filed == [item_id]
    [received] = rig.messages("INBOX")
    assert received["Subject"] == "Quotation 报价 FOB Ningbo"
    assert received["Message-ID"] == f"<{mid}>"
    assert received.get_content_type() == "multipart/alternative"
    [filed] = rig.messages("Sent")
    assert filed["Message-ID"] == f"<{mid}>"
    assert rig.outbox.get(item_id).state == "filed"
    again = rig.flush()  # nothing left to do: no second copy anywhere
    assert again.sent == [] and len(rig.messages("INBOX")) == 1 and len(rig.messages("Sent")) == 1


def test_offline_then_server_back_delivers_once(rig: Rig) -> None:
    item_id, _ = rig.queue()
    down = SmtpEndpoint("127.0.0.1", 1, "starttls", ca_file=str(rig.dovecot.ca_file), timeout=3)
    report = rig.flush(down)
    assert report.retrying == [item_id] and report.stopped and "Cannot reach" in report.stopped
    item = rig.outbox.get(item_id)
    assert item.state == "queued" and item.attempts == 1
    rig.outbox.retry(item_id)  # the rep presses "send now" (or the backoff elapses)
    assert rig.flush().sent == [item_id]
    assert len(rig.messages("INBOX")) == 1 and len(rig.messages("Sent")) == 1


def test_temporary_refusal_retries_and_permanent_one_keeps_reason(rig: Rig) -> None:
    first, _ = rig.queue("first")
    rig.sub.fail_next = (451, "4.3.0 greylisted, try later")
    report = rig.flush()
    assert report.retrying == [first]
    assert "greylisted" in (rig.outbox.get(first).last_error or "")
    rig.outbox.retry(first)
    rig.sub.fail_next = (554, "5.7.1 rejected by content policy")
    report = rig.flush()
    assert first in report.failed
    item = rig.outbox.get(first)
    assert item.state == "failed" and "content policy" in (item.last_error or "")
    assert rig.messages("INBOX") == []
    rig.outbox.retry(first)
    assert rig.flush().sent == [first]


def test_crash_after_data_is_not_sent_twice(rig: Rig) -> None:
    """The line (or the app) dies after the hand-over: never resent automatically."""
    item_id, _ = rig.queue()
    rig.sub.drop_after_data = True
    report = rig.flush()
    assert item_id in report.uncertain
    assert rig.outbox.get(item_id).state == "uncertain"
    assert rig.flush().sent == []
    assert len(rig.messages("INBOX")) == 1  # delivered exactly once


def test_message_found_mid_send_after_restart_is_checked_against_sent(rig: Rig, tmp_path: Path) -> None:
    item_id, mid = rig.queue()
    leave_dead_claim(rig.store.path, item_id, handed_over=True)  # a crash right after 354
    rig.dovecot.append(rig.user, "Sent", rig.outbox.raw(item_id))  # the server filed it already
    rig.store.close()
    rig.store = Store.open(tmp_path / "tw.db")  # restart
    rig.outbox = Outbox(rig.store)
    report = rig.flush()
    assert report.filed == [item_id] and report.sent == []
    assert rig.outbox.get(item_id).state == "filed"
    assert rig.messages("INBOX") == [] and len(rig.messages("Sent")) == 1


def test_size_refusal_keeps_message_and_suggests_a_link(rig: Rig) -> None:
    draft = Draft(sender=Recipient("", rig.user.email), to=(Recipient("", rig.user.email),),
                  subject="catalogue", text="see attached")
    raw = to_bytes(build_message(draft)) + b"x" * 200
    rig.sub.fail_next = (552, "5.3.4 Message size exceeds fixed maximum message size")
    item_id = rig.outbox.enqueue(rig.account.id, raw, message_id="<big@example.test>",
                                 sender=rig.user.email, recipients=[rig.user.email])
    report = rig.flush()
    assert "download link" in report.failed[item_id]
    assert rig.outbox.get(item_id).state == "failed"
    assert rig.outbox.raw(item_id) == raw
