"""Run one account's sync (and the outbox flush after it) in a child process.

When the flush filed sent mail or pushed drafts, the child syncs Sent and Drafts once more, so
the app shows them at once (``AfterSyncReport.changed_folders``).

Why: in the app, a sync thread beside the GUI thread made the GUI wait for the GIL while the
sync parsed, stored and indexed mail, so the window stuttered (event-loop gaps up to 250 ms
during a 5,000-message sync). A child process has its own interpreter; the parent's thread only
waits on a pipe.

``sync_in_child(...)`` (parent; any thread except the GUI thread — it blocks until the child
ends) starts ``python -m client.jobs.child`` (or the frozen app with ``CHILD_ARGUMENT``), sends
the request on stdin, republishes the child's events on ``bus`` and returns the child's
``SyncReport`` and ``AfterSyncReport``. Setting ``cancel`` asks the child to stop at its next
safe point; a child that does not end within ``CANCEL_GRACE_S`` is killed (the store survives a
kill at any point: see the crash tests). It never raises for trouble in the child: a child that
dies, or cannot start, gives a report with an error in words. The child speaks the parent's
language (``client.i18n.get_language()`` when the job starts), so its words need no translating.

``child_main()`` is the child's side; it reads the password only from stdin.
"""

from __future__ import annotations

import logging
import os
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

CHILD_ARGUMENT = "--sync-child"  # the frozen app's hidden mode (see client.cli.main)
CANCEL_GRACE_S = 15.0
_STDERR_KEPT = 20


def child_command() -> list[str]:
    """The command that starts a sync child with this interpreter (or the frozen app)."""
    return command_for("client.jobs.child", [CHILD_ARGUMENT])


def sync_in_child(
    store_path: str | os.PathLike[str],
    account: Account,
    password: str,
    *,
    folders: Sequence[str] | None = None,
    cancel: threading.Event | None = None,
    bus: events.EventBus | None = None,
    attachment_cap: int | None = None,
    connections: int | None = None,
    index: bool = True,
    after_sync: bool = True,
    command: Sequence[str] | None = None,
) -> tuple[SyncReport, AfterSyncReport | None]:
    """Sync ``account`` in a child process; see the module docstring. Blocking."""
    bus = bus or events.default_bus()
    cancel = cancel or threading.Event()
    request = ChildRequest(
        store_path=os.fspath(store_path), account_id=account.id, password=password,
        folders=tuple(folders) if folders is not None else None, attachment_cap=attachment_cap,
        connections=connections, index=index, after_sync=after_sync,
        language=i18n.get_language(),
    )
    try:
        proc = subprocess.Popen(
            list(command or child_command()), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace", bufsize=1,
            close_fds=True, creationflags=_NO_WINDOW,
        )
    except OSError as exc:
        return _failed(account, bus, _("The sync process could not be started: {detail}", detail=exc)), None
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    stderr_tail: deque[str] = deque(maxlen=_STDERR_KEPT)
    threads = [
        threading.Thread(target=_drain_stderr, args=(proc.stderr, stderr_tail),
                         name=f"tw-sync-err-{account.id}", daemon=True),
        threading.Thread(target=_forward_cancel, args=(proc, cancel),
                         name=f"tw-sync-cancel-{account.id}", daemon=True),
    ]
    try:
        proc.stdin.write(encode_request(request))
        proc.stdin.flush()
    except OSError:
        pass  # the child died at once; its exit status and stderr say why below
    for thread in threads:
        thread.start()
    result = _read_results(proc.stdout, bus)
    proc.wait()
    for thread in threads:
        thread.join(1.0)
    _close(proc.stdin)
    _close(proc.stdout)
    if result is not None:
        return result
    if cancel.is_set():
        report = SyncReport(account.id, cancelled=True, error=_("The sync was cancelled."))
        return report, None
    detail = stderr_tail[-1] if stderr_tail else f"exit status {proc.returncode}"
    return _failed(account, bus, _("The sync process ended unexpectedly ({detail}).", detail=detail)), None


def _read_results(
    stdout: IO[str], bus: events.EventBus,
) -> tuple[SyncReport, AfterSyncReport | None] | None:
    result = None
    for line in stdout:
        try:
            decoded = decode_line(line)
        except ValueError as exc:
            log.warning("sync child wrote a line that does not fit the protocol: %s", exc)
            continue
        if isinstance(decoded, tuple):
            result = decoded
        else:
            bus.publish(decoded)
    return result


def _failed(account: Account, bus: events.EventBus, message: str) -> SyncReport:
    bus.publish(events.AccountStatus(account.id, "error", message))
    return SyncReport(account.id, error=message, status="error")


def _drain_stderr(stream: IO[str], tail: deque[str]) -> None:
    for line in stream:
        text = line.rstrip()
        if text:
            tail.append(text)
            log.warning("sync child: %s", text)
    _close(stream)


def _forward_cancel(proc: subprocess.Popen[str], cancel: threading.Event) -> None:
    while proc.poll() is None:
        if cancel.wait(0.25):
            break
    else:
        return
    try:
        assert proc.stdin is not None
        proc.stdin.write(CANCEL_LINE + "\n")
        proc.stdin.flush()
    except (OSError, ValueError):
        pass
    try:
        proc.wait(CANCEL_GRACE_S)
    except subprocess.TimeoutExpired:
        log.warning("sync child %s did not stop in %.0f s; killing it", proc.pid, CANCEL_GRACE_S)
        proc.kill()


def _close(stream: IO[str]) -> None:
    try:
        stream.close()
    except OSError:
        pass


_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flash on Windows


# -- the child's side ----------------------------------------------------------------------------
def child_main(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> int:
    """Read one request, run it, write events and the result. Exit status 0 whenever a
    result was written (even for a failed sync), 2 for a request that does not fit."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        request = decode_request(stdin.readline())
    except ValueError as exc:
        print(f"sync child: {exc}", file=sys.stderr)
        return 2
    i18n.set_language(request.language)
    cancel = threading.Event()
    threading.Thread(target=_watch_parent, args=(stdin, cancel), daemon=True).start()
    write_lock = threading.Lock()

    def emit(text: str) -> None:
        with write_lock:
            stdout.write(text)
            stdout.flush()

    bus = events.EventBus()
    bus.subscribe(lambda event: emit(encode_event(event)))
    try:
        report, after = _run_request(request, cancel, bus)
    except Exception as exc:
        logging.getLogger(__name__).exception("sync child failed")
        message = _("The sync failed unexpectedly: {detail}", detail=exc)
        report, after = SyncReport(request.account_id, error=message, status="error"), None
    emit(encode_result(report, after))
    return 0


def _run_request(request: ChildRequest, cancel: threading.Event,
                 bus: events.EventBus) -> tuple[SyncReport, AfterSyncReport | None]:
    from client.jobs.after_sync import after_sync
    from client.settings import attachment_cap_bytes
    from client.store import Store, StoreError
    from client.sync.engine import DEFAULT_HELPER_CONNECTIONS, sync_account

    try:
        with Store.open(request.store_path) as store:
            account = store.account(request.account_id)
            cap = (request.attachment_cap if request.attachment_cap is not None
                   else attachment_cap_bytes(store))  # client.settings, as the CLI reads it
    except StoreError as exc:
        return SyncReport(request.account_id, error=str(exc), status="error"), None
    if account is None:
        return SyncReport(request.account_id, error=_("The account was removed."),
                          status="error"), None
    connections = (request.connections if request.connections is not None
                   else DEFAULT_HELPER_CONNECTIONS)
    report = sync_account(request.store_path, account, request.password, folders=request.folders,
                          cancel=cancel, bus=bus, index=request.index, attachment_cap=cap,
                          connections=connections)
    after = None
    if request.after_sync and report.error is None and not cancel.is_set():
        with Store.open(request.store_path) as store:
            after = after_sync(store, account, request.password)
        changed = after.changed_folders()
        if changed and not cancel.is_set():  # sent mail and saved drafts show at once
            again = sync_account(request.store_path, account, request.password, folders=changed,
                                 cancel=cancel, bus=bus, index=request.index,
                                 attachment_cap=cap, connections=0)
            report.folders.extend(again.folders)
            report.indexed += again.indexed
    return report, after


def _watch_parent(stdin: IO[str], cancel: threading.Event) -> None:
    """Cancel on the parent's ``cancel`` line, or when the parent went away (end of stdin)."""
    for line in stdin:
        if line.strip() == CANCEL_LINE:
            break
    cancel.set()


if __name__ == "__main__":
    raise SystemExit(child_main())
