"""Measuring child processes: wall time, peak RSS (``ru_maxrss`` of that child alone), polling.

``run_measured`` starts a command, optionally feeds it stdin (a secret never goes in argv),
calls ``on_poll(elapsed)`` every ``poll_interval`` seconds while it runs, and returns a
``Measured``. Call from one thread; POSIX only.

Peak RSS trap: Linux carries the RSS high-water mark of the memory image a process had before
``exec`` into its ``ru_maxrss``, and a child spawned by a big Python process (vfork or fork)
starts from the parent's image, so ``wait4`` here reports at least this process's own peak
(seen: mbsync "106 MB" = the benchmark's RSS). The command therefore runs under GNU
``time -f %M`` when installed, whose own image is ~2 MB; without it ``max_rss_mb`` is the
``wait4`` figure and ``rss_exact`` is False.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


class MeasuredCommandFailed(RuntimeError):
    """A measured command exited non-zero or ran past its time limit; the message has its output."""


@dataclass(frozen=True)
class Measured:
    """One finished child process."""

    wall_seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    rss_exact: bool = True


def _gnu_time() -> str | None:
    path = shutil.which("time", path="/usr/bin:/bin")
    return path if path and os.access(path, os.X_OK) else None


def run_measured(argv: Sequence[str], *, env: dict[str, str] | None = None, stdin: bytes | None = None,
                 on_poll: Callable[[float], None] | None = None, poll_interval: float = 0.02,
                 timeout: float = 3600.0, check: bool = True) -> Measured:
    """Run ``argv`` to completion and measure it. Raises ``MeasuredCommandFailed`` when ``check``."""
    gnu_time = _gnu_time()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="tw-rss-") as rss_file:
        command = list(argv)
        if gnu_time is not None:
            command = [gnu_time, "-f", "%M", "-o", rss_file.name, *command]
        started = time.perf_counter()
        proc = subprocess.Popen(command, env=env, stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
        if stdin is not None and proc.stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            elapsed = time.perf_counter() - started
            if pid:
                break
            if elapsed > timeout:
                proc.kill()
                _pid, status, usage = os.wait4(proc.pid, 0)
                break
            if on_poll is not None:
                on_poll(elapsed)
            time.sleep(poll_interval)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        max_rss_kb = usage.ru_maxrss
        if gnu_time is not None:
            reported = rss_file.read().decode(errors="replace").split()
            if reported and reported[-1].isdigit():
                max_rss_kb = int(reported[-1])
            else:
                gnu_time = None
        result = Measured(elapsed, max_rss_kb / 1024.0, proc.returncode,
                          out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                          rss_exact=gnu_time is not None)
    if check and (result.returncode != 0 or elapsed > timeout):
        raise MeasuredCommandFailed(
            f"{argv[0]} exited {result.returncode} after {elapsed:.1f} s\n"
            f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}")
    return result


def median(values: Sequence[float]) -> float:
    """Median of a non-empty sequence."""
    return float(statistics.median(values))


def p95(values: Sequence[float]) -> float:
    """95th percentile (linear interpolation between closest ranks) of a non-empty sequence."""
    if len(values) == 1:
        return float(values[0])
    return float(statistics.quantiles(values, n=20, method="inclusive")[18])


def p99(values: Sequence[float]) -> float:
    """99th percentile (linear interpolation between closest ranks) of a non-empty sequence."""
    if len(values) == 1:
        return float(values[0])
    return float(statistics.quantiles(values, n=100, method="inclusive")[98])


def compile_bytecode(repo: Path) -> None:
    """Compile ``client/`` and ``ui/`` of ``repo`` to ``__pycache__`` (git-ignored), as the
    installed app ships them (the bundle holds bytecode; pip compiles the packages it installs).
    A machine with PYTHONDONTWRITEBYTECODE set never writes them, so without this each child
    would compile ~400 project modules from source on every start (~0.3-0.5 s)."""
    import compileall

    for package in ("client", "ui"):
        if (repo / package).is_dir():  # an extracted commit may hold client/ alone
            compileall.compile_dir(str(repo / package), quiet=1)
