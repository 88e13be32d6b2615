"""Benchmark: the fraud risk counted after a sync, against the sync itself; not a test.

    .venv/bin/python -m tests.benchmarks.bench_risk_sync [--messages N] [--repeat N]

The sync benchmark's set-up (the seeded trade mailbox of ``mailgen``, 10,000 messages by
default, on a throwaway loopback Dovecot): one full sync in its own process
(``tests.benchmarks.tw_child``, as ``bench_sync`` measures it), then, on the synced store, the
after-sync step ``client.security.precompute.assess_new`` with its per-sync limit
(``PER_SYNC``), and with ``--every`` the same step over every message of the mailbox (what
counting all of a first sync would cost; slow: minutes). Prints each figure with the 1-minute load average beside it and the
step's share of the sync (target: at most 10 %). Exit status 0; 2 when the sync failed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_sync import _tradewind_sync, _warm_server
from tests.benchmarks.maildir_load import cached_maildir, link_maildir
from tests.benchmarks.mailgen import MailboxSpec
from tests.benchmarks.measure import MeasuredCommandFailed, median
from tests.servers.dovecot import DovecotServer

_USER = "bench"


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def _step(db_path: Path, email: str, limit: int, fresh: bool) -> tuple[float, int]:
    """Seconds and messages of one ``assess_new`` call on the synced store (``fresh``: the
    risk cache emptied first, as right after the first sync)."""
    from client.security.precompute import assess_new
    from client.store.db import Store

    with Store.open(db_path) as store:
        if fresh:
            store.conn.execute("DELETE FROM risk_cache")
        account = store.get_account(email)
        assert account is not None
        started = time.perf_counter()
        done = assess_new(store, account.id, limit=limit)
        return time.perf_counter() - started, done


def main(argv: list[str] | None = None) -> int:
    from client.security.precompute import PER_SYNC

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1, help="syncs and steps measured (median)")
    parser.add_argument("--every", action="store_true", help="also judge every message once")
    args = parser.parse_args(argv)
    spec = MailboxSpec(messages=args.messages)
    source, manifest = cached_maildir(spec)
    workdir = Path(tempfile.mkdtemp(prefix="tw-bench-risk-"))
    server = DovecotServer().start()
    figures: dict[str, Any] = {"syncs": [], "steps": [], "all": []}
    try:
        user = server.add_user(_USER, secrets.token_urlsafe(18))
        link_maildir(source, server.mail_root / _USER)
        _warm_server(server, server.mail_root / _USER / "Maildir")
        db_path = workdir / "profile" / "tradewind.db"
        for attempt in range(max(1, args.repeat)):
            shutil.rmtree(db_path.parent, ignore_errors=True)
            try:
                run, child, _listable = _tradewind_sync(server, user, db_path, manifest.messages,
                                                        None)
            except MeasuredCommandFailed as exc:
                print(f"sync failed: {exc}")
                return 2
            sync_load = _load()
            seconds = float(child["seconds"])
            step, done = _step(db_path, user.email, PER_SYNC, fresh=True)
            step_load = _load()
            whole, every = (_step(db_path, user.email, 10 * manifest.messages, fresh=True)
                            if args.every else (0.0, 0))
            whole_load = _load()
            figures["syncs"].append(seconds)
            figures["steps"].append(step)
            figures["all"].append(whole)
            print(f"run {attempt + 1}: sync of {manifest.messages} messages {seconds:.2f} s "
                  f"({sync_load}; process {run.wall_seconds:.2f} s); after-sync risk step "
                  f"{step:.2f} s for {done} messages, {1000 * step / max(1, done):.1f} ms each "
                  f"({step_load}) = {100 * step / seconds:.1f} % of the sync"
                  + (f"; every message {whole:.2f} s for {every} ({whole_load}) = "
                     f"{100 * whole / seconds:.1f} %" if args.every else ""), flush=True)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    sync, step, whole = (median(figures[k]) for k in ("syncs", "steps", "all"))
    print(f"median: sync {sync:.2f} s, step (limit {PER_SYNC}) {step:.2f} s = "
          f"{100 * step / sync:.1f} % (target <= 10 %)"
          + (f", every message {whole:.2f} s = {100 * whole / sync:.1f} %" if args.every else "")
          + f" ({_load()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
