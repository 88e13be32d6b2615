"""SECURITY-CHECKLIST §3.2 rows that had no test of their own, through the whole risk
(`assess.risk_of_row` on a cached message): B2 (a first-time sender alone is only a small
notice), B3 (mailing lists may set Reply-To and Return-Path; other mail's bounce domain is
named), B4 (two From headers), B5 (SPF failed without DKIM; a valid signature of another
domain; a failure reported by a server that is not the rep's is ignored), B8 (secrecy wording;
urgency and secrecy alone do not warn), B9 (an HTML attachment and an encrypted archive from a
first-time sender), B10 (a file name with a right-to-left override; hidden direction
characters in the subject)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from client.security import risk_store
from client.security.assess import risk_of_row
from client.security.risk import LOW_LEVEL, WARNING, Risk
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

REP = "rep@northwind-export.test"
OWN_SERVER = "mx.northwind-export.test"


class Mailbox:
    """A fresh cache with one account whose rep wrote to buyer@known-buyer.com before."""

    def __init__(self, store: Store) -> None:
        self.store = store
        account = store.add_account(REP, imap_host="imap.northwind-export.test")
        risk_store.set_authserv_id(store, account.id, OWN_SERVER)
        self.inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        self.sent = store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent"))
        self.uid = 0
        self.add("Offer", "Our offer.", sender=REP, to="buyer@known-buyer.com", sent=True)
        self.add("Re: Offer", "Thanks.", sender="buyer@known-buyer.com")

    def add(self, subject: str, body: str, *, sender: str, to: str = REP, sent: bool = False,
            headers: tuple[tuple[str, str], ...] = (),
            attachment: tuple[str, bytes, str] | None = None, raw_prefix: bytes = b"") -> Risk:
        self.uid += 1
        msg = EmailMessage()
        for key, value in headers:
            msg[key] = value
        msg["From"], msg["To"], msg["Subject"] = sender, to, subject
        msg["Date"] = f"Mon, {2 + self.uid:02d} Nov 2026 09:00:00 +0000"
        msg["Message-ID"] = f"<b{self.uid}@{sender.split('@')[-1].strip('>')}>"
        msg.set_content(body)
        if attachment:
            maintype, subtype = attachment[2].split("/")
            msg.add_attachment(attachment[1], maintype=maintype, subtype=subtype,
                               filename=attachment[0])
        raw = raw_prefix + bytes(msg)
        folder = self.sent if sent else self.inbox
        self.store.insert_messages(folder.id, [IncomingMessage(uid=self.uid, raw=raw)], self.uid)
        row = next(r for r in self.store.list_messages(folder.id, limit=100) if r.uid == self.uid)
        risk = risk_of_row(self.store, row)
        assert risk is not None
        return risk


def _codes(risk: Risk) -> set[str]:
    return {r.code for r in risk.reasons}


@pytest.fixture
def box(tmp_path: Path) -> Iterator[Mailbox]:
    with Store.open(tmp_path / "cache.db") as store:
        yield Mailbox(store)


def test_b2_a_first_time_sender_alone_is_only_a_small_notice(box: Mailbox) -> None:
    new_company = box.add("Inquiry", "Please quote 500 pcs.", sender="sales@new-company.com")
    assert "first-time-domain" in _codes(new_company) and new_company.level == LOW_LEVEL
    colleague = box.add("Inquiry", "Please quote.", sender="anna@known-buyer.com")
    assert _codes(colleague) == {"first-time-sender"} and colleague.score < WARNING


def test_b3_mailing_lists_may_redirect_replies_and_bounces_other_mail_is_named(
        box: Mailbox) -> None:
    listed = box.add("[forum] Incoterms", "A question.", sender="buyer@known-buyer.com",
                     headers=(("List-Id", "<forum.lists.example.org>"),
                              ("Reply-To", "forum@lists.example.org"),
                              ("Return-Path", "<bounce@lists.example.org>")))
    assert not _codes(listed) & {"reply-to-other-domain", "return-path-other-domain"}
    bounced = box.add("Order", "See below.", sender="buyer@known-buyer.com",
                      headers=(("Return-Path", "<x@bulk-sender.net>"),))
    assert "return-path-other-domain" in _codes(bounced)
    assert next(r.detail for r in bounced.reasons
                if r.code == "return-path-other-domain") == "bulk-sender.net"


def test_b4_two_from_headers_are_named(box: Mailbox) -> None:
    risk = box.add("Invoice", "Pay today.", sender="buyer@known-buyer.com",
                   raw_prefix=b"From: ceo@northwind-export.test\r\n")
    assert "several-senders" in _codes(risk)


def _auth(value: str, server: str = OWN_SERVER) -> tuple[tuple[str, str], ...]:
    return (("Authentication-Results", f"{server}; {value}"),)


def test_b5_spf_fail_without_dkim_and_an_unaligned_signature(box: Mailbox) -> None:
    failed = box.add("Invoice", "Attached.", sender="buyer@known-buyer.com", headers=_auth(
        "spf=fail smtp.mailfrom=known-buyer.com; dkim=none"))
    assert "auth-spf-dkim-fail" in _codes(failed)
    unaligned = box.add("Invoice", "Attached.", sender="buyer@known-buyer.com", headers=_auth(
        "spf=pass smtp.mailfrom=known-buyer.com; dkim=pass header.d=bulk-mailer.net"))
    assert "auth-dkim-unaligned" in _codes(unaligned)
    assert next(r.detail for r in unaligned.reasons
                if r.code == "auth-dkim-unaligned") == OWN_SERVER
    forged = box.add("Invoice", "Attached.", sender="buyer@known-buyer.com", headers=_auth(
        "dmarc=fail header.from=known-buyer.com", server="mx.sender-made-this.example"))
    assert not {c for c in _codes(forged) if c.startswith("auth-")}


def test_b8_secrecy_is_named_and_haste_and_secrecy_alone_do_not_warn(box: Mailbox) -> None:
    risk = box.add("Confidential", "This is urgent and strictly confidential, please do not "
                   "call anyone about it.", sender="buyer@known-buyer.com")
    assert {"urgency", "secrecy"} <= _codes(risk)
    assert risk.score < WARNING  # weak alone: they only raise the score


def _encrypted_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("invoice.pdf", b"%PDF-1.4")
    data = bytearray(buffer.getvalue())
    data[6] |= 0x01  # the local header's "encrypted" flag
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x01  # and the central directory's
    return bytes(data)


@pytest.mark.parametrize(("filename", "data", "mime"), [
    ("invoice.html", b"<form action='https://x.example'>", "text/html"),
    ("invoice.zip", _encrypted_zip(), "application/zip"),
])
def test_b9_html_and_encrypted_archives_from_a_first_time_sender_warn(
        box: Mailbox, filename: str, data: bytes, mime: str) -> None:
    risk = box.add("Invoice", "Please see the attached invoice.", sender="billing@new-co.com",
                   attachment=(filename, data, mime))
    assert "risky-attachment" in _codes(risk) and risk.score >= WARNING, risk


def test_b10_a_right_to_left_override_in_a_file_name_and_in_the_subject(box: Mailbox) -> None:
    name = "invoice\u202efdp.exe"  # shows as invoiceexe.pdf
    attached = box.add("Invoice", "Attached.", sender="buyer@known-buyer.com",
                       attachment=(name, b"MZ", "application/octet-stream"))
    assert "risky-attachment" in _codes(attached)
    subject = box.add("Invoice \u202e7102-fdp", "See the subject.", sender="buyer@known-buyer.com")
    assert "subject-hidden-characters" in _codes(subject)
    assert next(r.detail for r in subject.reasons
                if r.code == "subject-hidden-characters") == "U+202E"
    persian = box.add("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "Normal text.",
                      sender="buyer@known-buyer.com")  # a zero-width non-joiner Persian needs
    assert "subject-hidden-characters" not in _codes(persian)
