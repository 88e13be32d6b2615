"""Benchmark: the customer view of a buyer with 2,000 messages (and 20,000 other messages in
the cache); not a test.

    .venv/bin/python -m tests.benchmarks.bench_customer_view

Target (issue 18): under 100 ms. Builds a cache in a temporary folder, runs the customer
build once (not timed), then prints the first call and the best of ``RUNS`` later calls of
`client.customers.view.customer_view`, beside the target.
"""

from __future__ import annotations

import tempfile
import time
from datetime import datetime
from pathlib import Path

from client.customers.build import build_customers
from client.customers.records import customer_of_address
from client.customers.view import customer_view
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

RUNS = 10
TARGET_MS = 100.0
REP = "anna@tradewind-export.example"


def _mail(uid: int, sender: str, to: str, thread: int) -> IncomingMessage:
    raw = (f"From: {sender}\r\nTo: {to}\r\nSubject: Order {thread}\r\n"
           f"Message-ID: <b{uid}@bench.example>\r\nDate: Wed, 02 Dec 2026 09:00:00 +0100\r\n"
           f"\r\nbody {uid}\r\n").encode()
    return IncomingMessage(uid=uid, raw=raw, internaldate=datetime(2026, 12, 2))


def build(folder: Path) -> Store:
    store = Store.open(folder / "tw.db")
    account = store.add_account(REP)
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
    batch: list[IncomingMessage] = []
    uid = 0
    for n in range(22000):
        uid += 1
        if n % 11 == 0:  # 2,000 from the buyer, in 200 threads
            batch.append(_mail(uid, f"buyer{n % 7}@big-buyer.com.cn", REP, n % 200))
        else:
            batch.append(_mail(uid, f"x{n}@firm{n % 3000}.example.de", REP, 100000 + n))
        if len(batch) == 2000:
            store.insert_messages(inbox.id, batch, uid)
            batch = []
    if batch:
        store.insert_messages(inbox.id, batch, uid)
    build_customers(store)
    return store


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = build(Path(folder))
        customer = customer_of_address(store, "buyer0@big-buyer.com.cn")
        assert customer is not None
        started = time.perf_counter()
        view = customer_view(store, customer.id)
        first = (time.perf_counter() - started) * 1000
        best = float("inf")
        for _ in range(RUNS):
            started = time.perf_counter()
            customer_view(store, customer.id)
            best = min(best, (time.perf_counter() - started) * 1000)
        store.close()
    print(f"customer view, {view.messages} messages in {len(view.threads)} threads: "
          f"first {first:.1f} ms, best of {RUNS} {best:.1f} ms (target < {TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()
