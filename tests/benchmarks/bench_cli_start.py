"""Benchmark: the `tradewind` command as a whole process on a 100,000-message cache (issue 10).

    .venv/bin/python -m tests.benchmarks.bench_cli_start [--count 100000] [--runs 15]

Builds (once; cached in ``$TRADEWIND_BENCH_CACHE``, keyed by the generator spec and the schema
version) a profile of ``--count`` messages through the store API (``search_bench``), then
starts each command ``--runs`` times as a fresh process, exactly as a shell would, and prints
the median and the fastest wall time of each beside ``python -c pass`` (the interpreter's own
start, the floor no command can beat). Commands: ``--help``, ``ls INBOX --json``, ``search
quotation --json``, ``search from:mueller --json``. Target: ``ls`` and ``search`` under
150 ms. ``--before DIR``: also time the same commands from another source tree (e.g. ``git
archive <commit> client resources | tar -x -C DIR``), alternating with this one, both as
``python -S -m client.cli`` with the installed packages on ``PYTHONPATH`` (so neither gets the
editable install's finder). Not a test (tests/benchmarks is not collected); run it on a quiet
machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET_MS = 150.0
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--help",),
    ("ls", "INBOX", "--json"),
    ("search", "quotation", "--json"),
    ("search", "from:mueller", "--json"),
)


def cached_profile(total: int) -> Path:
    """A profile folder holding a ``total``-message cache, built on first use."""
    from client.profile.paths import DATABASE_NAME
    from client.store.migrations import LATEST
    from tests.benchmarks.maildir_load import cache_root
    from tests.benchmarks.search_bench import build_search_store, search_spec

    folder = cache_root() / f"cli-{total}-{search_spec().key()}-schema{LATEST}"
    if (folder / DATABASE_NAME).exists():
        return folder
    building = folder.with_suffix(".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    print(f"building a {total:,}-message cache (once) ...", flush=True)
    build_search_store(building / DATABASE_NAME, total)
    from client.store import Store

    with Store.open(building / DATABASE_NAME) as store:  # fold the WAL into the main file
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    building.rename(folder)
    return folder


def command_line() -> list[str]:
    """How a shell starts `tradewind`: the installed script beside this interpreter."""
    script = Path(sys.executable).with_name("tradewind")
    return [str(script)] if script.exists() else [sys.executable, "-m", "client.cli"]


def timed_runs(argv: list[str], runs: int, env: dict[str, str],
               cwd: Path = REPO) -> list[float]:
    """Wall milliseconds of ``runs`` fresh processes of ``argv`` (after one warm-up run, so
    the page cache and .pyc files are warm); a failing run stops the benchmark."""
    times: list[float] = []
    for index in range(runs + 1):
        started = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, env=env, cwd=cwd, check=False)
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: "
                             f"{done.stderr.decode(errors='replace')[-400:]}")
        if index:
            times.append(elapsed)
    return times


def tree_command(tree: Path) -> tuple[list[str], dict[str, str]]:
    """``python -S -m client.cli`` running the code of ``tree`` (see ``--before``)."""
    import sysconfig

    path = os.pathsep.join([str(tree), sysconfig.get_paths()["purelib"]])
    return [sys.executable, "-S", "-m", "client.cli"], {"PYTHONPATH": path}


def compare(before: Path, runs: int, env: dict[str, str]) -> None:
    """Median (fastest) of ``before`` and of this tree, alternating, from a neutral folder."""
    print(f"before ({before}) and after (this tree), python -S -m client.cli, "
          f"median (fastest) of {runs} runs each, alternating:")
    for command in COMMANDS:
        times: dict[Path, list[float]] = {before: [], REPO: []}
        for _ in range(runs):
            for tree in times:
                argv, extra = tree_command(tree)
                times[tree] += timed_runs([*argv, *command], 1, {**env, **extra},
                                          cwd=Path(tempfile.gettempdir()))
        old, new = times[before], times[REPO]
        print(f"  tradewind {' '.join(command):<30} before {statistics.median(old):7.1f} ms "
              f"({min(old):6.1f})   after {statistics.median(new):7.1f} ms ({min(new):6.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", type=Path, help="a source tree to compare with")
    args = parser.parse_args()
    source = cached_profile(args.count)
    profile = Path(tempfile.mkdtemp(prefix="tradewind-cli-bench-"))
    try:
        for name in os.listdir(source):
            if name.startswith("tradewind.db"):
                shutil.copy(source / name, profile / name)
        env = {**os.environ, "TRADEWIND_PROFILE": str(profile), "TRADEWIND_LANG": "en"}
        rows = [("python -c pass (floor)", timed_runs([sys.executable, "-c", "pass"],
                                                      args.runs, env))]
        for command in COMMANDS:
            rows.append((f"tradewind {' '.join(command)}",
                         timed_runs([*command_line(), *command], args.runs, env)))
        if args.before:
            compare(args.before.resolve(), args.runs, env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    print(f"whole process, {args.count:,}-message cache, median (fastest) of {args.runs} runs:")
    for label, times in rows:
        median = statistics.median(times)
        verdict = ""
        if label.startswith(("tradewind ls", "tradewind search")):
            verdict = "  PASS" if median < TARGET_MS else f"  MISS (target < {TARGET_MS:.0f} ms)"
        print(f"  {label:<40} {median:7.1f} ms ({min(times):6.1f}){verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
