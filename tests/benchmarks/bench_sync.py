"""Tradewind's offline store against mbsync, side by side on the same loopback Dovecot account.

``python -m tests.benchmarks.bench_sync [--quick] [--messages N | --n N] [--repeat N]
[--json PATH] [--py-spy PATH]`` (or ``scripts/bench.sh``). Generates (or reuses from the cache) the seeded trade mailbox, starts
a throwaway Dovecot on 127.0.0.1, then measures in one run: full initial sync (Tradewind's
figure compared with mbsync is the time until its search index is complete, the end of the
``sync_account`` call; the time until every body is stored is printed beside it) and no-change
resync of both tools (each in its own process, peak RSS from ``wait4``), the time until all
headers are listable from Tradewind's store (a separate read connection polls it while the
sync runs), and search latency at 10,000 and 100,000 messages. ``--py-spy`` adds one full
sync under py-spy after the measured ones and prints where its time went
(``profile_summary``). Prints a table with PASS/MISS
per target and writes the figures as JSON (path printed). Exit status 0 even on a MISS; 2 when
a measurement could not be taken.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.maildir_load import cache_root, cached_maildir, link_maildir
from tests.benchmarks.mailgen import MailboxSpec
from tests.benchmarks.measure import Measured, MeasuredCommandFailed, median, run_measured
from tests.benchmarks.peer_mbsync import MbsyncPeer
from tests.benchmarks.report import render_table, write_json
from tests.benchmarks.search_bench import cached_search_store, measure_search
from tests.servers.dovecot import DovecotServer, MailUser, imap_quote

_ROOT = Path(__file__).resolve().parents[2]
_USER = "bench"


def _log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _note_load(results: dict[str, Any], phase: str) -> None:
    """Record the 1-minute load average: other work on the machine skews every figure."""
    results.setdefault("load_average_1min", {})[phase] = round(os.getloadavg()[0], 2)


def _code_version() -> dict[str, Any]:
    """HEAD and whether client/ has uncommitted changes: the figures belong to that code."""
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=_ROOT, capture_output=True, text=True, check=False)
        return proc.stdout.strip()

    return {"head": git("rev-parse", "--short", "HEAD"),
            "client_uncommitted": bool(git("status", "--porcelain", "--", "client"))}


def _warm_server(server: DovecotServer, maildir: Path) -> float:
    """Read every file once (page cache) and let Dovecot index and cache the mailboxes, so the
    first tool measured does not pay for what the second gets free."""
    started = time.perf_counter()
    for dirpath, _dirs, files in os.walk(maildir):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as handle:
                while handle.read(1 << 20):
                    pass
    doveadm = shutil.which("doveadm", path=str(Path(server.binary).parent) + os.pathsep + "/usr/bin")
    subprocess.run([str(doveadm), "-c", str(server.config_file), "fetch", "-u", _USER,
                    "uid flags imap.envelope imap.bodystructure", "all"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=900)
    return time.perf_counter() - started


def _modseqs(server: DovecotServer, user: MailUser, folders: list[str]) -> dict[str, int]:
    """HIGHESTMODSEQ per folder: unchanged after a sync means the tool changed nothing."""
    out = {}
    with server.imap_admin(user) as imap:
        for folder in folders:
            typ, data = imap.status(imap_quote(folder), "(HIGHESTMODSEQ)")
            match = re.search(rb"HIGHESTMODSEQ (\d+)", data[0] or b"") if typ == "OK" else None
            out[folder] = int(match[1]) if match else -1
    return out


class _HeaderPoll:
    """Polls the store with its own read connection until ``expected`` rows are listable."""

    def __init__(self, db_path: Path, expected: int) -> None:
        self.db_path, self.expected = db_path, expected
        self.reached_at: float | None = None  # time.time() when all rows were first visible
        self.conn: sqlite3.Connection | None = None

    def __call__(self, _elapsed: float) -> None:
        if self.reached_at is not None:
            return
        try:
            if self.conn is None:
                if not self.db_path.exists():
                    return
                self.conn = sqlite3.connect(str(self.db_path), timeout=0.05)
                self.conn.execute("PRAGMA query_only = 1")
            (count,) = self.conn.execute("SELECT count(*) FROM messages WHERE deleted = 0").fetchone()
        except sqlite3.Error:
            return  # schema not created yet, or a writer holds a lock for a moment
        if count >= self.expected:
            self.reached_at = time.time()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def _tradewind_sync(server: DovecotServer, user: MailUser, db_path: Path, expected: int,
                    connections: int | None, cprofile: Path | None = None,
                    pyspy: Path | None = None, code: Path = _ROOT,
                    ) -> tuple[Measured, dict[str, Any], float | None]:
    """One full sync in its own process with ``code``'s ``client/`` first on the path (this
    tree's ``tw_child`` runs it; ``bench_headers_ab`` passes an earlier commit's code)."""
    argv = [sys.executable, str(_ROOT / "tests" / "benchmarks" / "tw_child.py"), "--store", str(db_path),
            "--email", user.email, "--username", user.username, "--port", str(server.imaps_port),
            "--ca-file", str(server.ca_file)]
    if connections is not None:
        argv += ["--connections", str(connections)]
    if cprofile is not None:
        argv += ["--cprofile", str(cprofile)]
    if pyspy is not None:  # every thread and child process, collapsed stacks (profile only)
        argv = [str(_py_spy()), "record", "--rate", "50", "--subprocesses", "--threads",
                "--format", "raw", "--output", str(pyspy), "--", *argv]
    env = dict(os.environ, PYTHONPATH=str(code))
    poll = _HeaderPoll(db_path, expected)
    try:
        run = run_measured(argv, env=env, stdin=(user.password + "\n").encode(), on_poll=poll,
                           poll_interval=0.05, check=False)
    finally:
        poll.close()
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise MeasuredCommandFailed(f"Tradewind sync printed no result (exit {run.returncode}):\n"
                                    f"{run.stderr[-3000:]}")
    child = json.loads(lines[-1])
    if run.returncode != 0:
        _log(f"Tradewind sync reported an error: {child.get('error')} {child.get('folder_errors')}")
    listable = poll.reached_at - child["sync_started"] if poll.reached_at is not None else None
    return run, child, listable


def _py_spy() -> Path:
    """The py-spy next to this interpreter (``pip install py-spy``; profiling only)."""
    found = shutil.which("py-spy", path=str(Path(sys.executable).parent) + os.pathsep
                         + os.environ.get("PATH", ""))
    if found is None:
        raise MeasuredCommandFailed("--py-spy needs py-spy: pip install py-spy")
    return Path(found)


def _bodies_seconds(child: dict[str, Any]) -> float:
    """Seconds from the sync call until its last body batch was committed (the whole call
    when no body was fetched)."""
    fetch = child.get("fetch_seconds")
    return float(fetch if fetch is not None else child["seconds"])


def _store_counts(db_path: Path) -> dict[str, int]:
    with sqlite3.connect(str(db_path)) as conn:
        rows = conn.execute("SELECT body_state, count(*) FROM messages GROUP BY body_state").fetchall()
    return {str(state): int(count) for state, count in rows}


def run_sync_benchmarks(spec: MailboxSpec, repeat: int, connections: int | None,
                        results: dict[str, Any], workdir: Path, pyspy: Path | None = None) -> None:
    """Fill ``results['mailbox'|'server'|'mbsync'|'tradewind']``."""
    _log(f"mailbox {spec.key()}: generating or reusing the cached Maildir")
    source, manifest = cached_maildir(spec)
    results["mailbox"] = dict(manifest.__dict__)
    server = DovecotServer().start()
    try:
        user = server.add_user(_USER, secrets.token_urlsafe(18))
        started = time.perf_counter()
        link_maildir(source, server.mail_root / _USER)
        results["server"] = {"link_seconds": time.perf_counter() - started,
                             "warm_seconds": _warm_server(server, server.mail_root / _USER / "Maildir")}
        folders = list(manifest.folders)
        before = _modseqs(server, user, folders)
        _note_load(results, "before mbsync")
        _log("mbsync: full sync, resync, full sync without fsync")
        mb: dict[str, Any] = {}
        peer = MbsyncPeer(workdir / "mbsync", server, user)
        try:
            fulls = [peer.full_sync() for _ in range(repeat)]
            mb["full_sync_seconds"] = median([r.wall_seconds for r in fulls])
            mb["full_sync_runs"] = [r.wall_seconds for r in fulls]
            mb["full_sync_max_rss_mb"] = max(r.max_rss_mb for r in fulls)
            mb["messages_stored"] = peer.message_count()
            resyncs = []
            for _ in range(repeat):
                # mbsync waits 1 s when a local maildir changed within the current second (seen
                # with -Dn: 1.0 s before "near side: N messages"); a real resync comes later.
                time.sleep(2.0)
                resyncs.append(peer.resync())
            mb["resync_seconds"] = median([r.wall_seconds for r in resyncs])
            mb["resync_max_rss_mb"] = max(r.max_rss_mb for r in resyncs)
            mb["rss_exact"] = all(r.rss_exact for r in fulls + resyncs)
        finally:
            peer.close()
        nofsync = MbsyncPeer(workdir / "mbsync-nofsync", server, user, fsync=False)
        try:
            mb["full_sync_nofsync_seconds"] = nofsync.full_sync().wall_seconds
        finally:
            nofsync.close()
        results["mbsync"] = mb
        _log(f"mbsync: {mb['full_sync_seconds']:.1f} s full, {mb['resync_seconds']:.2f} s resync")
        _note_load(results, "before Tradewind")
        results["tradewind"] = _run_tradewind(server, user, spec, repeat, connections, workdir)
        if pyspy is not None:  # after the measured runs: the sampler slows the sync down
            _note_load(results, "before the profiled sync")
            results["profile"] = _profiled_sync(server, user, spec, connections, workdir, pyspy)
        _note_load(results, "after Tradewind")
        after = _modseqs(server, user, folders)
        results["server"]["unchanged_by_syncs"] = before == after
        if before != after:
            _log(f"WARNING: the server's HIGHESTMODSEQ changed during the syncs: {before} -> {after}")
    finally:
        server.stop()


def _run_tradewind(server: DovecotServer, user: MailUser, spec: MailboxSpec, repeat: int,
                   connections: int | None, workdir: Path) -> dict[str, Any]:
    tw: dict[str, Any] = {}
    full_runs: list[tuple[Measured, dict[str, Any], float | None]] = []
    db_path = workdir / "profile" / "tradewind.db"
    for attempt in range(repeat):
        shutil.rmtree(db_path.parent, ignore_errors=True)
        _log(f"Tradewind: full sync {attempt + 1}/{repeat}")
        full_runs.append(_tradewind_sync(server, user, db_path, spec.messages, connections))
    chosen = sorted(full_runs, key=lambda r: float(r[1]["seconds"]))[len(full_runs) // 2]
    run, child, listable = chosen
    # The figure compared with mbsync is the time until the search index is complete (the
    # sync call ends: searchable offline); the time until every body is stored is beside it.
    tw.update(full_sync_seconds=_bodies_seconds(child),
              full_sync_index_complete_seconds=child["seconds"],
              full_sync_index_seconds=child["index_seconds"],
              full_sync_fetch_seconds=child["fetch_seconds"],
              full_sync_index_complete_runs=[r[1]["seconds"] for r in full_runs],
              full_sync_process_seconds=run.wall_seconds,
              full_sync_runs=[_bodies_seconds(r[1]) for r in full_runs],
              full_sync_max_rss_mb=max(r[0].max_rss_mb for r in full_runs), headers_listable_seconds=listable,
              index_process_max_rss_mb=max((r[1].get("children_max_rss_mb") or 0.0 for r in full_runs),
                                           default=None) or None,
              full_sync_report={k: child[k] for k in ("added", "indexed", "status", "error", "folder_errors")},
              stored_body_states=_store_counts(db_path))
    resyncs = []
    for attempt in range(repeat):
        _log(f"Tradewind: no-change resync {attempt + 1}/{repeat}")
        time.sleep(2.0)  # same pause as before mbsync's resync
        resyncs.append(_tradewind_sync(server, user, db_path, spec.messages, connections))
    tw.update(resync_seconds=median([r[1]["seconds"] for r in resyncs]),
              resync_process_seconds=median([r[0].wall_seconds for r in resyncs]),
              resync_max_rss_mb=max(r[0].max_rss_mb for r in resyncs),
              rss_exact=all(r[0].rss_exact for r in full_runs + resyncs),
              resync_report={k: resyncs[-1][1][k] for k in ("added", "updated", "status", "error")})
    tw["profile_db"] = str(db_path)
    synced = measure_search(db_path)
    tw["search_synced_store"] = dict(synced.__dict__)
    _log(f"Tradewind: {tw['full_sync_seconds']:.1f} s full, {tw['resync_seconds']:.2f} s resync")
    return tw


def _profiled_sync(server: DovecotServer, user: MailUser, spec: MailboxSpec,
                   connections: int | None, workdir: Path, out: Path) -> dict[str, Any]:
    """One more full sync under py-spy (all threads and child processes); the collapsed
    stacks go to ``out``, the seconds per phase (``profile_summary``) into the results."""
    from tests.benchmarks.profile_summary import summarize

    db_path = workdir / "profiled" / "tradewind.db"
    shutil.rmtree(db_path.parent, ignore_errors=True)
    _log(f"Tradewind: full sync under py-spy -> {out}")
    run, child, _listable = _tradewind_sync(server, user, db_path, spec.messages, connections,
                                            pyspy=out)
    summary = summarize(out, rate=50)
    _log("profile (seconds of samples per phase): " + json.dumps(summary["phases"]))
    return dict(summary, wall_seconds=run.wall_seconds, sync_seconds=child["seconds"])


def run_search_benchmarks(sizes: list[int], results: dict[str, Any]) -> None:
    """Fill ``results['search'][str(size)]`` from stores built through the store API."""
    results.setdefault("search", {})
    for size in sizes:
        _log(f"search: building or reusing a {size:,}-message store")
        path, build = cached_search_store(size)
        _note_load(results, f"before search {size}")
        figures = measure_search(path)
        results["search"][str(size)] = dict(figures.__dict__, source="store API", build=build)
        _log(f"search at {size:,}: median {figures.median_ms:.1f} ms, p95 {figures.p95_ms:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 messages; search at 10,000 only")
    parser.add_argument("--messages", "--n", type=int, default=None,
                        help="mailbox size (default 10,000; 50000 gives about 6 GB)")
    parser.add_argument("--seed", type=int, default=MailboxSpec.seed)
    parser.add_argument("--repeat", type=int, default=1, help="runs per sync measurement (median)")
    parser.add_argument("--connections", type=int, default=None, help="Tradewind helper connections")
    parser.add_argument("--search-sizes", default=None, help="comma-separated, default 10000,100000")
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="where to write the results")
    parser.add_argument("--py-spy", type=Path, default=None, metavar="PATH",
                        help="one extra full sync under py-spy; collapsed stacks to PATH")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (profile, Maildir)")
    args = parser.parse_args(argv)
    messages = args.messages or (1000 if args.quick else 10_000)
    sizes = [int(s) for s in (args.search_sizes or ("10000" if args.quick else "10000,100000")).split(",")]
    spec = MailboxSpec(seed=args.seed, messages=messages)
    results: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                               "spec": dict(spec.__dict__, key=spec.key()), "cpus": os.cpu_count(),
                               "code": _code_version()}
    workdir = Path(tempfile.mkdtemp(prefix="tw-bench-"))
    failed = False
    from tests.benchmarks.measure import compile_bytecode

    compile_bytecode(Path(__file__).resolve().parents[2])  # the sync child starts as the app does
    try:
        if not args.skip_sync:
            try:
                run_sync_benchmarks(spec, max(1, args.repeat), args.connections, results, workdir,
                                    args.py_spy)
            except (MeasuredCommandFailed, RuntimeError, OSError) as exc:
                failed = True
                results["sync_error"] = str(exc)
                _log(f"sync benchmark failed: {exc}")
        if not args.skip_search:
            run_search_benchmarks(sizes, results)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    json_path = args.json or cache_root() / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    write_json(results, json_path)
    print()
    print(render_table(results))
    print(f"\nJSON: {json_path}")
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
