"""Address lists are parsed as RFC 5322 says (checklist I1, I2, B4).

The expected values of the agreement cases are what Python's `email.headerregistry` gives
(asserted in the test too, so a stdlib change shows up); RFC 5322 appendix A examples and the
spoofing shapes of the checklist are included. Where the project deliberately differs from the
stdlib the test says why.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesHeaderParser

import pytest

from client.mime import Address, parse_headers

_STDLIB = BytesHeaderParser(policy=policy.default)


def _ours(value: str, field: str = "From") -> list[tuple[str, str]]:
    raw = f"{field}: {value}\r\nSubject: x\r\n\r\n".encode()
    headers = parse_headers(raw)
    found = {"From": headers.from_, "To": headers.to, "Cc": headers.cc}[field]
    return [(a.name, a.email) for a in found]


def _stdlib(value: str, field: str = "From") -> list[tuple[str, str]]:
    message = _STDLIB.parsebytes(f"{field}: {value}\r\n\r\n".encode())
    return [(a.display_name, a.addr_spec) for a in message[field].addresses]


AGREE = [
    # The two spoof shapes of the issue: the address is the one outside quotes/comments.
    (
        '"Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>',
        [("Anna Huber <anna.huber@kunde.example>", "billing@kunde-invoices.example")],
    ),
    ("(CEO <ceo@yourco.com>) x@evil.example", [("", "x@evil.example")]),
    ("x@evil.example (CEO <ceo@yourco.com>)", [("", "x@evil.example")]),
    # An encoded word is decoded into the name only; it never becomes the address.
    (
        "=?utf-8?q?ceo=40yourco=2Ecom?= <x@evil.example>",
        [("ceo@yourco.com", "x@evil.example")],
    ),
    ('"Giant; \\"Big\\" Box" <sysservices@example.net>',
     [('Giant; "Big" Box', "sysservices@example.net")]),
    # Quoted local parts keep their spaces (and their quotes when they need them).
    ('"joe q"@example.com', [("", '"joe q"@example.com')]),
    ('"joe"@example.com', [("", "joe@example.com")]),
    ('Joe <"joe q"@example.com>', [("Joe", '"joe q"@example.com')]),
    # RFC 5322 A.1.1-A.1.3
    ("John Doe <jdoe@machine.example>", [("John Doe", "jdoe@machine.example")]),
    ('"Joe Q. Public" <john.q.public@example.com>', [("Joe Q. Public", "john.q.public@example.com")]),
    (
        "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>",
        [("Mary Smith", "mary@x.test"), ("", "jdoe@example.org"), ("Who?", "one@y.test")],
    ),
    (
        "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;",
        [("Ed Jones", "c@a.test"), ("", "joe@where.test"), ("John", "jdoe@one.test")],
    ),
    ("Undisclosed recipients:;", []),
    # RFC 5322 A.5 (comments everywhere)
    (
        "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>",
        [("Pete", "pete@silly.test")],
    ),
    (
        "A Group(Some people):Chris Jones <c@(Chris's host.)public.example>, joe@example.org, "
        "John <jdoe@one.test> (my dear friend); (the end of the group)",
        [("Chris Jones", "c@public.example"), ("", "joe@example.org"), ("John", "jdoe@one.test")],
    ),
    ("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;", []),
    # RFC 5322 A.6 obsolete syntax: routes, empty list items, whitespace around dots.
    (
        "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example",
        [("Mary Smith", "mary@example.net"), ("", "jdoe@test.example")],
    ),
    ("Joe Q. Public <john.q.public@example.com>", [("Joe Q. Public", "john.q.public@example.com")]),
    ("John Doe <jdoe@machine(comment).  example>", [("John Doe", "jdoe@machine.example")]),
    ("john . q . public @ example . com", [("", "john.q.public@example.com")]),
    ("<@a.example,@b.example:user@c.example>", [("", "user@c.example")]),
    ("a@x.example, b@y.example", [("", "a@x.example"), ("", "b@y.example")]),
    ("Li Wei <li@[192.0.2.1]>", [("Li Wei", "li@[192.0.2.1]")]),
    ('"Huber, Anna" <anna@kunde.example>, Bob <bob@kunde.example>',
     [("Huber, Anna", "anna@kunde.example"), ("Bob", "bob@kunde.example")]),
    ("=?utf-8?b?5p2O5Lyf?= <li@supplier.example>", [("李伟", "li@supplier.example")]),
    ('"=?utf-8?q?Li=2C_Wei?=" <li@supplier.example>', [("Li, Wei", "li@supplier.example")]),
]


@pytest.mark.parametrize(("value", "expected"), AGREE, ids=[v for v, _ in AGREE])
def test_addresses_agree_with_the_standard_library(
    value: str, expected: list[tuple[str, str]]
) -> None:
    assert _stdlib(value) == expected
    assert _ours(value) == expected


def test_rfc5322_a63_folded_to_with_a_space_before_the_colon() -> None:
    raw = (
        b"From  : John Doe <jdoe@machine(comment).  example>\r\n"
        b"To    : Mary Smith\r\n  \r\n <mary@example.net>\r\n\r\nbody\r\n"
    )
    headers = parse_headers(raw)
    assert headers.from_ == (Address("John Doe", "jdoe@machine.example"),)
    assert headers.to == (Address("Mary Smith", "mary@example.net"),)


# Deliberate differences from the stdlib: every candidate address is kept so that it can be
# shown with a warning (checklist I2: "show every candidate address").
DIFFER = [
    # stdlib: [("", "ceo@yourco.com")] - it drops the bracketed address the MTA delivered from.
    ("ceo@yourco.com <x@evil.example>", [("ceo@yourco.com", "x@evil.example")]),
    # stdlib: [("", "a@x.example")] - silently drops the second mailbox.
    ("<a@x.example>b@y.example", [("", "a@x.example"), ("", "b@y.example")]),
    # stdlib: [("", '"Joe Bloggs joe"@x.example')] - a mailbox that does not exist.
    ("Joe Bloggs joe@x.example", [("Joe Bloggs", "joe@x.example")]),
    # stdlib: [("", "mailto")]
    ("<mailto:x@y.example>", [("", "x@y.example")]),
    # stdlib keeps the domain's case; the model's contract is a lower-cased domain.
    ("Anna <anna@Kunde.EXAMPLE>", [("Anna", "anna@kunde.example")]),
    # Two mailboxes without a comma (ruby-mail raw_email_multiple_from.eml).
    ("a@x.example b@y.example", [("", "a@x.example"), ("", "b@y.example")]),
]


@pytest.mark.parametrize(("value", "expected"), DIFFER, ids=[v for v, _ in DIFFER])
def test_every_candidate_address_is_kept(value: str, expected: list[tuple[str, str]]) -> None:
    assert _stdlib(value) != expected
    assert _ours(value) == expected


def test_bidi_controls_stay_in_the_name() -> None:
    found = _ours("\"Anna \u202eelpmaxe.kcab\u202c\" <x@evil.example>")
    assert found == [("Anna \u202eelpmaxe.kcab\u202c", "x@evil.example")]


def test_name_only_and_empty_items() -> None:
    assert _ours("undisclosed-recipients", "To") == [("undisclosed-recipients", "")]
    assert _ours("<>") == []
    assert _ours(",,,") == []
    assert _ours('"unterminated <a@x.example>') == [("unterminated <a@x.example>", "")]


def test_words_in_brackets_are_not_glued_into_another_mailbox() -> None:
    assert _ours("<aaa bbb>") == _stdlib("<aaa bbb>") == [("", '"aaa bbb"')]
    value = "<Undisclosed-Recipient:@mailman.enron.com;>"
    assert _ours(value, "To") == _stdlib(value, "To") == [("", "Undisclosed-Recipient")]


@pytest.mark.parametrize(
    "value",
    [v for v, _ in AGREE + DIFFER] + ["a@b.example", " Anna  Huber <a@B.example> ", '"" <a@b.example>',
                                      "x.@b.example", "<a@b.example>", "=?utf-8?q?A?= <a@b.example>"],
)
def test_the_fast_path_agrees_with_the_tokenizer(value: str) -> None:
    from client.mime.addresses import _items, parse_address_list, parse_item, tokenize

    def decode(text: str) -> str:
        return text.replace("=?utf-8?q?A?=", "A")

    slow = [a for item in _items(tokenize(value)) for a in parse_item(item, decode)]
    assert parse_address_list(value, decode, 100) == (slow, False)


def test_format_address_round_trips_through_the_parser() -> None:
    from client.mime.addresses import format_address

    for name, email in [("Anna Huber <anna.huber@kunde.example>", "billing@kunde-invoices.example"),
                        ('Giant; "Big" Box', "sysservices@example.net"), ("Li Wei", "li@x.example"),
                        ("", "x@evil.example")]:
        assert _ours(format_address(name, email)) == [(name, email)]
    assert format_address("undisclosed", "") == "undisclosed"
