"""Attachment names are safe to show and save (M8)."""

from __future__ import annotations

import pytest

from client.mime import parse_message, safe_filename
from client.mime.filenames import MAX_NAME_BYTES, MAX_NAME_CHARS

from .corpus import local


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("..\\..\\windows\\system32\\evil.exe", "evil.exe"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\rep\\quote.pdf", "quote.pdf"),
        ("/absolute/path/report.xlsx", "report.xlsx"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1.doc", "_LPT1.doc"),
        ("NUL.tar.gz", "_NUL.tar.gz"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("a\u200fb\u2066c.pdf", "abc.pdf"),
        ("tab\tand\nnewline\x00.txt", "tab and newline.txt"),
        ('what?<is>"this"|*.txt', "what__is__this___.txt"),
        ("", "attachment"),
        ("..", "attachment"),
        ("...pdf", "pdf"),
        ("trailing dots. . .", "trailing dots"),
        ("报价单.xlsx", "报价单.xlsx"),
    ],
)
def test_safe_filename(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


@pytest.mark.parametrize("stem", ["a" * 500, "报" * 500, "x" * 499 + "\u202e"])
def test_long_names_are_capped_keeping_the_extension(stem: str) -> None:
    name = safe_filename(stem + ".pdf")
    assert name.endswith(".pdf")
    assert len(name) <= MAX_NAME_CHARS
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_bidi_override_cannot_hide_the_real_extension() -> None:
    name = safe_filename("Invoice_2025\u202efdp.exe")
    assert name.endswith(".exe")


def _message_with_names(*names: bytes) -> bytes:
    parts = b"".join(
        b'--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="'
        + name
        + b'"\r\n\r\ndata\r\n'
        for name in names
    )
    return b"Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts + b"--b--\r\n"


def test_parse_message_sanitises_and_deduplicates_names() -> None:
    raw = _message_with_names(
        b"..\\..\\evil.bat",
        b"CON",
        b"=?utf-8?q?r=C3=A9sum=C3=A9=E2=80=AE.pdf?=",
        b"a.txt",
        b"A.TXT",
        b"a.txt",
    )
    names = [a.filename for a in parse_message(raw).attachments]
    assert names == ["evil.bat", "_CON", "résumé.pdf", "a.txt", "A (2).TXT", "a (3).txt"]


def test_missing_name_gets_a_type_based_name() -> None:
    raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nx\r\n--b--\r\n"
    assert [a.filename for a in parse_message(raw).attachments] == ["attachment.png"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ruby-mail/multi_charset/japanese_attachment_long_name.eml", None),
        ("enmime/mail/mime-bad-8bit-filename.raw", "管理.doc"),
        (
            "ruby-mail/attachment_emails/attachment_with_quoted_filename.eml",
            "Eelanalüüsi päring.jpg",
        ),
        (
            "ruby-mail/attachment_emails/attachment_with_base64_encoded_name.eml",
            "This is a test.pdf",
        ),
        ("ruby-mail/attachment_emails/attachment_nonascii_filename.eml", "ciële.txt"),
    ],
)
def test_corpus_attachment_names(name: str, expected: str | None) -> None:
    message = parse_message(local(name))
    names = [a.filename for a in message.attachments]
    assert names
    for found in names:
        assert found == safe_filename(found)
        assert "\\x" not in found and "=?" not in found
    if expected is not None:
        assert expected in names
