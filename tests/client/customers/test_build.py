"""Customers built from the cached mail: companies by domain, free-mail contacts, incremental."""

from __future__ import annotations

from collections.abc import Callable

from client.customers.build import build_customers
from client.customers.records import customer_of_address, list_customers, merge_customers
from client.store.db import Store
from tests.client.customers.conftest import REP


def test_companies_contacts_and_directions(desk_store: Store, add_mail: Callable[..., int]) -> None:
    a = add_mail("Li Wei <li.wei@sales.shenzhen-led.com.cn>", REP, "LED panels")
    b = add_mail("Wang <wang@purchasing.shenzhen-led.com.cn>", REP, "Re: LED panels")
    c = add_mail("John Smith <john.smith@gmail.com>", REP, "Price list?")
    d = add_mail("Mary <mary@163.com>", REP, "询价")
    e = add_mail("Tom <tom@buyer.acme.co.uk>", REP, "Pumps")
    f = add_mail(REP, "Tom <tom@buyer.acme.co.uk>", "Re: Pumps", folder="Sent")
    report = build_customers(desk_store)
    assert report.rows == 6 and report.assigned == 6
    by_name = {cu.name: cu for cu in list_customers(desk_store)}
    assert set(by_name) == {"Shenzhen Led", "John Smith", "Mary", "Acme"}
    led = by_name["Shenzhen Led"]
    assert led.kind == "company" and led.domain == "shenzhen-led.com.cn" and led.country == "CN"
    assert set(led.addresses) == {"li.wei@sales.shenzhen-led.com.cn",
                                  "wang@purchasing.shenzhen-led.com.cn"}
    assert by_name["Acme"].country == "GB" and by_name["Acme"].domain == "acme.co.uk"
    assert by_name["John Smith"].kind == "contact" and by_name["John Smith"].domain is None
    assert by_name["Mary"].kind == "contact"
    rows = dict(desk_store.conn.execute(
        "SELECT message_row, direction FROM customer_messages").fetchall())
    assert rows == {a: "in", b: "in", c: "in", d: "in", e: "in", f: "out"}


def test_two_gmail_senders_are_two_contacts(desk_store: Store, add_mail: Callable[..., int]) -> None:
    add_mail("a@gmail.com", REP)
    add_mail("b@gmail.com", REP)
    build_customers(desk_store)
    assert len(list_customers(desk_store)) == 2


def test_incremental_and_idempotent(desk_store: Store, add_mail: Callable[..., int]) -> None:
    add_mail("x@importer.de", REP)
    first = build_customers(desk_store)
    assert first.rows == 1 and len(first.created) == 1
    again = build_customers(desk_store)
    assert again.rows == 0 and again.created == []
    add_mail("y@importer.de", REP)
    later = build_customers(desk_store)
    assert later.rows == 1 and later.created == []  # the same company
    assert len(list_customers(desk_store)) == 1
    full = build_customers(desk_store, full=True)
    assert full.rows == 2 and full.created == [] and full.assigned == 0


def test_mail_at_a_merged_domain_goes_to_the_survivor(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("a@acme.de", REP)
    add_mail("b@acme-group.com", REP)
    build_customers(desk_store)
    de = customer_of_address(desk_store, "a@acme.de")
    com = customer_of_address(desk_store, "b@acme-group.com")
    assert de is not None and com is not None and de.id != com.id
    merge_customers(desk_store, de.id, com.id)
    add_mail("c@acme-group.com", REP)
    build_customers(desk_store)
    found = customer_of_address(desk_store, "c@acme-group.com")
    assert found is not None and found.id == de.id
    assert [c.id for c in list_customers(desk_store)] == [de.id]


def test_colleagues_at_the_rep_company_are_not_customers(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("Wang <wang@sales.tradewind-export.example>", REP, "Stock list")
    add_mail(REP, "wang@tradewind-export.example, buyer@importer.de", "Fwd: offer",
             folder="Sent")
    build_customers(desk_store)
    assert [c.domain for c in list_customers(desk_store)] == ["importer.de"]
