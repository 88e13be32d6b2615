"""Measuring benchmark child processes: stdin secrets, exit status, and a peak RSS of the child
itself rather than of the (much bigger) benchmark process that started it."""

from __future__ import annotations

import sys

import pytest

from tests.benchmarks.measure import MeasuredCommandFailed, p95, run_measured

_ALLOCATE = "x = bytearray(64 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1\n"


def test_stdin_reaches_the_child_and_output_is_returned() -> None:
    run = run_measured([sys.executable, "-c", "import sys; print(sys.stdin.read()[::-1])"],
                       stdin=b"terces")
    assert run.returncode == 0
    assert run.stdout.strip() == "secret"


def test_a_failing_command_raises_with_its_stderr() -> None:
    with pytest.raises(MeasuredCommandFailed, match="boom"):
        run_measured([sys.executable, "-c", "import sys; sys.exit('boom')"])
    run = run_measured([sys.executable, "-c", "raise SystemExit(3)"], check=False)
    assert run.returncode == 3


def test_peak_rss_is_the_childs_not_the_parents() -> None:
    ballast = bytearray(400 * 1024 * 1024)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    run = run_measured([sys.executable, "-c", _ALLOCATE])
    if not run.rss_exact:
        pytest.skip("GNU time is not installed: the wait4 figure includes the parent's image")
    assert 64 < run.max_rss_mb < 200
    del ballast


def test_p95_interpolates_between_ranks() -> None:
    assert p95([float(v) for v in range(1, 21)]) == pytest.approx(19.05)
    assert p95([7.0]) == 7.0
