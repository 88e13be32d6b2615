"""MIME building: structure, encodings, file names and header-injection refusal."""

from __future__ import annotations

import email
from email import policy

import pytest

from client.compose.build import (
    Draft,
    InlineImage,
    OutgoingAttachment,
    build_message,
    envelope_recipients,
    to_bytes,
)
from client.compose.headers import ComposeError, Recipient, parse_recipients

ANNA = Recipient("Anna Li 李安娜", "anna@us.company.com")
BUYER = Recipient("Hans Müller", "hans@käufer.de")


def _parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_alternative_related_and_attachments_round_trip() -> None:
    html = '<p>Dear Hans,</p><p>our <b>quotation</b> 报价 <img src="cid:logo@tw"></p>'
    draft = Draft(
        sender=ANNA, to=(BUYER,), bcc=(Recipient("", "boss@company.com"),),
        subject="Quotation 报价 FOB Ningbo", html=html,
        inline_images=(InlineImage("logo@tw", b"\x89PNG fake", "image/png", "logo.png"),),
        attachments=(OutgoingAttachment("报价单 2026.pdf", b"%PDF-1.7 data", "application/pdf"),),
    )
    raw = to_bytes(build_message(draft))
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"Bcc" not in raw and b"boss@company.com" not in raw
    msg = _parse(raw)
    assert msg["Subject"] == "Quotation 报价 FOB Ningbo"
    assert msg["From"].addresses[0].display_name == "Anna Li 李安娜"
    assert msg["To"].addresses[0].domain == "xn--kufer-gra.de"
    assert msg["Message-ID"].endswith("@us.company.com>")
    assert msg.get_content_type() == "multipart/mixed"
    alt = msg.get_payload()[0]
    assert alt.get_content_type() == "multipart/alternative"
    plain, related = alt.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert "quotation" in plain.get_content() and "报价" in plain.get_content()
    assert related.get_content_type() == "multipart/related"
    img = related.get_payload()[1]
    assert img["Content-ID"] == "<logo@tw>"
    att = msg.get_payload()[1]
    assert att.get_filename() == "报价单 2026.pdf"
    head = raw.split(b"%PDF")[0]
    assert b"filename*=utf-8''%E6%8A%A5" in raw
    assert b'name="=?utf-8?b?' in raw  # the RFC 2047 name= that older Outlook versions read
    assert len(head) > 0
    assert att.get_content() == b"%PDF-1.7 data"
    assert envelope_recipients(draft) == ["hans@xn--kufer-gra.de", "boss@company.com"]


@pytest.mark.parametrize(
    "field,value",
    [
        ("subject", "Hello\r\nBcc: victim@example.com"),
        ("subject", "Hello\nX-Injected: 1"),
        ("subject", "nul\x00byte"),
    ],
)
def test_header_injection_is_refused(field: str, value: str) -> None:
    with pytest.raises(ComposeError, match="not allowed in a mail header"):
        build_message(Draft(sender=ANNA, to=(BUYER,), subject=value, text="x"))


def test_attachment_name_injection_is_refused() -> None:
    draft = Draft(
        sender=ANNA, to=(BUYER,), subject="s", text="x",
        attachments=(OutgoingAttachment("a.pdf\r\nBcc: x@evil.test", b"1"),),
    )
    with pytest.raises(ComposeError):
        build_message(draft)


def test_recipient_injection_and_bad_addresses_are_refused() -> None:
    with pytest.raises(ComposeError):
        parse_recipients("a@b.com\r\nBcc: evil@x.test")
    for bad in ["not-an-address", "a@b", "two@@at.com", "sp ace@x.com"]:
        with pytest.raises(ComposeError, match="not a valid"):
            parse_recipients(bad)
    people = parse_recipients("Hans <hans@Example.COM>, sales@company.com")
    assert [p.email for p in people] == ["hans@example.com", "sales@company.com"]


def test_long_lines_and_lone_dots_are_encoded_safely() -> None:
    body = "start\n.\n" + "x" * 5000 + "\nend"
    raw = to_bytes(build_message(Draft(sender=ANNA, to=(BUYER,), subject="s", text=body)))
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert _parse(raw).get_content().replace("\r\n", "\n").rstrip("\n") == body


def test_no_recipient_is_refused() -> None:
    with pytest.raises(ComposeError, match="no recipient"):
        build_message(Draft(sender=ANNA, subject="s", text="x"))


def test_very_long_chinese_file_name_uses_continuations() -> None:
    name = "集装箱报价单" * 40 + ".xlsx"
    draft = Draft(
        sender=ANNA, to=(BUYER,), subject="s", text="x",
        attachments=(OutgoingAttachment(name, b"PK\x03\x04"),),
    )
    raw = to_bytes(build_message(draft))
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"filename*1*=" in raw
    att = _parse(raw).get_payload()[1]
    assert att.get_filename() == name
    assert att.get_content_type() == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_address_lists_never_lose_an_entry() -> None:
    people = parse_recipients('"Li, Wei" <li@x.cn>; a@b.com')
    assert [(p.name, p.email) for p in people] == [("Li, Wei", "li@x.cn"), ("", "a@b.com")]
    for mixed in ["good@example.com, two@@at.com", "good@example.com, , bad@", "a@b.com x@y.com"]:
        with pytest.raises(ComposeError, match="not a valid"):
            parse_recipients(mixed)
