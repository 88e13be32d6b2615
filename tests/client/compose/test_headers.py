"""Every outgoing header value passes one check (checklist O5): typed values with a line break,
control or bidi character are refused in words; values from received mail are cleaned."""

from __future__ import annotations

import email
from email import policy

import pytest

from client.compose.build import Draft, OutgoingAttachment, build_message, to_bytes
from client.compose.headers import (
    ComposeError,
    Recipient,
    UnsafeHeaderText,
    header_value,
    parse_recipients,
    received_text,
    validate_address,
)

ANNA = Recipient("Anna Li", "anna@company.com")
BUYER = Recipient("", "buyer@importer.de")

LINE_BREAKS = ["\r", "\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]
CONTROLS = ["\x00", "\x01", "\x1b", "\x1f", "\x7f", "\x80", "\x9f", "\udce4"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
UNSAFE = LINE_BREAKS + CONTROLS


def _draft(**changes: object) -> Draft:
    fields: dict[str, object] = dict(sender=ANNA, to=(BUYER,), subject="Quotation", text="x")
    fields.update(changes)
    return Draft(**fields)  # type: ignore[arg-type]


def _typed_fields(char: str) -> dict[str, Draft]:
    return {
        "subject": _draft(subject=f"Hi{char}Bcc: victim@evil.test"),
        "To name": _draft(to=(Recipient(f"Hans{char}Bcc: x@evil.test", "hans@importer.de"),)),
        "From name": _draft(sender=Recipient(f"Anna{char}X-Evil: 1", "anna@company.com")),
        "Cc address": _draft(cc=(Recipient("", f"cc@importer.de{char}"),)),
        "attachment": _draft(attachments=(OutgoingAttachment(f"a{char}.pdf", b"1"),)),
    }


@pytest.mark.parametrize("char", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_typed_header_value_with_an_unsafe_character_is_refused_in_words(char: str) -> None:
    for where, draft in _typed_fields(char).items():
        with pytest.raises(UnsafeHeaderText) as caught:
            build_message(draft)
        message = str(caught.value)
        assert f"U+{ord(char):04X}" in message, where
        assert "not allowed" in message and char not in message, where
        assert isinstance(caught.value, ComposeError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize("char", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_address_fields_refuse_unsafe_characters_before_splitting(char: str) -> None:
    for typed in (f"a@x.com{char}b@y.com", f"Team{char}: a@x.com;", f"A{char}B <a@x.com>",
                  f"a@x.com,{char}Bcc: evil@evil.test"):
        with pytest.raises(UnsafeHeaderText, match="To field"):
            parse_recipients(typed, "To")


@pytest.mark.parametrize("char", BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_controls_are_refused_in_names_and_file_names_but_kept_in_a_subject(char: str) -> None:
    with pytest.raises(UnsafeHeaderText, match="bidirectional"):
        parse_recipients(f"Bank{char}moc.evil <x@evil.test>")
    with pytest.raises(UnsafeHeaderText, match="bidirectional"):
        build_message(_draft(attachments=(OutgoingAttachment(f"invoice{char}fdp.exe", b"1"),)))
    raw = to_bytes(build_message(_draft(subject=f"עברית{char} offer")))
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == f"עברית{char} offer"


def test_tab_is_whitespace_not_an_error() -> None:
    assert header_value("Quote\tFOB", "subject") == "Quote FOB"
    raw = to_bytes(build_message(_draft(subject="Quote\tFOB Ningbo")))
    assert b"Subject: Quote FOB Ningbo\r\n" in raw


@pytest.mark.parametrize("char", UNSAFE + BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_received_text_removes_what_the_rep_cannot_see(char: str) -> None:
    cleaned = received_text(f"Order{char}Bcc: evil@evil.test", "subject", display=True)
    assert char not in cleaned and all(ord(c) >= 0x20 for c in cleaned)
    assert cleaned in ("Order Bcc: evil@evil.test", "OrderBcc: evil@evil.test")
    assert received_text(cleaned, display=True) == cleaned  # idempotent


def test_a_name_with_separators_stays_one_mailbox() -> None:
    for name in ("Huber, Anna", "Sales: EU; Asia", 'Anna "the buyer" <x@evil.test>'):
        person = Recipient(name, "anna@kunde.example")
        assert parse_recipients(person.typed()) == [person]
        raw = to_bytes(build_message(_draft(to=(person,))))
        parsed = email.message_from_bytes(raw, policy=policy.default)
        [address] = parsed["To"].addresses
        assert (address.display_name, address.addr_spec) == (name, "anna@kunde.example")


def test_a_name_with_separators_beside_a_utf8_address_is_quoted() -> None:
    person = Recipient("Evil, x@evil.test", "jürgen@kunde.example")
    header = person.formatted("To")
    assert header == '"Evil, x@evil.test" <jürgen@kunde.example>'


def test_group_syntax_typed_keeps_its_members_and_never_loses_one() -> None:
    people = parse_recipients("Buyers: a@x.com, b@y.com;, c@z.com")
    assert [p.email for p in people] == ["a@x.com", "b@y.com", "c@z.com"]
    with pytest.raises(ComposeError, match="'a@x.com b@y.com' is not a valid"):
        parse_recipients("a@x.com b@y.com")  # the error names the whole entry, not a fragment


def test_identity_names_pass_the_same_check() -> None:
    with pytest.raises(UnsafeHeaderText, match="U\\+2028"):
        validate_address("anna@company.com", "Anna\u2028Bcc: x@evil.test", "From")
