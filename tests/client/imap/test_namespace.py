"""NAMESPACE parsing, shown names without the personal prefix, and MAILBOXID validation."""

from __future__ import annotations

import pytest

from client.imap.namespace import (
    Namespace,
    parse_namespace,
    parse_status_mailbox_id,
    shown_names,
    valid_mailbox_id,
)
from client.imap.parse import ResponseParseError


def test_cyrus_and_dovecot_namespace_replies() -> None:
    cyrus = parse_namespace([(b'(("INBOX." ".")) (("user." ".")) (("" "."))', None)])
    assert cyrus.personal == (("INBOX.", "."),) and cyrus.prefix == "INBOX."
    dovecot = parse_namespace([(b'(("" "/")) NIL NIL', None)])
    assert dovecot.prefix == ""
    assert parse_namespace([(b"NIL NIL NIL", None)]) == Namespace()


@pytest.mark.parametrize("reply", [b"", b'("INBOX.") NIL NIL', b'((NIL ".")) NIL NIL', b"(("])
def test_malformed_namespace_raises_parse_error(reply: bytes) -> None:
    with pytest.raises(ResponseParseError):
        parse_namespace([(reply, None)])


def test_personal_prefix_is_not_shown_as_a_parent() -> None:
    listed = ["INBOX", "INBOX.Sent", "INBOX.Customers.Hamburg", "INBOX.报价"]
    assert shown_names(listed, Namespace((("INBOX.", "."),))) == [
        "INBOX", "Sent", "Customers.Hamburg", "报价"]


def test_stripping_never_makes_two_folders_share_a_name() -> None:
    namespace = Namespace((("INBOX.", "."),))
    # a shared folder "Sent" outside the prefix, and a personal folder literally called INBOX
    listed = ["INBOX", "INBOX.Sent", "Sent", "INBOX.INBOX", "INBOX.inbox", "INBOX."]
    shown = shown_names(listed, namespace)
    assert shown == ["INBOX", "INBOX.Sent", "Sent", "INBOX.INBOX", "INBOX.inbox", "INBOX."]
    assert len(set(shown)) == len(shown)


def test_no_prefix_changes_nothing() -> None:
    assert shown_names(["INBOX", "Sent", "a/b"], Namespace((("", "/"),))) == ["INBOX", "Sent", "a/b"]


def test_mailbox_id_must_be_an_rfc8474_object_id() -> None:
    assert valid_mailbox_id(b"nz2f4ie2m4c6wiv0tpdo3xs8") == "nz2f4ie2m4c6wiv0tpdo3xs8"
    assert valid_mailbox_id("F6352ae03-b7f5-463c-896f") == "F6352ae03-b7f5-463c-896f"
    for bad in (b"\xa23\xbc\xc7fU", "", "a b", "x" * 256, None, 5, "id)"):
        assert valid_mailbox_id(bad) is None


def test_status_reply_with_mailbox_id() -> None:
    name, items = parse_status_mailbox_id(
        [(b"INBOX.A (UIDVALIDITY 1796198085 MAILBOXID (nz2f4ie2m4c6wiv0tpdo3xs8))", None)])
    assert name == "INBOX.A" and items["MAILBOXID"] == "nz2f4ie2m4c6wiv0tpdo3xs8"
    assert items["UIDVALIDITY"] == "1796198085"
    # what Cyrus 3.6 really sends for MAILBOXID after UNSEEN/HIGHESTMODSEQ: not an identity
    _name, garbled = parse_status_mailbox_id(
        [(b"INBOX.A (MESSAGES 0 UIDNEXT 1 MAILBOXID (\xb4\xb2\xcaj\x10V) UNSEEN 0)", None)])
    assert garbled["MAILBOXID"] is None
    quoted, _items = parse_status_mailbox_id([(b'"R&AOk-sum\\"e" (MAILBOXID (abc))', None)])
    assert quoted == 'R&AOk-sum"e'
    with pytest.raises(ResponseParseError):
        parse_status_mailbox_id([(b"INBOX", None)])


def test_invalid_modified_utf7_under_the_prefix_keeps_its_undecodable_run() -> None:
    from client.imap.utf7 import decode_mailbox_name

    decoded = [decode_mailbox_name(raw) for raw in ("INBOX", "INBOX.&Jjo!", "INBOX.R&-D")]
    shown = shown_names(decoded, Namespace((("INBOX.", "."),)))
    assert shown == ["INBOX", decoded[1][len("INBOX."):], "R&D"]
    assert "&Jjo!" in shown[1]
