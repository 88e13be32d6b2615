"""CPU seconds per step of the header-first listing of the bench mailbox (issue 17).

``python -m tests.benchmarks.bench_headers_steps [--runs N] [--messages N]`` starts a
throwaway loopback Dovecot with the cached bench mailbox (``bench_sync``'s) and runs the
listing part of a first sync in this process (the body pass is skipped), N times, with
thread-CPU timers around the steps: reading the header batches' replies (the read-ahead
thread, ``fetch_batch``), taking the header child's answers (``FetchedBatch.resolve``), the
row inserts (``Store.insert_messages``), what follows the listing (``finish_listing``: search
rows, threads), the UID search or FLAGS/size pass, and the header child's own CPU (from
``/proc``, Linux only). Prints one line per run with the 1-minute load average. The timers
add some wall time; the wall figure here is not the benchmark's ``headers_listable_seconds``.
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from tests.benchmarks.bench_headers_ab import bench_mailbox

_lock = threading.Lock()


def _timed(totals: dict[str, float], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.thread_time()
        try:
            return func(*args, **kwargs)
        finally:
            with _lock:
                totals[name] += time.thread_time() - started
    return wrapper


def _child_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _patched(totals: dict[str, float]) -> Iterator[None]:
    from client.imap import ImapSession
    from client.store import Store
    from client.sync import engine, fetch_pool, folder_sync, header_child, listing_finish

    saved: list[tuple[object, str, object]] = []

    def patch(owner: object, name: str, value: object) -> None:
        saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    patch(folder_sync, "fetch_batch", _timed(totals, "reply reading (read-ahead thread)",
                                             fetch_pool.fetch_batch))
    patch(fetch_pool.FetchedBatch, "resolve", _timed(totals, "taking the child's answers",
                                                     fetch_pool.FetchedBatch.resolve))
    patch(Store, "insert_messages", _timed(totals, "row inserts", Store.insert_messages))
    patch(engine, "finish_listing", _timed(totals, "after the listing (search rows, threads)",
                                           listing_finish.finish_listing))
    patch(ImapSession, "uids", _timed(totals, "UID search", ImapSession.uids))
    patch(ImapSession, "fetch_meta", _timed(totals, "FLAGS/size pass", ImapSession.fetch_meta))
    patch(engine, "_fill_all_bodies", lambda *args, **kwargs: None)  # the listing only
    real_close = header_child.HeaderParser.close

    def close(self: header_child.HeaderParser) -> None:
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            totals["header child (its imports included)"] += _child_cpu(proc.pid)
        real_close(self)

    patch(header_child.HeaderParser, "close", close)
    try:
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args(argv)
    from client.store import Store
    from client.sync.engine import sync_account

    with bench_mailbox(args.messages, "tw-hdr-steps-") as (server, user, expected, work):
        for run in range(args.runs):
            db_path = work / f"run{run}" / "tw.db"
            db_path.parent.mkdir(parents=True)
            with Store.open(db_path) as store:
                account = store.add_account(user.email, imap_host="127.0.0.1",
                                            imap_port=server.imaps_port, security="tls",
                                            username=user.username, ca_file=str(server.ca_file))
            totals: dict[str, float] = defaultdict(float)
            load = os.getloadavg()[0]
            patches = _patched(totals)
            next(patches)
            try:
                wall, cpu = time.perf_counter(), time.process_time()
                report = sync_account(db_path, account, user.password, index=False)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            finally:
                next(patches, None)
            with Store.open(db_path) as store:
                rows = store.conn.execute("SELECT count(*) FROM messages").fetchone()[0]
            steps = ", ".join(f"{name} {seconds:.3f}" for name, seconds in totals.items())
            print(f"run {run + 1}: {rows} rows listed ({report.status}), wall {wall:.3f} s, "
                  f"this process's CPU {cpu:.3f} s; thread CPU per step: {steps} "
                  f"(load {load:.2f} before, {os.getloadavg()[0]:.2f} after)", flush=True)
            if rows != expected:
                print(f"expected {expected} rows", file=sys.stderr)
                return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
