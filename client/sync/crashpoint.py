"""Crash-test hook: make the process kill itself (SIGKILL) right after the Nth sync commit.

Only active when the environment variable ``TRADEWIND_TEST_KILL_AFTER_COMMITS`` holds a positive
integer (set by the crash-safety tests for a child process); otherwise ``after_commit`` is a
counter increment. Thread-safe. This is the mbsync discipline: interrupt every step, resume.
"""

from __future__ import annotations

import os
import signal
import threading

ENV_VAR = "TRADEWIND_TEST_KILL_AFTER_COMMITS"

_lock = threading.Lock()
_count = 0


def _limit() -> int:
    value = os.environ.get(ENV_VAR, "")
    return int(value) if value.isdigit() else 0


def after_commit() -> None:
    """Count one committed sync transaction; SIGKILL ourselves when the limit is reached."""
    global _count
    with _lock:
        _count += 1
        reached = _count == _limit()
    if reached:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
