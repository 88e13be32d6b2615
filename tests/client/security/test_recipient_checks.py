"""Recipient checks before sending and the ranking of address completion (issue 19)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.security import risk_store
from client.security.recipient_checks import ranked_address_book, recipient_warnings
from client.store.address_book import load_address_book
from client.store.db import Store
from client.store.records import IncomingMessage
from tests.client.security.fraud_cases import build_cases


@pytest.fixture
def store(tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    with Store.open(tmp_path / "cache.db") as opened:
        yield opened, {c.label: c.row_id for c in build_cases(opened)}


def test_lookalike_and_diverted_recipients(store: tuple[Store, dict[str, int]]) -> None:
    cache, ids = store
    account = cache.list_accounts()[0].id
    found = recipient_warnings(cache, account, ["john@acme-tradinq.com", "john@acme-trading.com",
                                                "new@unknown-co.com"])
    assert [(w.code, w.address, w.detail) for w in found] == [
        ("lookalike-recipient", "john@acme-tradinq.com", "acme-trading.com")]
    reply = ids["help desk reply (freightdesk.com)"]
    found = recipient_warnings(cache, account, ["ticket+4711@freightdesk.zendesk.com"], reply)
    assert [(w.code, w.detail) for w in found] == [("reply-diverted", "freightdesk.com")]
    risk_store.allow(cache, "freightdesk.zendesk.com")
    assert recipient_warnings(cache, account, ["ticket+4711@freightdesk.zendesk.com"],
                              reply) == []


def test_people_written_to_rank_above_lookalikes(store: tuple[Store, dict[str, int]]) -> None:
    cache, _ids = store
    account = cache.list_accounts()[0].id
    inbox = cache.folder_by_role(account, "inbox")
    assert inbox is not None
    spam = [IncomingMessage(uid=5000 + n, raw=(
        f"From: John Miller <john@acme-tradinq.com>\r\nTo: rep@northwind-export.test\r\n"
        f"Subject: Invoice {n}\r\nMessage-ID: <x{n}@acme-tradinq.com>\r\n\r\nPay.\r\n"
    ).encode()) for n in range(40)]  # the impostor wrote more often than the buyer
    cache.insert_messages(inbox.id, spam, 5039)
    plain = [e.email for e in load_address_book(cache).matches("john", 10)]
    ranked = [e.email for e in ranked_address_book(cache, account).matches("john", 10)]
    assert set(plain) == set(ranked)
    assert ranked[0] == "john@acme-trading.com"  # the rep wrote to this one
    assert ranked.index("john@acme-trading.com") < ranked.index("john.acme-trading@gmail.com")
    lookalikes = [e for e in ranked if e.endswith("@acme-tradinq.com")]
    assert lookalikes and ranked[-len(lookalikes):] == lookalikes
    assert plain.index("john@acme-trading.com") > 0  # without ranking the impostor came first
