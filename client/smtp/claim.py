"""Who holds an outbox message, and whether that holder still lives.

A flusher that takes a message (`Outbox.claim`) writes its *claimant* into the row: this
process's id, the process's start time (so a recycled pid is not taken for the same process)
and a random token for this one claim. `is_live(pid, started, token)` answers for any row:
- this process (same pid and start time): live while the claim's token is registered here,
  i.e. while the thread that took it still works on it (`register`/`forget`);
- another process: live while a process with that pid runs and started at that time (not a
  zombie). A process that cannot be inspected (access denied) counts as live: a claim is never
  taken from a claimant that may still be working; it waits instead.
SQLite's WAL mode only works between processes of one computer, so the process table of this
computer is the truth. Thread-safe; no I/O besides reading the process table.
"""

from __future__ import annotations

import os
import secrets
import threading
from dataclasses import dataclass

import psutil

# psutil derives a start time from the boot time, which a clock adjustment may move a little;
# a pid is not reused within seconds, so this tolerance cannot mistake another process for it.
_START_TOLERANCE_S = 2.0

_lock = threading.Lock()
_registered: set[str] = set()
_own_start: dict[int, float] = {}


@dataclass(frozen=True, slots=True)
class Claimant:
    """The process and the one claim (token) that hold an outbox message."""

    pid: int
    started: float
    token: str


def new_claimant() -> Claimant:
    """A fresh claimant for this process: its pid, its start time and a new random token."""
    return Claimant(pid=os.getpid(), started=_process_start(), token=secrets.token_hex(16))


def register(token: str) -> None:
    """This process works on the claim `token` from now on (call before the claim commits)."""
    with _lock:
        _registered.add(token)


def forget(token: str) -> None:
    """This process no longer works on `token`; idempotent. A row still holding the token is
    then an abandoned claim that any flusher may recover."""
    with _lock:
        _registered.discard(token)


def is_live(pid: int | None, started: float | None, token: str | None) -> bool:
    """Whether the claimant written in a row may still be working on it (see the module doc).
    A row without a claimant (a row left by an older Tradewind) is not live."""
    if pid is None or token is None:
        return False
    if pid == os.getpid() and _same_start(started, _process_start()):
        with _lock:
            return token in _registered
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        return _same_start(started, process.create_time())
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:  # access denied and the like: it may be working, never take over
        return True


def _same_start(recorded: float | None, actual: float) -> bool:
    return recorded is not None and abs(recorded - actual) <= _START_TOLERANCE_S


def _process_start() -> float:
    pid = os.getpid()  # recomputed after a fork
    with _lock:
        if pid not in _own_start:
            _own_start[pid] = psutil.Process(pid).create_time()
        return _own_start[pid]
