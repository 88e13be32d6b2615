"""Modified UTF-7 mailbox names (checklist P7)."""

from __future__ import annotations

import pytest

from client.imap.utf7 import decode_mailbox_name, encode_mailbox_name, is_valid_mailbox_name


@pytest.mark.parametrize(
    "name",
    ["INBOX", "已发送", "Gesendete Elemente", "Envoyés", "送信済み", "Tom & Jerry", "&", "a&b&c",
     "报价/2024 Q3", "[Gmail]/已发送邮件", "Entwürfe", "mixed 中文 and ASCII ~!@#$%^*()"],
)
def test_round_trip(name: str) -> None:
    raw = encode_mailbox_name(name)
    assert raw.isascii()
    assert is_valid_mailbox_name(raw)
    assert decode_mailbox_name(raw) == name


def test_known_encodings() -> None:
    assert encode_mailbox_name("已发送") == "&XfJT0ZAB-"
    assert encode_mailbox_name("Tom & Jerry") == "Tom &- Jerry"
    assert decode_mailbox_name("&ZeVnLIqe-") == "日本語"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("&ZeVnLIqe", "&ZeVnLIqe"),          # no closing '-'
        ("bad&*!-run", "bad&*!-run"),       # characters outside the base64 alphabet
        ("&AGE", "&AGE"),                   # unterminated
        ("&A-", "&A-"),                     # a single base64 char cannot encode a code unit
        ("x&2D0-y", "x&2D0-y"),             # an unpaired surrogate
    ],
)
def test_invalid_utf7_is_shown_verbatim_and_never_raises(raw: str, shown: str) -> None:
    assert decode_mailbox_name(raw) == shown
    assert not is_valid_mailbox_name(raw)


def test_control_and_bidi_characters_are_escaped() -> None:
    raw = encode_mailbox_name("evil\u202eexe.txt\x1b[31m")
    shown = decode_mailbox_name(raw)
    assert "\u202e" not in shown and "\x1b" not in shown
    assert "\\u202e" in shown and "\\u001b" in shown


def test_eight_bit_names_from_lax_servers_decode_as_utf8() -> None:
    raw = "已发送".encode().decode("utf-8", "surrogateescape")
    assert decode_mailbox_name(raw) == "已发送"
    broken = b"caf\xe9".decode("utf-8", "surrogateescape")
    assert decode_mailbox_name(broken) == "caf\\xe9"
