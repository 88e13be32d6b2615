"""One worker thread per account: runs that account's sync jobs in series.

``AccountWorker(store_path, account, password_source)`` owns a thread started by ``start()``;
``submit(job)`` may be called from any thread (the UI, the IDLE watcher) and never blocks.
Identical queued sync jobs are merged (two "sync INBOX" requests run once); a job that is
already running is not a queued one: a request made while it runs (IDLE saw new mail after its
fetch began) runs again after it, or that mail would wait for the next event. A job's failure
(wrong password, server down, full disk) is reported through ``SyncReport``/``AccountStatus``
events and the account row's status; it never stops the worker nor touches another account.

``WorkerPool`` keeps one worker per account: accounts sync independently and in parallel.
The password is asked for at each job (``password_source(account)``; the keyring in the app),
so it is never kept longer than one sync.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from client import events
from client.i18n import _
from client.store import Account
from client.sync.engine import SyncReport, sync_account

log = logging.getLogger(__name__)

PasswordSource = Callable[[Account], str]
SyncFunction = Callable[..., SyncReport]


@dataclass(frozen=True)
class SyncJob:
    """Sync these folders (names or roles; None = all folders)."""

    folders: tuple[str, ...] | None = None
    done: Callable[[SyncReport], None] | None = field(default=None, compare=False)


class AccountWorker:
    """A thread that runs one account's jobs in order. Thread-safe ``submit``/``stop``."""

    def __init__(
        self,
        store_path: str | os.PathLike[str],
        account: Account,
        password_source: PasswordSource,
        *,
        bus: events.EventBus | None = None,
        sync: SyncFunction = sync_account,
        sync_options: dict[str, object] | None = None,
    ) -> None:
        self.store_path = store_path
        self.account = account
        self._password_source = password_source
        self._bus = bus or events.default_bus()
        self._sync = sync
        self._options = dict(sync_options or {})
        self._jobs: queue.Queue[SyncJob | None] = queue.Queue()
        self._pending: list[SyncJob] = []
        self._running: SyncJob | None = None
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_report: SyncReport | None = None
        self._idle = threading.Event()
        self._idle.set()

    def start(self) -> AccountWorker:
        """Start the thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name=f"tw-sync-{self.account.id}", daemon=True
            )
            self._thread.start()
        return self

    def submit(self, job: SyncJob | None = None) -> bool:
        """Queue a job; returns False when an identical job was already waiting (merged)."""
        job = job or SyncJob()
        with self._lock:
            if job.done is None and any(j == job and j.done is None and j is not self._running
                                        for j in self._pending):
                return False
            self._pending.append(job)
            self._idle.clear()
        self._jobs.put(job)
        return True

    def cancel_current(self) -> None:
        """Ask the running sync to stop at the next safe point (its work so far is kept)."""
        self._cancel.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running (for tests and the CLI)."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float | None = 30.0) -> None:
        """Cancel the current job, drop queued ones and end the thread (idempotent)."""
        self._cancel.set()
        with self._lock:
            self._pending.clear()
        self._jobs.put(None)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            with self._lock:
                if not any(j is job for j in self._pending):  # dropped by stop()
                    continue
                self._running = job
            self._cancel.clear()
            report = self._run_job(job)
            with self._lock:
                self._running = None
                self._pending = [j for j in self._pending if j is not job]
                if not self._pending:
                    self._idle.set()
            self.last_report = report
            if job.done is not None:
                try:
                    job.done(report)
                except Exception:
                    log.exception("sync completion callback failed")

    def _run_job(self, job: SyncJob) -> SyncReport:
        try:
            password = self._password_source(self.account)
        except Exception as exc:  # noqa: BLE001 - keyring trouble is this account's problem only
            message = _("The password for {email} could not be read: {detail}",
                        email=self.account.email, detail=exc)
            # a refused sign-in (an OAuth2 refresh the provider refused) is the account's
            # auth state, as the IDLE watcher reports it: both must say the same, or the
            # status the rep sees depends on which thread spoke last
            code = getattr(exc, "code", "")
            state = code if code in ("no-password", "auth-failed") else "error"
            self._bus.publish(events.AccountStatus(self.account.id, state, message))
            return SyncReport(self.account.id, error=message, status="error")
        try:
            return self._sync(
                self.store_path, self.account, password, folders=job.folders,
                cancel=self._cancel, bus=self._bus, **self._options,
            )
        except Exception as exc:  # a bug must not kill the worker thread
            log.exception("sync of account %s failed", self.account.id)
            message = _("The sync failed unexpectedly: {detail}", detail=exc)
            self._bus.publish(events.AccountStatus(self.account.id, "error", message))
            return SyncReport(self.account.id, error=message, status="error")


class WorkerPool:
    """One ``AccountWorker`` per account. Call from one controlling thread."""

    def __init__(
        self,
        store_path: str | os.PathLike[str],
        password_source: PasswordSource,
        *,
        bus: events.EventBus | None = None,
        sync: SyncFunction = sync_account,
        sync_options: dict[str, object] | None = None,
    ) -> None:
        self.store_path = store_path
        self._password_source = password_source
        self._bus = bus
        self._sync = sync
        self._options = sync_options
        self.workers: dict[int, AccountWorker] = {}

    def worker(self, account: Account) -> AccountWorker:
        """The account's worker, started on first use."""
        found = self.workers.get(account.id)
        if found is None:
            found = AccountWorker(self.store_path, account, self._password_source,
                                  bus=self._bus, sync=self._sync, sync_options=self._options)
            self.workers[account.id] = found.start()
        return found

    def sync_all(self, accounts: Iterable[Account]) -> None:
        """Queue a full sync on every account's worker (they run in parallel)."""
        for account in accounts:
            self.worker(account).submit(SyncJob())

    def wait_idle(self, timeout: float | None = None) -> bool:
        return all(w.wait_idle(timeout) for w in self.workers.values())

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.stop()
        self.workers.clear()
