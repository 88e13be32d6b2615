"""Benchmark: the analytics over 100,000 messages (issue 18: under 1 s); not a test.

    .venv/bin/python -m tests.benchmarks.bench_analytics [--count 100000]

Builds a cache in a temporary folder with SQL inserts (the analytics read only the message
rows, their threads, tags and customers): 40 % conversations started by buyers of 2,000
customers in 40 countries, two thirds of them answered by one of 3 reps, a tag on every
third inquiry, 2,000 quotes. Prints, beside `os.getloadavg()`, the best of `RUNS` timings of
`compute_stats` for a year, plain and `--by channel|country|customer`, and of the peer
measured in the same run: one SQL pass over the same rows (`SELECT ... GROUP BY thread_id`),
the floor any computation in SQLite pays.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from client.analytics.figures import compute_stats
from client.meetings.rep_zone import set_rep_zone
from client.store.db import Store
from client.store.records import FolderRecord

RUNS = 5
TARGET_S = 1.0
REPS = ("anna@tradewind-export.example", "bob@tradewind-export.example",
        "chen@tradewind-export.example")
COUNTRIES = ("DE", "FR", "ES", "IT", "GB", "US", "BR", "MX", "IN", "AE", "SA", "TR", "PL", "NL",
             "SE", "NO", "FI", "DK", "BE", "AT", "CH", "CZ", "HU", "RO", "GR", "PT", "IE", "CA",
             "AU", "NZ", "JP", "KR", "VN", "TH", "MY", "ID", "PH", "ZA", "EG", "NG")


def build(folder: Path, count: int) -> Store:
    rng = random.Random(18)
    store = Store.open(folder / "tw.db")
    set_rep_zone(store, "Asia/Shanghai")
    start = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    span = 330 * 86400
    with store.transaction() as conn:
        accounts, inbox, sent = [], [], []
        for rep in REPS:
            account = store.add_account(rep)
            accounts.append(account.id)
            inbox.append(store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox")).id)
            sent.append(store.upsert_folder(account.id, FolderRecord("Sent", "/", "sent")).id)
        conn.executemany(
            "INSERT INTO customers (id, kind, domain, name, country, created)"
            " VALUES (?, 'company', ?, ?, ?, 0)",
            [(c, f"buyer{c}.example", f"Buyer {c}", COUNTRIES[c % len(COUNTRIES)])
             for c in range(1, 2001)])
        rows, tags, owners = [], [], []
        n = thread = 0
        while n < count:
            thread += 1
            r = rng.randrange(3)
            customer = rng.randrange(1, 2001)
            when = start + rng.random() * span
            buyer = f"p{customer}@buyer{customer}.example"
            replies = rng.choice((0, 1, 1, 2, 3)) if n % 5 < 2 else 0
            inbound_first = n % 5 < 2 or rng.random() < 0.5
            for k in range(1 + replies * 2):
                n += 1
                mine = (k % 2 == 1) if inbound_first else (k % 2 == 0)
                when += rng.random() * 2 * 86400
                rows.append((n, accounts[r], (sent if mine else inbox)[r], n, f"b{n}@bench",
                             thread, REPS[r] if mine else buyer, when))
                owners.append((n, customer, "out" if mine else "in"))
                if k == 0 and inbound_first and thread % 3 == 0:
                    tags.append((n, ("alibaba", "web-form", "trade-show")[thread % 9 // 3]))
                if n >= count:
                    break
        conn.executemany(
            "INSERT INTO messages (id, account_id, folder_id, uid, message_id, thread_id,"
            " from_email, sort_date, date_utc) VALUES (?,?,?,?,?,?,?,?,?)",
            [(*row, row[-1]) for row in rows])
        conn.executemany("INSERT INTO customer_messages (message_row, customer_id, direction)"
                         " VALUES (?,?,?)", owners)
        conn.executemany("INSERT INTO message_tags (message_row, tag, tagged_at)"
                         " VALUES (?,?,0)", tags)
        conn.executemany(
            "INSERT INTO quotes (number, account_id, rep, buyer_email, currency, total, lang,"
            " quote_date, state, created, sent_at) VALUES (?,?,?,?,?,?,'en','2026-06-01',?,0,?)",
            [(f"Q-{q}", accounts[q % 3], REPS[q % 3], f"p{q}@buyer{q % 2000 + 1}.example",
              ("USD", "EUR", "CNY")[q % 3], f"{rng.randrange(100, 90000)}.00",
              ("sent", "won", "lost", "answered")[q % 4], start + rng.random() * span)
             for q in range(2000)])
    return store


def best(call: object) -> float:
    assert callable(call)
    fastest = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def main() -> int:
    parser = argparse.ArgumentParser(description="analytics over many messages")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = build(Path(folder), args.count)
        messages = store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        first, last = date(2026, 1, 1), date(2026, 12, 31)
        doc = compute_stats(store, first, last).as_json()["total"]
        print(f"{messages:,} messages; {doc['inquiries']:,} inquiry conversations, "
              f"{doc['replied']:,} replied, {doc['quotes']['sent']:,} quotes")
        peer = best(lambda: store.conn.execute(
            "SELECT thread_id, COUNT(*), MIN(sort_date), MAX(sort_date) FROM messages"
            " WHERE deleted = 0 GROUP BY thread_id").fetchall())
        print(f"peer (one SQL pass, GROUP BY thread): {peer * 1000:.0f} ms  "
              f"load {os.getloadavg()}")
        for by in (None, "channel", "country", "customer"):
            took = best(lambda by=by: compute_stats(store, first, last, by))
            print(f"stats{' --by ' + by if by else ''}: best of {RUNS} {took * 1000:.0f} ms "
                  f"(target < {TARGET_S * 1000:.0f} ms; {took / peer:.1f}x the peer)  "
                  f"load {os.getloadavg()}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
