"""Charset handling on the checklist files (M3, M4) and the fallback chain."""

from __future__ import annotations

import pytest

from client.mime import body_search_text, parse_headers, parse_message
from client.mime.charsets import codec_for, decode_bytes

from .corpus import local


def test_big5_declared_as_us_ascii_is_guessed() -> None:
    message = parse_message(local("enmime/parts/chardet-success-big-5.raw"))
    assert message.text is not None
    assert message.text.startswith("顏是家訓")


@pytest.mark.parametrize(
    ("name", "subject", "body"),
    [
        ("ruby-mail/multi_charset/japanese_iso_2022.eml", "まみむめも", "すみません。"),
        (
            "ruby-mail/multi_charset/japanese_shift_jis.eml",
            "test",
            "このメールはテスト用のメールです。",
        ),
        ("ruby-mail/multi_charset/ks_c_5601-1987.eml", "test", "스티해"),
        ("ruby-mail/multi_charset/japanese.eml", "まみむめも", "かきくえこ"),
        (
            "thunderbird/mailnews-test-data/iso-2022-jp-qp.eml",
            "ISO-2022-JP and quoted-printable",
            "日本語の本文が",
        ),
        ("thunderbird/mailnews-test-data/iso-2022-jp-not-qp.eml", "ISO-2022-JP and 7bit", "現況"),
        (
            "thunderbird/composition/charset-cp932.eml",
            "ここに本文がきます。",
            "ここに本文がきます。",
        ),
    ],
)
def test_cjk_bodies_and_subjects(name: str, subject: str, body: str) -> None:
    message = parse_message(local(name))
    assert message.headers.subject.startswith(subject)
    assert body in (message.text or "")
    assert "\x1b" not in (message.text or "")


def test_japanese_attachment_names() -> None:
    message = parse_message(local("ruby-mail/multi_charset/japanese_attachment.eml"))
    assert [a.filename for a in message.attachments] == ["てすと.txt"]


def test_gb2312_html_body_is_searchable() -> None:
    message = parse_message(local("flanker/charset-gb2312.eml"))
    assert "企业邮箱" in body_search_text(message)
    assert "<" not in body_search_text(message)


def test_bad_charset_falls_back_and_finds_the_word() -> None:
    message = parse_message(local("thunderbird/mailnews-test-data/bad-charset.eml"))
    assert "Mätterhorn" in (message.text or "")
    assert any("undecodable charset" in warning for warning in message.warnings)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("enmime/low-quality/unk-charset-part.raw", "A text section"),
        ("enmime/low-quality/unk-charset-html-only.raw", "Hello World!"),
        ("ruby-mail/plain_emails/raw_email10.eml", "Test test. Hi. Waving."),
        ("enmime/mail/html-mime-bad-charset-inline.raw", ""),
        ("enmime/mail/html-mime-bad-unknown-charset-inline.raw", ""),
    ],
)
def test_unknown_charsets_never_raise(name: str, expected: str) -> None:
    message = parse_message(local(name))
    assert expected in body_search_text(message)
    assert message.text is not None or message.html is not None


def test_codec_aliases() -> None:
    assert codec_for("GB2312") == "gb18030"
    assert codec_for("gbk") == "gb18030"
    assert codec_for("ks_c_5601-1987") == "cp949"
    assert codec_for("Shift_JIS") == "cp932"
    assert codec_for("utf-8*en") == "utf-8"
    assert codec_for("base64") is None  # a bytes codec is not a charset
    assert codec_for("rot13") is None
    assert codec_for("no-such-charset") is None
    assert codec_for("") is None


def test_big5_falls_back_to_hkscs() -> None:
    hkscs_only = "𡃁".encode("big5hkscs")
    text, warning = decode_bytes("香港".encode("big5") + hkscs_only, "big5")
    assert text == "香港𡃁"
    assert warning is None


def test_garbage_charset_fallback_is_deterministic() -> None:
    data = "Grüße aus Köln, Straße".encode("windows-1252")
    first = decode_bytes(data, "x-garbage-charset")
    assert first == decode_bytes(data, "x-garbage-charset")
    assert "K" in first[0]
    assert first[1] == "undecodable charset x-garbage-charset"


def test_wrong_declared_charset_uses_utf8_when_it_fits() -> None:
    assert decode_bytes("naïve".encode(), "us-ascii") == ("naïve", None)


def test_encoded_word_with_unknown_charset_keeps_text() -> None:
    headers = parse_headers(b"Subject: =?x-unknown?Q?caf=E9?=\r\n\r\n")
    assert headers.subject.startswith("caf")
    assert any("undecodable charset" in warning for warning in headers.warnings)
