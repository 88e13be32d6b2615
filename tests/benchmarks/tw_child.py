"""One Tradewind sync in its own process, so its peak RSS is measured alone.

Run as ``python -m tests.benchmarks.tw_child --store DB --email ... --port N --ca-file PEM``;
the password comes on stdin (never argv, never a file), the account row is created on first
use. Prints one JSON line: the ``sync_account`` call's duration, when its last "fetch"
progress event came (end of the download phase), the seconds spent inside
``Store.index_pending`` on any thread of this process (full-text indexing left to the thread
indexer; the index process, ``client.sync.index_worker``, is not counted), its wall-clock start (for the parent's "all headers
listable" poll) and the report's counts and error. Exit status 1 when the sync reported an
error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any


def _timed_indexing(totals: dict[str, float]) -> None:
    """Wrap ``Store.index_pending`` to add up the seconds spent indexing (measurement only)."""
    from client.store import Store

    original = Store.index_pending

    def index_pending(self: Store, limit: int = 500, **options: Any) -> int:
        started = time.perf_counter()
        try:
            return original(self, limit, **options)
        finally:
            totals["index_seconds"] += time.perf_counter() - started

    Store.index_pending = index_pending  # type: ignore[method-assign,assignment]


def _children_max_rss_mb() -> float | None:
    """Peak RSS of the largest child process this sync waited for (the index process)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    kilobytes = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return kilobytes / 1024 if kilobytes else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca-file", required=True)
    parser.add_argument("--connections", type=int, default=None)
    parser.add_argument("--cprofile", default=None, help="write a cProfile of the sync call here")
    parser.add_argument("--no-index", action="store_true", help="sync_account(index=False)")
    args = parser.parse_args(argv)
    password = sys.stdin.readline().rstrip("\n")
    process_started = time.time()

    from client.store import Store
    from client.sync.engine import sync_account

    totals = {"index_seconds": 0.0}
    _timed_indexing(totals)
    with Store.open(args.store) as store:
        account = store.get_account(args.email) or store.add_account(
            args.email, imap_host=args.host, imap_port=args.port, security="tls",
            username=args.username, ca_file=args.ca_file)
    last_fetch = [0.0]
    last_headers = [0.0]
    headers_cpu = [0.0]

    def progress(event: Any) -> None:
        phase = getattr(event, "phase", "")
        if phase == "fetch":
            last_fetch[0] = time.perf_counter()
        elif phase == "headers":
            last_headers[0] = time.perf_counter()
            headers_cpu[0] = time.process_time()

    options: dict[str, Any] = {"progress": progress}
    if args.no_index:
        options["index"] = False
    if args.connections is not None:
        options["connections"] = args.connections
    sync_started = time.time()
    clock = time.perf_counter()
    cpu_clock = time.process_time()
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile()
        report = profiler.runcall(sync_account, args.store, account, password, **options)
        profiler.dump_stats(args.cprofile)
    else:
        report = sync_account(args.store, account, password, **options)
    seconds = time.perf_counter() - clock
    print(json.dumps({
        "process_started": process_started, "sync_started": sync_started, "seconds": seconds,
        "index_seconds": totals["index_seconds"],
        "fetch_seconds": last_fetch[0] - clock if last_fetch[0] else None,
        "headers_seconds": last_headers[0] - clock if last_headers[0] else None,
        # CPU of this process (all threads; not the header child's) until the last header batch
        "headers_cpu_seconds": headers_cpu[0] - cpu_clock if headers_cpu[0] else None,
        "children_max_rss_mb": _children_max_rss_mb(),
        "added": report.added, "updated": report.updated,
        "indexed": report.indexed, "status": report.status, "error": report.error,
        "folder_errors": {f.name: f.error for f in report.folders if f.error},
    }))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
