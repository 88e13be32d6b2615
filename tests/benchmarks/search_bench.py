"""Search latency of the Tradewind store at 10,000 and 100,000 messages.

``build_search_store(path, total)`` fills a store straight through the store API (no IMAP):
the generated 10,000-message mailbox (attachments shrunk to keep it small) repeated with
rewritten Message-IDs, so threads stay intact within each copy. Built stores are cached keyed by
the generator spec and a hash of ``client/store`` + ``client/mime`` sources.
``measure_search(path, queries)`` times ``Store.search`` (the call the UI makes, default limit)
per query after one warm-up. Call from one thread.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.maildir_load import cache_root
from tests.benchmarks.mailgen import FOLDERS, MailboxSpec, generate_mailbox
from tests.benchmarks.measure import median, p95, p99

# Realistic queries of a sales rep (issue 17: at least 50): English words, two-character Chinese
# words, phrases, ``from:`` + word, ``has:attachment`` with a date range, other filters.
SEARCH_QUERIES = (
    # single words, several languages
    "quotation", "FOB", "samples", "Muster", "見積", "warranty", "inspection", "deposit",
    "certificate", "forwarder", "Rotterdam", "discount",
    # two-character Chinese words (and two longer ones)
    "报价", "样品", "集装箱", "付款", "发票", "订单", "宁波", "瓷砖", "灯泡", "支架", "水槽", "货代",
    "船期", "定金",
    # phrases and word pairs
    "CIF Hamburg", "container 40HQ", '"L/C"', "proforma invoice", '"lead time"', '"bank slip"',
    '"shipping marks"', '"colour temperature"', '"purchase order"', "LED panel",
    # from: + word
    "from:mueller", "from:张伟", "from:mueller samples", "from:张伟 报价", "from:lina 水槽",
    "from:tanaka quotation", "from:priya solar", "from:zhangwei@cixi-lighting.example 样品",
    # subject:
    "subject:inquiry", "subject:询价", "subject:quotation Hamburg",
    # has:attachment, alone, with words and with a date range
    "has:attachment", "has:attachment 装箱单", "has:attachment after:2026-01-01 before:2026-03-01",
    "has:attachment after:2025-06-01 before:2025-07-01", "has:attachment quotation after:2026-01-01",
    "has:attachment 报价 after:2025-01-01 before:2025-12-31", "has:attachment from:mueller after:2025-09-01",
    # dates and flags
    "after:2026-01-01 before:2026-03-01", "LED panel after:2025-06-01", "is:unread quotation",
    "is:flagged", "folder:inbox 样品",
)
_MSGID = re.compile(rb"<(\d{14})\.")
_ROOT = Path(__file__).resolve().parents[2]
_BATCH = 500


@dataclass(frozen=True)
class SearchFigures:
    """Latency over all timed runs, and per query (median ms, hits)."""

    messages: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    per_query: dict[str, tuple[float, int]]


def _source_hash() -> str:
    digest = hashlib.sha256()
    for package in ("client/store", "client/mime"):
        for path in sorted((_ROOT / package).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".sql"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def search_spec() -> MailboxSpec:
    """The base mailbox for the search stores: 10,000 messages, attachments 1/500 size."""
    return MailboxSpec(messages=10_000, attachment_scale=0.002)


def build_search_store(path: Path, total: int) -> dict[str, float]:
    """Create a store at ``path`` holding ``total`` messages; returns timings in seconds."""
    from client.store import Store
    from client.store.records import FolderRecord, IncomingMessage

    spec = search_spec()
    base = list(generate_mailbox(spec))
    copies = -(-total // len(base))
    timings = {"insert_seconds": 0.0, "index_seconds": 0.0}
    with Store.open(path) as store:
        account = store.add_account("lily.chen@haixin-trade.example", imap_host="127.0.0.1")
        roles = {"INBOX": "inbox", "Sent": "sent", "Archive": "archive"}
        folder_ids = {name: store.upsert_folder(account.id, FolderRecord(name, "/", roles.get(name))).id
                      for name in FOLDERS}
        started = time.perf_counter()
        done = 0
        for copy in range(copies):
            batches: dict[str, list[IncomingMessage]] = {name: [] for name in FOLDERS}
            for msg in base:
                if done >= total:
                    break
                raw = msg.raw if copy == 0 else _MSGID.sub(rb"<\1.c%d." % copy, msg.raw)
                uid = copy * len(base) + msg.index + 1
                batch = batches[msg.folder]
                batch.append(IncomingMessage(uid, raw, tuple(sorted(msg.flags)), msg.internaldate))
                done += 1
                if len(batch) >= _BATCH:
                    store.insert_messages(folder_ids[msg.folder], batch, uid)
                    batch.clear()
            for name, batch in batches.items():
                if batch:
                    store.insert_messages(folder_ids[name], batch, batch[-1].uid)
        timings["insert_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        while store.index_pending(2000):
            pass
        timings["index_seconds"] = time.perf_counter() - started
    return timings


def cached_search_store(total: int) -> tuple[Path, dict[str, float]]:
    """A store with ``total`` messages from the cache, built on first use (timings then)."""
    path = cache_root() / f"search-{total}-{search_spec().key()}-{_source_hash()}.db"
    if path.exists():
        return path, {}
    tmp = path.with_suffix(".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    timings = build_search_store(tmp / "tradewind.db", total)
    from client.store import Store

    with Store.open(tmp / "tradewind.db") as store:  # fold the WAL into the main file
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.move(tmp / "tradewind.db", path)
    shutil.rmtree(tmp, ignore_errors=True)
    return path, timings


def measure_search(path: Path, queries: tuple[str, ...] = SEARCH_QUERIES, repeats: int = 5) -> SearchFigures:
    """Time each query ``repeats`` times after one warm-up run on a freshly opened store."""
    from client.store import Store

    samples: list[float] = []
    per_query: dict[str, tuple[float, int]] = {}
    with Store.open(path) as store:
        messages = int(store.conn.execute("SELECT count(*) FROM messages").fetchone()[0])
        for query in queries:
            hits = len(store.search(query, limit=10**9))
            store.search(query)
            timings = []
            for _ in range(repeats):
                started = time.perf_counter()
                store.search(query)
                timings.append((time.perf_counter() - started) * 1000.0)
            samples += timings
            per_query[query] = (round(median(timings), 2), hits)
    return SearchFigures(messages, median(samples), p95(samples), p99(samples), max(samples), per_query)


def _slowest(figures: SearchFigures, count: int = 8) -> list[tuple[str, float, int]]:
    ranked = sorted(figures.per_query.items(), key=lambda item: -item[1][0])
    return [(query, ms, hits) for query, (ms, hits) in ranked[:count]]


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.benchmarks.search_bench [--messages N] [--store PATH]``: print the figures.

    Exit 0 when p99 is under 30 ms (the issue 17 target at 100,000 messages).
    """
    import argparse
    import os

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--store", type=Path, default=None, help="an existing store (default: cached build)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    path = args.store or cached_search_store(args.messages)[0]
    load_before = os.getloadavg()
    figures = measure_search(path, repeats=args.repeat)
    load_after = os.getloadavg()
    print(f"search at {figures.messages:,} messages, {len(figures.per_query)} queries x {args.repeat}: "
          f"p50 {figures.median_ms:.2f} ms, p95 {figures.p95_ms:.2f} ms, p99 {figures.p99_ms:.2f} ms, "
          f"max {figures.max_ms:.2f} ms (load before {load_before[0]:.2f}, after {load_after[0]:.2f})")
    for query, ms, hits in _slowest(figures):
        print(f"  {ms:8.2f} ms  {hits:6d} hits  {query}")
    return 0 if figures.p99_ms < 30.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
