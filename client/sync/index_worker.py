"""Full-text indexing in a second process, beside the body download.

Indexing is CPU work in Python (MIME text extraction, CJK bigrams, FTS5 inserts). On the
sync's own process it competed for the GIL with the fetch threads and the writer, which is why
it used to wait until every body was stored; in a process of its own it runs on the other core
while bodies stream in, so the sync returns soon after the last body with the index complete.

Parent side: ``IndexWorker(store_path, cancel)`` is driven by the sync's thread: ``nudge()`` after each
committed body batch (starts the process on the first call: a no-change sync starts none),
``finish(drain=True)`` to index what is left and wait (a ``cancel`` set meanwhile stops it
after its current chunk), ``finish(drain=False)`` to stop after the current chunk (error). It never raises: a process that cannot start or dies sets
``error``/``failed`` and the caller indexes the rest on a thread (``BackgroundIndexer``); rows
stay ``indexed = 0`` until a chunk commits, so nothing is lost on a kill of either process.

Child side (``python -m client.sync.index_worker STORE``, or the frozen app with
``CHILD_ARGUMENT``): reads ``more``/``finish``/``stop`` lines on stdin (EOF before ``finish``
= stop: the parent is gone), loops ``Store.index_pending(CHUNK)``, prints one JSON line
``{"indexed": n, "error": str|null}`` at the end. Writes SQLite with its own connection (WAL;
the store's busy timeout absorbs the short overlap with the sync's writer; the sync's
``WAL_AUTOCHECKPOINT_PAGES``, so its commits do not checkpoint more often than the sync's).
"""

from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
import threading
import time
from typing import IO

from client.child_command import command_for

log = logging.getLogger(__name__)

#: Messages per index transaction: short write-lock holds, so the body writer rarely waits.
CHUNK = 100
#: How often a waiting parent looks at its cancel event.
POLL_SECONDS = 0.2
#: Seconds a stopped child may take to end its current chunk before it is killed.
STOP_SECONDS = 15.0
#: A sync that stores fewer new bodies than this indexes them on its own thread at the end
#: (``BackgroundIndexer``): starting the process (0.3-2 s of imports) costs more than indexing
#: a few new mails, which is what an IDLE-triggered sync brings (issue 17: new mail on screen).
PROCESS_MIN_ROWS = 200
#: ``wal_autocheckpoint`` (pages) of the sync's connection while bodies stream in, and of the
#: child's: with SQLite's default (1,000) the child's frequent commits ran a checkpoint nearly
#: every time (COMMIT was a quarter of its profile, issue 17), undoing the sync's longer period.
WAL_AUTOCHECKPOINT_PAGES = 4096
#: The frozen app's hidden mode for this child (see ``client.cli.main``).
CHILD_ARGUMENT = "--index-child"


def child_command(store_path: str | os.PathLike[str]) -> list[str]:
    """The command that starts an index child with this interpreter (or the frozen app)."""
    return command_for("client.sync.index_worker", [CHILD_ARGUMENT], os.fspath(store_path))


class IndexWorker:
    """One index child process; call every method from the one thread that owns it."""

    def __init__(self, store_path: str | os.PathLike[str],
                 cancel: threading.Event | None = None) -> None:
        self._path = store_path
        self._cancel = cancel
        self._proc: subprocess.Popen[str] | None = None
        self._waiting = 0  # bodies committed before the process started (PROCESS_MIN_ROWS)
        self.failed = False
        self.indexed = 0
        self.error: str | None = None

    @property
    def started(self) -> bool:
        return self._proc is not None

    def nudge(self, rows: int | None = None) -> None:
        """``rows`` new bodies were committed (None: enough to start): index them soon. The
        process starts once ``PROCESS_MIN_ROWS`` have come in this sync; below that nothing
        starts and the caller's thread indexer takes them at the end."""
        if self.failed:
            return
        if self._proc is None:
            self._waiting += PROCESS_MIN_ROWS if rows is None else rows
            if self._waiting < PROCESS_MIN_ROWS:
                return
            try:
                self._proc = subprocess.Popen(
                    child_command(self._path), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    text=True, encoding="utf-8", env=_child_env())
            except OSError as exc:
                self._fail(f"could not start the index process: {exc}")
                return
        self._send("more")

    def finish(self, *, drain: bool = True, timeout: float | None = None) -> int:
        """Let the child index every remaining row (``drain``) or stop after its current
        chunk; wait for it (killed after ``timeout`` seconds) and return how many rows it
        indexed. A ``cancel`` set meanwhile turns a drain into a stop (at most
        ``STOP_SECONDS`` more). Idempotent."""
        proc, self._proc = self._proc, None
        if proc is None:
            return self.indexed
        stopping = not drain or self._cancelled()
        self._send("stop" if stopping else "finish", proc)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                proc.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if not stopping and self._cancelled():
                    self._send("stop", proc)
                    stopping = True
                    deadline = min(deadline or math.inf, time.monotonic() + STOP_SECONDS)
                if deadline is not None and time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    self._fail("the index process did not finish in time")
                    _close(proc)
                    return self.indexed
        out = proc.stdout.read() if proc.stdout is not None else ""
        _close(proc)
        self._read_result(out, proc.returncode)
        return self.indexed

    def _cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def _read_result(self, out: str, returncode: int) -> None:
        lines = [line for line in out.splitlines() if line.startswith("{")]
        try:
            result = json.loads(lines[-1])
            self.indexed += int(result["indexed"])
            if result.get("error"):
                self.error = str(result["error"])
        except (IndexError, KeyError, TypeError, ValueError):
            self._fail(f"the index process ended without a result (exit {returncode})")

    def _send(self, command: str, proc: subprocess.Popen[str] | None = None) -> None:
        proc = proc or self._proc
        if proc is None or proc.stdin is None or proc.stdin.closed:
            return
        try:
            proc.stdin.write(command + "\n")
            proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            self._fail("the index process stopped early")

    def _fail(self, why: str) -> None:
        """Remember a failure; the caller indexes the rest itself (rows stay unindexed)."""
        log.info("%s; indexing continues on a thread", why)
        self.failed = True


def _close(proc: subprocess.Popen[str]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            try:
                stream.close()
            except OSError:  # a pipe the child broke: nothing left to flush
                pass


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The crash tests kill the *sync* after its Nth commit; the index child does not count.
    env.pop("TRADEWIND_TEST_KILL_AFTER_COMMITS", None)
    return env


class _Commands:
    """The child's view of its stdin, read on a daemon thread (works with pipes on Windows)."""

    def __init__(self, stdin: IO[str]) -> None:
        self.wake = threading.Event()
        self.finishing = threading.Event()
        self.stop = threading.Event()
        threading.Thread(target=self._read, args=(stdin,), name="tw-index-stdin",
                         daemon=True).start()

    def _read(self, stdin: IO[str]) -> None:
        for line in stdin:
            word = line.strip()
            if word == "finish":
                self.finishing.set()
            elif word == "stop":
                self.stop.set()
            self.wake.set()
        if not self.finishing.is_set():
            self.stop.set()  # EOF without "finish": the parent is gone
        self.wake.set()


def child_main(store_path: str, stdin: IO[str] | None = None,
               stdout: IO[str] | None = None) -> int:
    """Index until told to finish (drained) or stop; print the result line. Exit 0, or 1
    when the store could not be written (the error is in the result line)."""
    from client.store import Store, StoreError

    commands = _Commands(stdin or sys.stdin)
    indexed, error = 0, None
    try:
        with Store.open(store_path) as store:
            store.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
            while not commands.stop.is_set():
                finishing = commands.finishing.is_set()
                done = store.index_pending(CHUNK, bodies_only=not finishing)
                indexed += done
                if done:
                    continue
                if finishing:
                    break
                commands.wake.wait(1.0)
                commands.wake.clear()
    except StoreError as exc:
        error = str(exc)
    out = stdout or sys.stdout
    out.write(json.dumps({"indexed": indexed, "error": error}) + "\n")
    out.flush()
    return 0 if error is None else 1


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1]))
