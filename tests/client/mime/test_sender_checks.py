"""Is this sender suspicious, and why (checklist I1, I2, B4, B10): reasons as data."""

from __future__ import annotations

from client.mime import Address, parse_headers
from client.mime.sender_checks import check_sender, list_label, visible_text

from .corpus import local


def _codes(raw: bytes) -> list[str]:
    return [w.code for w in check_sender(parse_headers(raw).from_)]


def test_a_clean_sender_has_no_warning() -> None:
    assert _codes(b"From: Anna Huber <anna.huber@kunde.example>\r\n\r\n") == []


def test_a_name_holding_an_address_is_reported_with_both_addresses() -> None:
    raw = b'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>\r\n\r\n'
    (warning,) = check_sender(parse_headers(raw).from_)
    assert warning.code == "name-contains-address"
    assert warning.address == "billing@kunde-invoices.example"
    assert warning.detail == "anna.huber@kunde.example"
    assert "billing@kunde-invoices.example" in warning.message
    assert "anna.huber@kunde.example" in warning.message


def test_a_name_that_is_the_same_address_is_not_a_spoof() -> None:
    assert _codes(b'From: "anna@kunde.example" <anna@kunde.example>\r\n\r\n') == []


def test_an_encoded_address_in_the_name_is_reported() -> None:
    assert _codes(b"From: =?utf-8?q?ceo=40yourco=2Ecom?= <x@evil.example>\r\n\r\n") == [
        "name-contains-address"
    ]


def test_a_comment_never_hides_the_address() -> None:
    headers = parse_headers(b"From: (CEO <ceo@yourco.com>) x@evil.example\r\n\r\n")
    assert headers.from_ == (Address("", "x@evil.example"),)
    assert check_sender(headers.from_) == ()


def test_bidi_controls_are_reported_and_made_visible() -> None:
    raw = '"Anna \u202eelpmaxe\u202c" <x@evil.example>'.encode()
    headers = parse_headers(b"From: " + raw + b"\r\n\r\n")
    (warning,) = check_sender(headers.from_)
    assert warning.code == "invisible-characters"
    assert warning.detail == "U+202E U+202C"
    assert visible_text(headers.from_[0].name) == "Anna [U+202E]elpmaxe[U+202C]"


def test_several_from_addresses_and_headers_are_reported() -> None:
    assert _codes(b"From: a@x.example, b@y.example\r\n\r\n") == ["several-senders"]
    assert "several-senders" in _codes(local("thunderbird/message-window/evil.eml"))
    assert _codes(b"From: <a@x.example>b@y.example\r\n\r\n") == ["several-senders"]


def test_a_missing_address_is_reported() -> None:
    assert _codes(b"Subject: no sender\r\n\r\n") == ["no-sender-address"]
    assert _codes(b"From: undisclosed\r\n\r\n") == ["no-sender-address"]
    assert _codes(b"From: <aaa bbb>\r\n\r\n") == ["no-sender-address"]


def test_the_list_shows_the_real_address_first_for_a_suspicious_name() -> None:
    assert list_label("Anna Huber", "anna@kunde.example") == "Anna Huber"
    assert list_label("", "anna@kunde.example") == "anna@kunde.example"
    label = list_label("Anna Huber <anna.huber@kunde.example>", "billing@kunde-invoices.example")
    assert label.startswith("billing@kunde-invoices.example ")
    assert "Anna Huber <anna.huber@kunde.example>" in label
    assert "\u202e" not in list_label("A \u202eB", "x@evil.example")


def test_sender_or_resent_from_without_from_is_shown_as_a_candidate() -> None:
    from client.mime.sender_checks import other_senders

    raw = (b"From: \r\nSender: Mallory <m@evil.example>\r\n"
           b"Resent-From: r@relay.example\r\nSubject: x\r\n\r\n")
    others = other_senders(raw)
    assert [a.email for a in others] == ["m@evil.example", "r@relay.example"]
    (warning,) = check_sender(parse_headers(raw).from_, others)
    assert warning.code == "sender-header-only"
    assert warning.detail == "m@evil.example, r@relay.example"
    # With a real From, Sender is not a reason to warn (mailing lists set it).
    raw = b"From: a@x.example\r\nSender: list@lists.example\r\n\r\n"
    assert check_sender(parse_headers(raw).from_, other_senders(raw)) == ()


def test_a_contacts_name_with_another_address_is_reported() -> None:
    contacts = {"anna huber": {"anna.huber@kunde.example"}}
    spoof = parse_headers(b"From: Anna  HUBER <billing@kunde-invoices.example>\r\n\r\n").from_
    (warning,) = check_sender(spoof, (), contacts)
    assert warning.code == "name-matches-contact"
    assert (warning.address, warning.detail) == (
        "billing@kunde-invoices.example", "anna.huber@kunde.example")
    genuine = parse_headers(b"From: Anna Huber <Anna.Huber@kunde.example>\r\n\r\n").from_
    assert check_sender(genuine, (), contacts) == ()


def test_every_corpus_message_gets_a_verdict_without_an_exception() -> None:
    from client.mime.sender_checks import SenderWarning, other_senders

    from .corpus import corpus_messages

    codes: set[str] = set()
    for _name, raw in corpus_messages():
        found = check_sender(parse_headers(raw).from_, other_senders(raw))
        assert all(isinstance(w, SenderWarning) and w.message for w in found)
        codes.update(w.code for w in found)
    assert {"several-senders", "name-contains-address", "no-sender-address"} <= codes
