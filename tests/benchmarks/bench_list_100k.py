"""Benchmark: the message list at 100,000 messages (issue 3: "stays smooth"); not a test.

    .venv/bin/python -m tests.benchmarks.bench_list_100k [--count 100000] [--keep DIR]

Builds (or reuses with ``--keep``) a profile of ``--count`` messages (client.demo.large), then
prints, for its biggest folder, the best of ``RUNS`` timings of the calls the app makes:
background queries (``ui.list_queries.folder_ids`` per sort key, flat and by conversation;
``ui.list_queries.next_unread`` from the top, from past the last unread row so it scans the
whole list and crosses to the next folder, and over search results; the flag state of a
"select all" for a toggle) and the look-ups the GUI thread makes (a page of 200 rows, the
unread counts, also with every message unread). Each background call opens its own Store
like the app does, so the figures include that (~1 ms).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

RUNS = 5


def best_ms(call: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of RUNS calls in milliseconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best * 1000, result


def run(db: Path) -> None:
    """Print the figures for the biggest folder of the profile at ``db``."""
    from client.store.db import Store
    from ui import list_queries

    with Store.open(db) as store:
        total = store.conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        folder, size = store.conn.execute(
            "SELECT folder_id, count(*) FROM messages GROUP BY folder_id ORDER BY 2 DESC"
        ).fetchone()
        order = [f.id for a in store.list_accounts() for f in store.folders(a.id)]
    print(f"profile: {total:,} messages; biggest folder {folder} with {size:,}")
    print("background (ui.list_queries, own Store per call):")
    for key in ("date", "from", "subject"):
        for threaded in (False, True):
            for descending in (True, False):
                ms, ids = best_ms(partial(list_queries.folder_ids,
                                          db, folder, key, descending, threaded))
                print(f"  sort by {key:<7} {'conversations' if threaded else 'messages':<13} "
                      f"{'desc' if descending else 'asc ':<4}: {ms:7.1f} ms ({len(ids):,} rows)")
    ids = list_queries.folder_ids(db, folder)
    with Store.open(db) as store:
        unread = store.unread_ids(folder)
    last_unread = max((i for i, mid in enumerate(ids) if mid in unread), default=-1)
    for label, current in (("from the top", -1), ("past the last unread row", last_unread)):
        ms, found = best_ms(partial(list_queries.next_unread, db, ids, current, folder, order))
        print(f"  next unread {label:<24}: {ms:7.1f} ms -> {found}")
    ms, found = best_ms(lambda: list_queries.next_unread(db, ids, last_unread, None))
    print(f"  next unread in {len(ids):,} search results: {ms:7.1f} ms -> {found}")
    ms, counts = best_ms(lambda: list_queries.flag_counts(db, ids, "flagged"))
    print(f"  flag state of a {len(ids):,}-row selection (toggle): {ms:7.1f} ms -> {counts}")
    print("GUI thread (the window's own Store):")
    with Store.open(db) as store:
        threaded_ids = store.message_ids(folder, threaded=True)
        middle = len(ids) // 2
        ms, _ = best_ms(lambda: store.rows_by_ids(ids[middle : middle + 200]))
        print(f"  a page of 200 rows                 : {ms:7.1f} ms")
        ms, _ = best_ms(lambda: store.rows_by_ids(threaded_ids[middle : middle + 200], True))
        print(f"  a page of 200 conversation rows    : {ms:7.1f} ms")
        ms, _ = best_ms(store.unread_counts)
        print(f"  unread counts of every folder      : {ms:7.1f} ms")
        store.conn.execute("BEGIN")  # every message unread, rolled back afterwards
        try:
            store.conn.execute("UPDATE messages SET seen = 0")
            ms, _ = best_ms(store.unread_counts)
            print(f"  … with all {total:,} unread          : {ms:7.1f} ms")
        finally:
            store.conn.execute("ROLLBACK")


def main() -> int:
    parser = argparse.ArgumentParser(description="message list timings at 100,000 messages")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse/keep the profile in this folder")
    args = parser.parse_args()
    from client.demo.large import build_large_profile
    from client.paths import DATABASE_NAME

    profile = args.keep or Path(tempfile.mkdtemp(prefix="tradewind-list-bench-")) / "large"
    if not (profile / DATABASE_NAME).exists():
        started = time.perf_counter()
        stored = build_large_profile(profile, args.count, index=False)
        print(f"built a {stored:,}-message profile in {time.perf_counter() - started:.1f} s")
    run(profile / DATABASE_NAME)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
