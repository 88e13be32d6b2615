"""parse_message structure: bodies, attachments, nested messages, caps (M5, M6)."""

from __future__ import annotations

import pytest

from client.mime import Limits, attachment_bytes, parse_headers, parse_message

from .corpus import local

ALT_RELATED = (
    b"From: a@example.com\r\nSubject: alt\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
    b"--outer\r\nContent-Type: multipart/alternative; boundary=alt\r\n\r\n"
    b"--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain price 5\xe2\x82\xac\r\n"
    b"--alt\r\nContent-Type: multipart/related; boundary=rel\r\n\r\n"
    b"--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML <img src=cid:logo@x></p>\r\n"
    b"--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"iVBORw0KGgo=\r\n--rel--\r\n--alt--\r\n"
    b"--outer\r\nContent-Type: application/pdf; name*=utf-8''%E6%8A%A5%E4%BB%B7.pdf\r\n"
    b"Content-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    b"JVBERi0xLjQK\r\n--outer--\r\n"
)


def test_alternative_related_and_attachment() -> None:
    message = parse_message(ALT_RELATED)
    assert message.text == "Plain price 5€"
    assert message.html == "<p>HTML <img src=cid:logo@x></p>"
    image, pdf = message.attachments
    assert (image.part_id, image.content_id, image.inline, image.content_type) == (
        "1.2.2",
        "logo@x",
        True,
        "image/png",
    )
    assert image.size == 8
    assert (pdf.part_id, pdf.filename, pdf.inline) == ("2", "报价.pdf", False)
    assert attachment_bytes(ALT_RELATED, "2") == b"%PDF-1.4\n"
    assert attachment_bytes(ALT_RELATED, "1.2.2") == b"\x89PNG\r\n\x1a\n"
    assert message.warnings == ()
    assert not message.truncated


def test_unknown_part_raises_key_error() -> None:
    with pytest.raises(KeyError):
        attachment_bytes(ALT_RELATED, "9")
    with pytest.raises(KeyError):
        attachment_bytes(ALT_RELATED, "2#1")


def test_single_part_body_is_section_1() -> None:
    raw = b"Subject: s\r\nContent-Type: application/zip; name=a.zip\r\n\r\nPK"
    message = parse_message(raw)
    assert [(a.part_id, a.filename) for a in message.attachments] == [("1", "a.zip")]
    assert attachment_bytes(raw, "1") == b"PK"


def test_nested_message_is_listed_and_opens() -> None:
    raw = local("ruby-mail/attachment_emails/attachment_message_rfc822.eml")
    message = parse_message(raw)
    (forwarded,) = message.attachments
    assert forwarded.is_message and forwarded.content_type == "message/rfc822"
    inner = parse_message(attachment_bytes(raw, forwarded.part_id))
    assert inner.headers.subject
    assert inner.text or inner.html


def test_enclosed_endless_is_bounded_and_its_inner_message_capped() -> None:
    raw = local("flanker/enclosed-endless.eml")
    message = parse_message(raw)
    (enclosed,) = message.attachments
    assert enclosed.is_message
    inner = parse_message(attachment_bytes(raw, enclosed.part_id))
    assert inner.truncated
    assert "too many parts" in inner.warnings


def test_stalwart_010_rfc822_nesting_is_bounded() -> None:
    raw = local("stalwart-mail-parser/malformed/010.eml")
    levels = 0
    while True:
        message = parse_message(raw)
        nested = [a for a in message.attachments if a.is_message]
        if not nested or levels > 100:
            break
        raw = attachment_bytes(raw, nested[0].part_id)
        levels += 1
    assert 1 <= levels <= 100


def _deep_multipart(depth: int) -> bytes:
    head = b"Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n"
    opening = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (level, level + 1)
        for level in range(depth)
    )
    middle = b"--b%d\r\nContent-Type: text/plain\r\n\r\ncore\r\n" % depth
    closing = b"".join(b"--b%d--\r\n" % level for level in range(depth, -1, -1))
    return head + opening + middle + closing


def test_nesting_depth_is_capped() -> None:
    message = parse_message(_deep_multipart(200))
    assert message.truncated
    assert "nesting too deep" in message.warnings
    shallow = parse_message(_deep_multipart(5))
    assert shallow.text == "core" and not shallow.truncated


def test_part_count_is_capped() -> None:
    parts = b"".join(
        b"--b\r\nContent-Type: image/gif; name=x.gif\r\n\r\nGIF\r\n" for _ in range(50)
    )
    raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts + b"--b--\r\n"
    message = parse_message(raw, Limits(max_parts=10))
    assert message.truncated
    assert 0 < len(message.attachments) < 10
    assert len(parse_message(raw).attachments) == 50


def test_decode_budget_is_capped() -> None:
    body = b"QUFBQUFB\r\n" * 2000
    raw = (
        b"Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        + b"".join(
            b"--b\r\nContent-Type: application/octet-stream; name=f%d.bin\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" % n + body
            for n in range(5)
        )
        + b"--b--\r\n"
    )
    message = parse_message(raw, Limits(max_decode_bytes=30_000))
    assert message.truncated
    assert "decode budget exhausted" in message.warnings
    assert len(message.attachments) == 5  # still listed, sizes estimated


@pytest.mark.parametrize(
    "name",
    [
        "enmime/parts/multimixed-no-closing-boundary.raw",
        "enmime/parts/similar-boundary.raw",
        "enmime/parts/badboundary.raw",
        "flanker/missing-final-boundary.eml",
        "flanker/dashed-boundaries.eml",
    ],
)
def test_broken_boundaries_still_show_text(name: str) -> None:
    message = parse_message(local(name))
    assert (message.text or message.html or "").strip()


def test_missing_final_boundary_is_warned() -> None:
    message = parse_message(local("enmime/parts/multimixed-no-closing-boundary.raw"))
    assert "missing final boundary" in message.warnings


def test_delivery_status_report_is_readable() -> None:
    message = parse_message(local("mimekit/messages/delivery-status.txt"))
    assert "Reporting-MTA" in (message.text or "")
    assert any(a.is_message for a in message.attachments)


def test_parse_message_headers_match_parse_headers() -> None:
    raw = local("thunderbird/message-window/evil.eml")
    assert parse_message(raw).headers == parse_headers(raw)


def test_total_text_is_capped_across_parts() -> None:
    parts = b"".join(
        b"--b\r\nContent-Type: text/plain\r\n\r\n" + b"x" * 1000 + b"\r\n" for _ in range(20)
    )
    raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts + b"--b--\r\n"
    message = parse_message(raw, Limits(max_text_chars=5000))
    assert message.truncated
    assert "body truncated" in message.warnings
    assert len(message.text or "") <= 5000 + 20  # plus the joining newlines
