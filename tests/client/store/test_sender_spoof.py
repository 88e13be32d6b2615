"""The sender the store keeps is the address outside quotes and comments (checklist I1, I2):
the from_email column, the sender sort key, the address book and `from:` search."""

from __future__ import annotations

from client.store import Folder, Store
from client.store.address_book import load_address_book
from tests.client.store.factories import incoming

QUOTED = (
    b'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>\r\n'
    b"To: rep@tradewind.example\r\nSubject: Invoice 4711\r\nMessage-ID: <s1@kunde-invoices.example>\r\n"
    b"Date: Mon, 02 Nov 2026 09:00:00 +0000\r\n\r\nPlease pay to our new account.\r\n"
)
COMMENT = (
    b"From: (CEO <ceo@yourco.com>) x@evil.example\r\n"
    b"To: rep@tradewind.example\r\nSubject: Urgent transfer\r\nMessage-ID: <s2@evil.example>\r\n"
    b"Date: Mon, 02 Nov 2026 10:00:00 +0000\r\n\r\nDo it today.\r\n"
)
GENUINE = (
    b"From: Anna Huber <anna.huber@kunde.example>\r\n"
    b"To: rep@tradewind.example\r\nSubject: Order\r\nMessage-ID: <g1@kunde.example>\r\n"
    b"Date: Sun, 01 Nov 2026 09:00:00 +0000\r\n\r\nOrder attached.\r\n"
)


def _fill(store: Store, inbox: Folder) -> dict[str, int]:
    store.insert_messages(
        inbox.id, [incoming(1, QUOTED), incoming(2, COMMENT), incoming(3, GENUINE)], 3
    )
    return {row.subject: row.id for row in store.list_messages(inbox.id, limit=10)}


def test_from_email_column_holds_the_real_sender(store: Store, inbox: Folder) -> None:
    ids = _fill(store, inbox)
    quoted = store.get_message(ids["Invoice 4711"])
    comment = store.get_message(ids["Urgent transfer"])
    assert quoted is not None and comment is not None
    assert quoted.from_email == "billing@kunde-invoices.example"
    assert quoted.from_name == "Anna Huber <anna.huber@kunde.example>"
    assert comment.from_email == "x@evil.example"
    assert comment.from_name == ""


def test_the_address_book_never_offers_the_spoofer_under_the_contacts_name(
    store: Store, inbox: Folder
) -> None:
    _fill(store, inbox)
    book = load_address_book(store)
    by_email = {entry.email: entry for entry in book.entries}
    assert "billing@kunde-invoices.example" in by_email
    assert "x@evil.example" in by_email
    assert "ceo@yourco.com" not in by_email
    # Typing the contact's name or address completes to the contact only.
    assert [e.email for e in book.matches("anna")] == ["anna.huber@kunde.example"]
    assert [e.email for e in book.matches("anna.huber@")] == ["anna.huber@kunde.example"]
    assert [e.email for e in book.matches("ceo")] == []


def test_from_search_matches_the_real_sender_address(store: Store, inbox: Folder) -> None:
    ids = _fill(store, inbox)

    def found(query: str) -> set[int]:
        return {row.id for row in store.search(query)}

    assert found("from:billing@kunde-invoices.example") == {ids["Invoice 4711"]}
    assert found("from:x@evil.example") == {ids["Urgent transfer"]}
    assert found("from:ceo@yourco.com") == set()
    assert found("from:anna.huber@kunde.example") == {ids["Order"]}


def test_contact_names_come_from_mail_the_rep_sent(store: Store, inbox: Folder, sent: Folder) -> None:
    from client.store.address_book import contact_addresses_named

    _fill(store, inbox)
    store.insert_messages(sent.id, [incoming(1, (
        b"From: rep@tradewind.example\r\nTo: Anna Huber <Anna.Huber@kunde.example>, "
        b"=?utf-8?b?5p2O5Lyf?= <li@supplier.example>\r\nSubject: Re: Order\r\n\r\nThanks\r\n"))], 1)
    assert contact_addresses_named(store, ["anna  huber", "李伟", "Nobody"]) == {
        "anna huber": {"anna.huber@kunde.example"}, "李伟": {"li@supplier.example"},
    }
    # A name only ever seen on incoming mail is not a contact (a spoofer cannot make one).
    assert contact_addresses_named(store, ["Anna Huber <anna.huber@kunde.example>"]) == {}


def test_all_sent_contacts_by_name_agree_with_the_per_name_lookup(
        store: Store, inbox: Folder, sent: Folder) -> None:
    from client.store.address_book import contact_addresses_named, sent_contacts_by_name

    _fill(store, inbox)
    store.insert_messages(sent.id, [incoming(1, (
        b"From: rep@tradewind.example\r\nTo: Anna Huber <Anna.Huber@kunde.example>, "
        b"=?utf-8?b?5p2O5Lyf?= <li@supplier.example>\r\nCc: Bob <bob@x.example>, "
        b"nobody-named@y.example\r\nSubject: Re: Order\r\n\r\nThanks\r\n"))], 1)
    every = sent_contacts_by_name(store)
    assert every == {"anna huber": {"anna.huber@kunde.example"},
                     "李伟": {"li@supplier.example"}, "bob": {"bob@x.example"}}
    assert contact_addresses_named(store, list(every)) == every
