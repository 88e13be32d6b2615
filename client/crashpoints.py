"""Crash points for the crash-safety tests (the mbsync discipline: kill at every step, resume).

Two switches, both read from the environment and set only by tests, for a child process they
then restart; without them every call here is a dictionary lookup (and a counter). Thread-safe.

- `hit(name)` SIGKILLs the process when `TRADEWIND_TEST_CRASH_AT` (`ENV_VAR`) equals `name`
  (named points of the send and upload paths).
- `after_commit()` counts committed sync/replay transactions and SIGKILLs the process after the
  Nth when `TRADEWIND_TEST_KILL_AFTER_COMMITS` (`KILL_AFTER_COMMITS_VAR`) holds N > 0.
"""

from __future__ import annotations

import os
import signal
import threading

ENV_VAR = "TRADEWIND_TEST_CRASH_AT"
KILL_AFTER_COMMITS_VAR = "TRADEWIND_TEST_KILL_AFTER_COMMITS"

_lock = threading.Lock()
_count = 0


def _die() -> None:
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def hit(name: str) -> None:
    """Die here, at once and without cleanup, if this is the armed crash point."""
    if os.environ.get(ENV_VAR) == name:
        _die()


def _commit_limit() -> int:
    value = os.environ.get(KILL_AFTER_COMMITS_VAR, "")
    return int(value) if value.isdigit() else 0


def after_commit() -> None:
    """Count one committed sync transaction; SIGKILL ourselves when the limit is reached."""
    global _count
    with _lock:
        _count += 1
        reached = _count == _commit_limit()
    if reached:
        _die()
