"""The address book behind the composer's completion: distinct correspondents, most frequent first."""

from __future__ import annotations

import time

from client.store import Folder, Store
from client.store.address_book import AddressEntry, load_address_book
from tests.client.store.factories import incoming, make_raw


def _add(store: Store, folder: Folder, uid: int, sender: str, to: str, cc: str = "") -> None:
    raw = make_raw(subject=f"m{uid}", sender=sender, to=to)
    if cc:
        raw = f"Cc: {cc}\n".encode("ascii") + raw
    store.insert_messages(folder.id, [incoming(uid, raw)], uid)


def test_distinct_addresses_most_frequent_first_with_prefix_match(store: Store, inbox: Folder) -> None:
    _add(store, inbox, 1, "Mei Lin <Mei.Lin@harbor.example>", "rep@tradewind.example")
    _add(store, inbox, 2, "Mei Lin <mei.lin@harbor.example>", "rep@tradewind.example")
    _add(store, inbox, 3, "刘伟 <liuwei@jianzhu.example>", "rep@tradewind.example",
         cc="Diego Fernandez <dfernandez@andina.example>")
    book = load_address_book(store)
    emails = [e.email for e in book.entries]
    assert emails[0] == "rep@tradewind.example"  # 3 times, case folded into one entry
    assert emails[1] == "mei.lin@harbor.example"
    assert len(emails) == len(set(emails)) == 4
    assert [e.email for e in book.matches("li")] == ["mei.lin@harbor.example",
                                                     "liuwei@jianzhu.example"]
    assert [e.email for e in book.matches("刘")] == ["liuwei@jianzhu.example"]
    assert [e.email for e in book.matches("FERN")] == ["dfernandez@andina.example"]
    assert book.matches("lin")[0].formatted() == "Mei Lin <mei.lin@harbor.example>"
    assert book.matches("") == [] and book.matches("zzz") == []


def test_names_with_commas_are_quoted() -> None:
    assert AddressEntry("a@x.example", "Huber, Anna", 1).formatted() == '"Huber, Anna" <a@x.example>'
    assert AddressEntry("a@x.example", "", 1).formatted() == "a@x.example"


def test_fast_enough_at_100k_messages(store: Store, inbox: Folder) -> None:
    """Loading reads 100,000 rows in grouped queries; a keystroke scans memory only."""
    rows = [
        (inbox.account_id, inbox.id, n, f"Buyer {n % 5000}", f"buyer{n % 5000}@b.example",
         f'[["Rep", "rep@tradewind.example"], ["", "c{n % 300}@x.example"]]', float(n))
        for n in range(100_000)
    ]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO messages (account_id, folder_id, uid, from_name, from_email, to_json,"
            " sort_date) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    started = time.perf_counter()
    book = load_address_book(store)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    found = book.matches("buyer12")
    matched = time.perf_counter() - started
    print(f"address book: {len(book)} addresses loaded in {loaded:.2f} s, match {matched*1000:.1f} ms")
    assert len(book) == 5000 + 300 + 1
    assert book.entries[0].email == "rep@tradewind.example"
    assert found and all(e.email.startswith("buyer12") for e in found)
