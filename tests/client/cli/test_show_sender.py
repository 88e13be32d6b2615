"""The CLI's JSON names the real sender and carries the sender warnings (checklist I1, I2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from client.profile.config import Profile
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult

Cli = Callable[..., CliResult]

QUOTED = (
    b'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>\r\n'
    b"To: rep@example.test\r\nSubject: Invoice 4711\r\nMessage-ID: <s1@x.example>\r\n\r\nPay.\r\n"
)
COMMENT = (
    b"From: (CEO <ceo@yourco.com>) x@evil.example\r\nTo: rep@example.test\r\n"
    b"Subject: Urgent transfer\r\nMessage-ID: <s2@x.example>\r\n\r\nToday.\r\n"
)
TWO_FROM = (
    b"From: boss@yourco.example\r\nFrom: x@evil.example\r\nTo: rep@example.test\r\n"
    b"Subject: Two senders\r\nMessage-ID: <s3@x.example>\r\n\r\nHi.\r\n"
)


def _cache() -> dict[str, int]:
    store = Store.open(Profile.resolve().database)
    try:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=1,
                                    smtp_host="127.0.0.1", smtp_port=1, security="ssl")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        when = datetime(2026, 11, 5, tzinfo=UTC)
        store.insert_messages(inbox.id, [
            IncomingMessage(uid=n, raw=raw, internaldate=when)
            for n, raw in enumerate((QUOTED, COMMENT, TWO_FROM), start=1)
        ], 3)
        return {row.subject: row.id for row in store.list_messages(inbox.id, limit=10)}
    finally:
        store.close()


def test_ls_search_and_show_name_the_real_sender(cli: Cli, profile_dir: object) -> None:
    ids = _cache()
    listed = {m["subject"]: m["from"] for m in cli("ls", "INBOX", "--json").json()["messages"]}
    assert listed["Invoice 4711"] == {
        "name": "Anna Huber <anna.huber@kunde.example>", "email": "billing@kunde-invoices.example"
    }
    assert listed["Urgent transfer"] == {"name": "", "email": "x@evil.example"}
    found = cli("search", "from:ceo@yourco.com", "--json").json()["messages"]
    assert found == []
    shown = cli("show", str(ids["Urgent transfer"]), "--json").json()
    assert shown["message"]["from"] == {"name": "", "email": "x@evil.example"}
    assert shown["senders"] == [{"name": "", "email": "x@evil.example"}]
    assert shown["sender_warnings"] == []


def test_show_carries_the_sender_warnings(cli: Cli, profile_dir: object) -> None:
    ids = _cache()
    shown = cli("show", str(ids["Invoice 4711"]), "--json").json()
    (warning,) = shown["sender_warnings"]
    assert warning["code"] == "name-contains-address"
    assert warning["address"] == "billing@kunde-invoices.example"
    assert warning["detail"] == "anna.huber@kunde.example"
    two = cli("show", str(ids["Two senders"]), "--json").json()
    assert [s["email"] for s in two["senders"]] == ["boss@yourco.example", "x@evil.example"]
    assert [w["code"] for w in two["sender_warnings"]] == ["several-senders"]
    text = cli("show", str(ids["Two senders"])).out
    assert "boss@yourco.example, x@evil.example" in text
    assert "Warning:" in text and "several senders" in text


def test_ls_text_puts_the_real_address_first_for_a_suspicious_name(
    cli: Cli, profile_dir: object
) -> None:
    _cache()
    listed = cli("ls", "INBOX").out
    assert "billing@kunde-invoices" in listed  # the column is 28 characters wide
    assert "Anna Huber <anna" not in listed


def test_show_names_a_sender_header_when_from_is_missing(cli: Cli, profile_dir: object) -> None:
    store = Store.open(Profile.resolve().database)
    try:
        account = store.add_account("rep@example.test")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        raw = b"Sender: m@evil.example\r\nSubject: no from\r\nMessage-ID: <n@x>\r\n\r\nx\r\n"
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], 1)
        [row] = store.list_messages(inbox.id, limit=1)
    finally:
        store.close()
    shown = cli("show", str(row.id), "--json").json()
    assert shown["senders"] == []
    assert [(w["code"], w["detail"]) for w in shown["sender_warnings"]] == [
        ("sender-header-only", "m@evil.example")
    ]


def test_show_warns_about_a_contacts_name_at_another_address(cli: Cli, profile_dir: object) -> None:
    store = Store.open(Profile.resolve().database)
    try:
        account = store.add_account("rep@example.test")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        sent = store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent"))
        store.insert_messages(sent.id, [IncomingMessage(uid=1, raw=(
            b"From: rep@example.test\r\nTo: Anna Huber <anna.huber@kunde.example>\r\n"
            b"Subject: Order\r\n\r\nThanks\r\n"))], 1)
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=(
            b"From: Anna Huber <billing@kunde-invoices.example>\r\nSubject: New bank\r\n\r\nx\r\n"
        ))], 1)
        [row] = store.list_messages(inbox.id, limit=1)
    finally:
        store.close()
    warnings = cli("show", str(row.id), "--json").json()["sender_warnings"]
    assert [(w["code"], w["detail"]) for w in warnings] == [
        ("name-matches-contact", "anna.huber@kunde.example")
    ]
