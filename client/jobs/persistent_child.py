"""A sync child process per account that stays up between jobs (issue 17: new mail on screen
within a second).

Why: a child started per job (``client.jobs.child.sync_in_child``) spends 0.7-2 s on a loaded
machine importing the sync core, the outbox and the calendar code before an IDLE-triggered
"sync INBOX" (0.2 s of work) can start. ``PersistentChild`` starts the child once, feeds it
jobs over the same line protocol (``client.jobs.child_wire``: one request line per job, events
and one result line back, ``cancel`` to stop the running job) and starts a fresh one when it
died. A job whose child died under it (killed, crashed) runs once more in a fresh child, so the
request is not lost; the store survives a kill at any point (the crash tests), and the job
fetches what the dead one had not stored.

Parent side: ``PersistentChild.run(...)`` (same arguments and result as ``sync_in_child``;
blocking; any thread except the GUI thread; one job at a time, callers serialise like the
account's worker thread does) and ``stop()`` (any thread, idempotent: closes the child's stdin,
which ends it). Never raises for trouble in the child. Child side: ``persistent_main()``, run as
``python -m client.jobs.persistent_child``; it ends at the end of its stdin.
"""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import IO

from client import events, i18n
from client.child_command import command_for
from client.i18n import _
from client.jobs.after_sync import AfterSyncReport
from client.jobs.child import (
    _NO_WINDOW,
    CANCEL_GRACE_S,
    CHILD_ARGUMENT,
    _close,
    _drain_stderr,
    _failed,
    _run_request,
)
from client.jobs.child_wire import (
    CANCEL_LINE,
    ChildRequest,
    decode_line,
    decode_request,
    encode_event,
    encode_request,
    encode_result,
)
from client.store import Account
from client.sync.engine import SyncReport

log = logging.getLogger(__name__)

PERSISTENT_ARGUMENT = "--persistent"
_STDERR_KEPT = 20
Result = tuple[SyncReport, AfterSyncReport | None]


def persistent_command() -> list[str]:
    """The command that starts a persistent sync child (this interpreter or the frozen app)."""
    return command_for("client.jobs.persistent_child", [CHILD_ARGUMENT, PERSISTENT_ARGUMENT])


class PersistentChild:
    """One long-lived sync child for one account; restarted when it died."""

    def __init__(self, account_id: int, command: Sequence[str] | None = None) -> None:
        self.account_id = account_id
        self._command = list(command or persistent_command())
        self._proc: subprocess.Popen[str] | None = None
        self._stderr_tail: deque[str] = deque(maxlen=_STDERR_KEPT)
        self._lock = threading.Lock()
        self._stopped = False
        self.starts = 0  # how many child processes were started (tests, the benchmark)

    @property
    def pid(self) -> int | None:
        """The running child's process id (None when none runs)."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def run(
        self, store_path: str | os.PathLike[str], account: Account, password: str, *,
        folders: Sequence[str] | None = None, cancel: threading.Event | None = None,
        bus: events.EventBus | None = None, attachment_cap: int | None = None,
        connections: int | None = None, index: bool = True, after_sync: bool = True,
    ) -> Result:
        """Run one job in the child (see the module docstring). Blocking; never raises."""
        bus = bus or events.default_bus()
        cancel = cancel or threading.Event()
        request = ChildRequest(
            store_path=os.fspath(store_path), account_id=account.id, password=password,
            folders=tuple(folders) if folders is not None else None,
            attachment_cap=attachment_cap, connections=connections, index=index,
            after_sync=after_sync, language=i18n.get_language(),
        )
        with self._lock:
            if self._stopped:
                return SyncReport(account.id, cancelled=True, error=_("The sync was cancelled.")), None
            result = self._attempt(request, account, cancel, bus)
            if result is None and not cancel.is_set() and not self._stopped:
                log.warning("sync child of account %s died during a job; running it again",
                            account.id)
                result = self._attempt(request, account, cancel, bus)
        if result is not None:
            return result
        if cancel.is_set() or self._stopped:
            return SyncReport(account.id, cancelled=True, error=_("The sync was cancelled.")), None
        detail = self._stderr_tail[-1] if self._stderr_tail else "exit status unknown"
        return _failed(account, bus, _("The sync process ended unexpectedly ({detail}).",
                                       detail=detail)), None

    def stop(self, timeout: float = 5.0) -> None:
        """End the child (stdin closed; killed after ``timeout``). Idempotent, any thread."""
        self._stopped = True
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            _close(proc.stdin)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            _close(proc.stdout)

    # -- internals (under self._lock) -------------------------------------------------------------
    def _ensure_started(self) -> subprocess.Popen[str]:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            return proc
        if proc is not None:  # it died between jobs
            proc.wait()
            if proc.stdout is not None:
                _close(proc.stdout)
        self._stderr_tail.clear()
        proc = subprocess.Popen(
            self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace", bufsize=1, close_fds=True,
            creationflags=_NO_WINDOW,
        )
        assert proc.stderr is not None
        threading.Thread(target=_drain_stderr, args=(proc.stderr, self._stderr_tail),
                         name=f"tw-sync-err-{self.account_id}", daemon=True).start()
        self._proc = proc
        self.starts += 1
        return proc

    def _attempt(self, request: ChildRequest, account: Account, cancel: threading.Event,
                 bus: events.EventBus) -> Result | None:
        """One try; None when the child died (or could not start) before its result."""
        try:
            proc = self._ensure_started()
        except OSError as exc:
            self._stderr_tail.append(str(exc))
            return None
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(encode_request(request))
            proc.stdin.flush()
        except (OSError, ValueError):
            self._reap(proc)
            return None
        finished = threading.Event()
        forwarder = threading.Thread(target=_forward_cancel, args=(proc, cancel, finished),
                                     name=f"tw-sync-cancel-{account.id}", daemon=True)
        forwarder.start()
        try:
            result = _read_one_result(proc.stdout, bus)
        finally:
            finished.set()
            forwarder.join(1.0)
        if result is None:
            self._reap(proc)
        return result

    def _reap(self, proc: subprocess.Popen[str]) -> None:
        """Wait for a child that died mid-job and forget it (the next job starts a new one)."""
        proc.wait()
        if self._proc is proc:
            self._proc = None
        if proc.stdin is not None:
            _close(proc.stdin)
        if proc.stdout is not None:
            _close(proc.stdout)
        if not self._stderr_tail:
            self._stderr_tail.append(f"exit status {proc.returncode}")


def _read_one_result(stdout: IO[str], bus: events.EventBus) -> Result | None:
    """Relay events until the job's result line; None at the end of the stream (or when
    ``stop()`` closed it)."""
    try:
        for line in stdout:
            try:
                decoded = decode_line(line)
            except ValueError as exc:
                log.warning("sync child wrote a line that does not fit the protocol: %s", exc)
                continue
            if isinstance(decoded, tuple):
                return decoded
            bus.publish(decoded)
    except (OSError, ValueError):  # the stream was closed under us by stop()
        pass
    return None


def _forward_cancel(proc: subprocess.Popen[str], cancel: threading.Event,
                    finished: threading.Event) -> None:
    while not finished.is_set():
        if cancel.wait(0.25):
            break
    else:
        return
    try:
        assert proc.stdin is not None
        proc.stdin.write(CANCEL_LINE + "\n")
        proc.stdin.flush()
    except (OSError, ValueError):
        return
    if not finished.wait(CANCEL_GRACE_S):
        log.warning("sync child %s did not stop in %.0f s; killing it", proc.pid, CANCEL_GRACE_S)
        proc.kill()


# -- the child's side ----------------------------------------------------------------------------
def persistent_main(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Run requests from ``stdin`` one after another until it ends; exit status 0."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    jobs: queue.Queue[tuple[str, threading.Event] | None] = queue.Queue()
    threading.Thread(target=_read_stdin, args=(stdin, jobs), daemon=True).start()
    write_lock = threading.Lock()

    def emit(text: str) -> None:
        with write_lock:
            stdout.write(text)
            stdout.flush()

    bus = events.EventBus()
    bus.subscribe(lambda event: emit(encode_event(event)))
    while (job := jobs.get()) is not None:
        line, cancel = job
        try:
            request = decode_request(line)
        except ValueError as exc:
            print(f"sync child: {exc}", file=sys.stderr)
            emit(encode_result(SyncReport(0, error=str(exc), status="error"), None))
            continue
        i18n.set_language(request.language)
        try:
            report, after = _run_request(request, cancel, bus)
        except Exception as exc:
            log.exception("sync child failed")
            message = _("The sync failed unexpectedly: {detail}", detail=exc)
            report, after = SyncReport(request.account_id, error=message, status="error"), None
        emit(encode_result(report, after))
    return 0


def _read_stdin(stdin: IO[str], jobs: queue.Queue[tuple[str, threading.Event] | None]) -> None:
    """Requests go to ``jobs`` each with its own cancel event; ``cancel`` sets the latest one's;
    the end of stdin cancels the running job and ends the loop."""
    latest = threading.Event()
    for line in stdin:
        text = line.strip()
        if text == CANCEL_LINE:
            latest.set()
        elif text:
            latest = threading.Event()
            jobs.put((line, latest))
    latest.set()
    jobs.put(None)


if __name__ == "__main__":
    raise SystemExit(persistent_main())
