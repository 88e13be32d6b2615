"""Replies and forwards from cached messages, and identities (queueing them:
tests/client/outgoing)."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest

from client.compose.actions import forward_fields, reply_fields
from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError
from client.compose.identities import add_identity, identities, identity_for_reply
from client.outgoing.pipeline import queue_message
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

ORIGINAL = (
    b"From: Hans Buyer <hans@importer.de>\r\n"
    b"To: Anna <anna@us.company.com>, joe@importer.de\r\n"
    b"Cc: sales@company.com\r\n"
    b"Reply-To: rfq@importer.de\r\n"
    b"Subject: AW: RFQ 2x40HQ LED panels\r\n"
    b"Date: Fri, 20 Nov 2026 09:30:00 +0100\r\n"
    b"Message-ID: <rfq-2@importer.de>\r\n"
    b"References: <rfq-1@importer.de>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Please quote FOB Ningbo.\r\n"
    b"--b1\r\nContent-Type: application/pdf; name=\"spec.pdf\"\r\n"
    b"Content-Disposition: attachment; filename=\"spec.pdf\"\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcgc3BlYw==\r\n--b1--\r\n"
)


@pytest.fixture()
def cached(tmp_path: Path) -> tuple[Store, int, int]:
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account("sales@company.com", display_name="Sales")
    add_identity(store, account.id, "sales@company.com", "Company Sales", default=True)
    add_identity(store, account.id, "anna@us.company.com", "Anna (US)",
                 reply_to="us-sales@company.com")
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=ORIGINAL)], watermark_uid=1)
    [row] = store.list_messages(inbox.id, limit=10)
    return store, account.id, row.id


def test_reply_uses_the_identity_addressed_and_honours_reply_to(cached: tuple[Store, int, int]) -> None:
    store, _, row = cached
    fields = reply_fields(store, row)
    assert fields.sender == "anna@us.company.com" and fields.sender_name == "Anna (US)"
    assert fields.to == "rfq@importer.de" and fields.cc == ""
    assert fields.subject == "Re: RFQ 2x40HQ LED panels"
    assert fields.in_reply_to == "rfq-2@importer.de"
    assert fields.references == ("rfq-1@importer.de", "rfq-2@importer.de")
    assert "> Please quote FOB Ningbo." in (fields.quote_text or "")
    assert "<blockquote" in (fields.quote_html or "")
    assert fields.reply_to_row == row


def test_reply_all_leaves_out_own_addresses(cached: tuple[Store, int, int]) -> None:
    store, _, row = cached
    fields = reply_fields(store, row, reply_all=True)
    assert fields.to == "rfq@importer.de, joe@importer.de"
    assert fields.cc == ""  # sales@company.com is the rep's own identity


def test_forward_inline_keeps_attachments_and_as_attachment_carries_the_original(
    cached: tuple[Store, int, int],
) -> None:
    store, _, row = cached
    inline = forward_fields(store, row)
    assert inline.subject == "Fwd: RFQ 2x40HQ LED panels"
    assert [(a.filename, a.data) for a in inline.attachments] == [("spec.pdf", b"%PDF-1.7 spec")]
    assert "---------- Forwarded message ----------" in (inline.quote_text or "")
    whole = forward_fields(store, row, as_attachment=True)
    [att] = whole.attachments
    assert att.content_type == "message/rfc822" and att.data == ORIGINAL


def test_identities_default_and_reply_choice(cached: tuple[Store, int, int]) -> None:
    store, account_id, _ = cached
    assert [i.email for i in identities(store, account_id)] == [
        "sales@company.com", "anna@us.company.com"]
    assert identity_for_reply(store, account_id, ["x@y.com", "ANNA@us.company.com"]).email == (
        "anna@us.company.com")
    assert identity_for_reply(store, account_id, ["x@y.com"]).email == "sales@company.com"
    with pytest.raises(ComposeError):
        add_identity(store, account_id, "not an address")


def _encoded(text: str) -> str:
    import base64

    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


HOSTILE_SUBJECT = "RFQ\u2028Bcc: victim@evil.test\u2029X-Injected: 1\x0b\x1b end"
HOSTILE = (
    f"From: {_encoded('Hans' + chr(0x85) + 'Bcc: evil@evil.test ' + chr(0x202E) + 'gnp.exe')}"
    " <hans@importer.de>\r\n"
    f'To: "Huber, Anna" <anna@us.company.com>, {_encoded("Joe" + chr(0x2028) + "Cc: spy@x.test")}'
    " <joe@importer.de>\r\nCc: sales@company.com\r\n"
    f"Subject: {_encoded(HOSTILE_SUBJECT)}\r\nDate: Fri, 20 Nov 2026 09:30:00 +0100\r\n"
    "Message-ID: <rfq-\x01x@importer.de>\r\nMIME-Version: 1.0\r\n"
    'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease quote.\r\n"
    "--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;"
    " filename*=utf-8''spec%E2%80%AEfdp%1B.exe\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    "JVBERi0xLjcgc3BlYw==\r\n--b1--\r\n"
).encode()


def _cache_hostile(store: Store, account_id: int) -> int:
    inbox = store.folder_by_role(account_id, "inbox")
    assert inbox is not None
    store.insert_messages(inbox.id, [IncomingMessage(uid=2, raw=HOSTILE)], watermark_uid=2)
    return next(r.id for r in store.list_messages(inbox.id, limit=10) if r.uid == 2)


def _headers(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def test_reply_all_and_forward_of_a_message_with_hostile_headers_work(
    cached: tuple[Store, int, int],
) -> None:
    store, account_id, _ = cached
    row = _cache_hostile(store, account_id)
    reply = reply_fields(store, row, reply_all=True)
    assert reply.subject == "Re: RFQ Bcc: victim@evil.test X-Injected: 1 end"
    assert reply.to == ('"Hans Bcc: evil@evil.test gnp.exe" <hans@importer.de>, '
                        '"Joe Cc: spy@x.test" <joe@importer.de>')  # anna@, sales@: the rep's
    forward = DraftFields(**{**forward_fields(store, row).__dict__, "to": "buyer@kunde.example"})
    assert [a.filename for a in forward.attachments] == ["specfdp.exe"]
    for fields in (reply, forward):
        queued = queue_message(store, account_id, fields)
        raw = Outbox(store).raw(queued.outbox_id)
        names = [line.split(b":", 1)[0].lower() for line in _headers(raw)
                 if line and not line[:1].isspace()]
        assert b"bcc" not in names and b"x-injected" not in names and names.count(b"cc") == 0
        msg = email.message_from_bytes(raw, policy=policy.default)
        assert all(g.display_name is None for g in msg["To"].groups)  # never a group
    assert queued.recipients == ("buyer@kunde.example",)
    first = Outbox(store).items()[0]
    assert first.recipients == ("hans@importer.de", "joe@importer.de")
    first_msg = email.message_from_bytes(Outbox(store).raw(first.id), policy=policy.default)
    assert first_msg["In-Reply-To"] == "<rfq-x@importer.de>"


def test_forward_as_attachment_of_a_hostile_subject_gets_a_clean_file_name(
    cached: tuple[Store, int, int],
) -> None:
    store, account_id, _ = cached
    row = _cache_hostile(store, account_id)
    whole = forward_fields(store, row, as_attachment=True)
    [att] = whole.attachments
    assert att.filename == "RFQ Bcc: victim@evil.test X-Injected: 1 end.eml"
    fields = DraftFields(**{**whole.__dict__, "to": "buyer@kunde.example"})
    queue_message(store, account_id, fields)  # builds and queues: no ValueError
