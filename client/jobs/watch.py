"""``tradewind watch``: IDLE on INBOX and queue "sync INBOX" jobs when the server reports change.

``InboxWatcher`` runs in its own thread with its own connection (never the worker's). IDLE is
re-issued every ``idle_seconds`` (default 25 min, inside the 29-minute limit of RFC 2177). When
the line drops it reconnects with exponential backoff (``backoff_initial`` doubling up to
``backoff_max``; reset after a good connection) and queues one sync after every (re)connect,
since mail may have arrived while it was away. A wrong password or an untrusted certificate
is reported once through ``AccountStatus`` and retried at the slowest pace only (no tight
loop, checklist T10). ``stop()`` may be called from any thread and returns promptly.

``watch_accounts`` wires one watcher per account to a ``WorkerPool`` and blocks until the
given stop event is set.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable

from client import events
from client.i18n import _
from client.imap import AuthenticationError, ImapError, ImapSession, TLSVerificationError
from client.jobs.worker import AccountWorker, PasswordSource, SyncJob, WorkerPool
from client.store import Account
from client.sync.engine import endpoint_for, status_for

log = logging.getLogger(__name__)

IDLE_SECONDS = 25 * 60


class InboxWatcher:
    """IDLE loop for one account; ``on_change()`` is called on the watcher's thread."""

    def __init__(
        self,
        account: Account,
        password_source: PasswordSource,
        on_change: Callable[[], None],
        *,
        folder: str = "INBOX",
        idle_seconds: float = IDLE_SECONDS,
        backoff_initial: float = 2.0,
        backoff_max: float = 300.0,
        bus: events.EventBus | None = None,
        connect: Callable[[], ImapSession] | None = None,
    ) -> None:
        self.account = account
        self._password_source = password_source
        self._on_change = on_change
        self.folder = folder
        self.idle_seconds = idle_seconds
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self._bus = bus or events.default_bus()
        self._connect = connect
        self._stop = threading.Event()
        self._session: ImapSession | None = None
        self._lock = threading.Lock()
        self._report_lock = threading.RLock()  # a subscriber may call stop() from _report
        self._thread: threading.Thread | None = None
        self.connections = 0
        self.idle_commands = 0

    def start(self) -> InboxWatcher:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self.run, name=f"tw-watch-{self.account.id}", daemon=True
            )
            self._thread.start()
        return self

    def stop(self, timeout: float | None = 10.0) -> bool:
        """End the loop: shuts the IDLE connection under it (idempotent, any thread). Returns
        True once the thread has ended."""
        with self._report_lock:  # once set, _report publishes nothing more
            self._stop.set()
        with self._lock:
            session = self._session
        if session is not None:
            session.interrupt()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                return False
            self._thread = None
        return True

    def _open(self) -> ImapSession:
        if self._connect is not None:
            return self._connect()
        endpoint = endpoint_for(self.account, timeout=60.0)
        password = self._password_source(self.account)
        try:
            return ImapSession.connect(endpoint, self.account.username, password)
        except AuthenticationError:
            if self.account.auth != "oauth2":
                raise
        # the server refused the access token: refresh it once and try once more, never a loop
        return ImapSession.connect(endpoint, self.account.username, self._refreshed_token())

    def _refreshed_token(self) -> str:
        """A newly refreshed OAuth2 access token; ``AuthenticationError`` in words when the
        sign-in cannot be refreshed (the account then needs the browser sign-in again)."""
        from client.oauth.credentials import secret_for
        from client.oauth.errors import OAuthError

        try:
            token = secret_for(self.account, force_refresh=True)
        except OAuthError as exc:
            raise AuthenticationError(str(exc)) from None
        if token is None:
            raise AuthenticationError(_("{email} is not signed in.", email=self.account.email))
        return token

    def run(self) -> None:
        """The loop (blocking); normally via ``start()``."""
        delay = self.backoff_initial
        while not self._stop.is_set():
            try:
                session = self._open()
            except ImapError as exc:
                self._report(exc)
                slow = isinstance(exc, AuthenticationError | TLSVerificationError)
                delay = self.backoff_max if slow else delay
                self._stop.wait(delay)
                delay = min(delay * 2, self.backoff_max)
                continue
            with self._lock:
                self._session = session
            try:
                self.connections += 1
                session.select(self.folder)
                delay = self.backoff_initial
                self._notify()  # catch up on what happened while we were away
                while not self._stop.is_set():
                    self.idle_commands += 1
                    if session.idle(self.idle_seconds):
                        self._notify()
            except ImapError as exc:
                if not self._stop.is_set():
                    log.info("watch of account %s lost its connection: %s", self.account.id, exc)
                    self._report(exc)
            finally:
                with self._lock:
                    self._session = None
                session.logout()
            if not self._stop.is_set():
                self._stop.wait(delay)
                delay = min(delay * 2, self.backoff_max)

    def _notify(self) -> None:
        try:
            self._on_change()
        except Exception:
            log.exception("watch callback failed")

    def _report(self, exc: ImapError) -> None:
        """Publish the account's status, unless stopped: a stopped watcher's late failure (a
        login with the password read before the rep re-entered it) would land after the new
        watcher's and the worker's reports and mark the fixed account refused again."""
        with self._report_lock:
            if not self._stop.is_set():
                self._bus.publish(events.AccountStatus(self.account.id, status_for(exc),
                                                       str(exc)))


def _inbox_job(worker: AccountWorker) -> Callable[[], None]:
    def queue_inbox_sync() -> None:
        worker.submit(SyncJob(("INBOX",)))

    return queue_inbox_sync


def watch_accounts(
    store_path: str | os.PathLike[str],
    accounts: Iterable[Account],
    password_source: PasswordSource,
    stop: threading.Event,
    *,
    bus: events.EventBus | None = None,
    idle_seconds: float = IDLE_SECONDS,
) -> None:
    """Full sync of every account, then IDLE on each INBOX queueing "sync INBOX" jobs until
    ``stop`` is set. Blocks the calling thread; each account fails on its own."""
    pool = WorkerPool(store_path, password_source, bus=bus)
    watchers: list[InboxWatcher] = []
    try:
        for account in accounts:
            worker = pool.worker(account)
            worker.submit(SyncJob())

            watchers.append(InboxWatcher(account, password_source, _inbox_job(worker), bus=bus,
                                         idle_seconds=idle_seconds).start())
        stop.wait()
    finally:
        for watcher in watchers:
            watcher.stop()
        pool.stop()
