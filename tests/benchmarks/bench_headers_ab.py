"""Same-server A/B of ``headers_listable_seconds``: this tree against an earlier commit.

``python -m tests.benchmarks.bench_headers_ab [--before REF] [--after REF] [--rounds N]
[--messages N]`` extracts ``REF`` (default ``HEAD``; ``--after`` default: this work tree) with
``git archive`` into a temporary folder, starts one
throwaway loopback Dovecot with the cached bench mailbox (``bench_sync``'s), and then runs a
full first sync of each code (``bench_sync._tradewind_sync``: this tree's
``tests/benchmarks/tw_child.py`` with that code first on the path), alternating before/after in each round, polling the store from a separate read
connection as ``bench_sync`` does. Prints one line per run with the 1-minute load average
beside the figure, and the rows/threads check of the last store of each side (the thread
partition must be the same). Both codes get their bytecode compiled first (as installed).
Not collected by pytest; takes about a minute per run at 10,000 messages.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.bench_sync import _tradewind_sync, _warm_server
from tests.benchmarks.maildir_load import cached_maildir, link_maildir
from tests.benchmarks.mailgen import MailboxSpec
from tests.benchmarks.measure import compile_bytecode
from tests.servers.dovecot import DovecotServer, MailUser

_ROOT = Path(__file__).resolve().parents[2]


def _extract(ref: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", ref, "client", "resources"], cwd=_ROOT,
                             capture_output=True, check=True).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _partition(db_path: Path) -> tuple[int, int, str]:
    """(rows, threads, a digest of the thread partition by Message-ID and UID)."""
    import hashlib

    with sqlite3.connect(str(db_path)) as conn:
        rows = conn.execute("SELECT f.name, m.uid, m.thread_id FROM messages m "
                            "JOIN folders f ON f.id = m.folder_id ORDER BY f.name, m.uid").fetchall()
    groups: dict[object, list[str]] = {}
    for folder, uid, thread in rows:
        groups.setdefault(thread, []).append(f"{folder}/{uid}")
    canon = sorted(",".join(sorted(members)) for members in groups.values())
    digest = hashlib.sha256("\n".join(canon).encode()).hexdigest()[:16]
    return len(rows), len(groups), digest


def _one(code: Path, server: DovecotServer, user: MailUser, db_path: Path,
         expected: int) -> tuple[float | None, float, float | None]:
    """(headers listable seconds, load before, the sync process's CPU until its last header
    batch) of one first sync of ``code``."""
    shutil.rmtree(db_path.parent, ignore_errors=True)
    db_path.parent.mkdir(parents=True)
    load = os.getloadavg()[0]
    _run, child, listable = _tradewind_sync(server, user, db_path, expected, None, code=code)
    return listable, load, child.get("headers_cpu_seconds")


@contextmanager
def bench_mailbox(messages: int, prefix: str) -> Iterator[tuple[DovecotServer, MailUser, int, Path]]:
    """A throwaway loopback Dovecot holding the cached bench mailbox of ``messages`` (read
    once and indexed by Dovecot), a user, the message count and a work folder; all removed
    afterwards."""
    source, manifest = cached_maildir(MailboxSpec(messages=messages))
    work = Path(tempfile.mkdtemp(prefix=prefix))
    server = DovecotServer().start()
    try:
        user = server.add_user("bench", secrets.token_urlsafe(18))
        link_maildir(source, server.mail_root / "bench")
        _warm_server(server, server.mail_root / "bench" / "Maildir")
        yield server, user, manifest.messages, work
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="HEAD")
    parser.add_argument("--after", default=None, help="a commit (default: this work tree)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args(argv)
    with bench_mailbox(args.messages, "tw-hdr-ab-") as (server, user, expected, work):
        before = _extract(args.before, work / "before")
        after = _extract(args.after, work / "after") if args.after else _ROOT
        codes = {"before": before, "after": after}
        compile_bytecode(after)
        compile_bytecode(before)
        figures: dict[str, list[float | None]] = {name: [] for name in codes}
        for round_no in range(args.rounds):
            for name, code in codes.items():
                listable, load, cpu = _one(code, server, user, work / name / "db" / "tw.db",
                                           expected)
                figures[name].append(listable)
                shown = f"{listable:.3f} s" if listable is not None else "never"
                used = f"{cpu:.3f} s" if cpu is not None else "-"
                print(f"round {round_no + 1} {name:6}: headers listable {shown}, sync process "
                      f"CPU until the last header batch {used} (load {load:.2f} before, "
                      f"{os.getloadavg()[0]:.2f} after)", flush=True)
        for name in codes:
            rows, threads, digest = _partition(work / name / "db" / "tw.db")
            runs = [v for v in figures[name] if v is not None]
            middle = f"median {statistics.median(runs):.3f} s" if runs else "no run listed all"
            print(f"{name:6}: {rows} rows, {threads} threads, partition {digest}; {middle}; runs "
                  + ", ".join(f"{v:.3f}" if v is not None else "never" for v in figures[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
