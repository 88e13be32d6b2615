"""Customers built over the real and malformed messages of the test corpus
(tests/data/corpus/mime, sources and licences in tests/data/SOURCES.md): free-mail senders
(yahoo.com, qq.com, gmail.com) are contacts, business senders companies by registrable
domain, nothing fails on broken headers, and a second run changes nothing."""

from __future__ import annotations

from pathlib import Path

from client.customers.build import build_customers
from client.customers.domains import registrable_domain, suffix_of
from client.customers.records import customer_of_address, list_customers
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.mime.corpus import LOCAL_MIME, corpus_files


def _load(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account("rep@tradewind-export.example")
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
    files = [path for _, path in corpus_files() if path.is_relative_to(LOCAL_MIME)]
    assert len(files) > 500
    batch = [IncomingMessage(uid=n, raw=path.read_bytes()) for n, path in enumerate(files, 1)]
    store.insert_messages(inbox.id, batch, len(batch))
    return store


def test_corpus_customers(tmp_path: Path) -> None:
    store = _load(tmp_path)
    report = build_customers(store)
    assert report.rows > 500 and report.assigned > 300
    for address in ("mailboxaddr1234567@yahoo.com", "10000@qq.com", "raasdnil@gmail.com",
                    "valere.jeantet@gmail.com"):
        found = customer_of_address(store, address)
        assert found is not None and found.kind == "contact" and found.domain is None, address
    daemon = customer_of_address(store, "mailer-daemon@zinfandel.lacita.com")
    assert daemon is not None and (daemon.kind, daemon.domain) == ("company", "lacita.com")
    customers = list_customers(store)
    for customer in customers:
        if customer.kind == "company":
            assert customer.domain and customer.domain != suffix_of(customer.domain)
            assert all(registrable_domain(a) == customer.domain for a in customer.addresses)
        else:
            assert len(customer.addresses) == 1
    gmail = [c for c in customers if any(a.endswith("@gmail.com") for a in c.addresses)]
    assert len(gmail) >= 3 and all(c.kind == "contact" for c in gmail)
    again = build_customers(store, full=True)
    assert again.created == [] and again.assigned == 0
