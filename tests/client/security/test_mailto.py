"""The mailto: parser against the "Mailto: Me Your Secrets" attacks (checklist H8)."""

from __future__ import annotations

import pytest

from client.security.mailto import (
    ATTACHMENT,
    DUPLICATE,
    HEADER,
    INVALID,
    LINE_BREAK,
    SENDER,
    MailtoError,
    parse_mailto,
)


def test_plain_fields_are_used() -> None:
    fields = parse_mailto(
        "mailto:sales@harbor.example,ops@harbor.example?cc=boss@harbor.example"
        "&bcc=audit@harbor.example&subject=Quote%20for%2040%27HQ&body=Hello%0D%0ASecond%20line"
        "&In-Reply-To=%3Cabc.123@mail.example%3E")
    assert fields.to == ("sales@harbor.example", "ops@harbor.example")
    assert fields.cc == ("boss@harbor.example",) and fields.bcc == ("audit@harbor.example",)
    assert fields.subject == "Quote for 40'HQ"
    assert fields.body == "Hello\nSecond line"
    assert fields.in_reply_to == "abc.123@mail.example"
    assert fields.refused == ()


def test_utf8_and_plus_signs() -> None:
    fields = parse_mailto("mailto:mei+orders@harbor.example?subject=%E6%8A%A5%E4%BB%B7+1")
    assert fields.to == ("mei+orders@harbor.example",)
    assert fields.subject == "报价+1"


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "~/.ssh/id_rsa", "C:\\Users\\mei\\Documents\\contract.pdf",
             "../../../../etc/shadow", "\\\\attacker.example\\share\\x", "file:///etc/hosts",
             "https://attacker.example/dav/"],
)
@pytest.mark.parametrize("key", ["attach", "attachment", "ATTACH", "Attachment"])
def test_attachments_are_refused(key: str, path: str) -> None:
    fields = parse_mailto(f"mailto:a@b.example?{key}={path}&subject=Invoice")
    assert [(r.name, r.value, r.reason) for r in fields.refused] == [(key.lower(), path, ATTACHMENT)]
    assert fields.subject == "Invoice" and path not in fields.body


def test_sender_and_other_headers_are_refused_and_reported() -> None:
    fields = parse_mailto("mailto:a@b.example?from=ceo@harbor.example&reply-to=x@evil.example"
                          "&X-Mailer=evil&references=%3Cx@y%3E")
    assert [(r.name, r.reason) for r in fields.refused] == [
        ("from", SENDER), ("reply-to", SENDER), ("x-mailer", HEADER), ("references", HEADER),
    ]


def test_header_smuggling_line_breaks_are_removed_and_reported() -> None:
    fields = parse_mailto("mailto:a@b.example%0D%0ABcc:%20spy@evil.example"
                          "?subject=Hi%0d%0aBcc:%20spy2@evil.example&cc=c@d.example%0A")
    assert all("\n" not in v and "\r" not in v for v in (*fields.to, *fields.cc, fields.subject))
    assert not any("spy" in v for v in fields.bcc)
    assert {(r.name, r.reason) for r in fields.refused} == {
        ("to", LINE_BREAK), ("subject", LINE_BREAK), ("cc", LINE_BREAK)}


def test_bcc_is_kept_so_the_composer_shows_it() -> None:
    assert parse_mailto("mailto:a@b.example?bcc=hidden@evil.example").bcc == ("hidden@evil.example",)


def test_duplicates_and_bad_message_ids() -> None:
    fields = parse_mailto("mailto:?to=a@b.example&to=c@d.example&subject=one&subject=two"
                          "&in-reply-to=not-an-id")
    assert fields.to == ("a@b.example", "c@d.example") and fields.subject == "one"
    assert [(r.name, r.value, r.reason) for r in fields.refused] == [
        ("subject", "two", DUPLICATE), ("in-reply-to", "not-an-id", INVALID)]


def test_not_a_mailto_url() -> None:
    with pytest.raises(MailtoError):
        parse_mailto("https://example.com")
