"""``SyncDriver``: the app's link to the sync core (workers, IDLE, interval, Send/Receive).

Create, ``start()``, ``attach(window)`` and ``stop()`` on the GUI thread. ``start()`` takes the
profile's writer lock (``client.profile.paths.ProfileLock``); when another process holds it the driver
stays read-only and says so in the status bar. Otherwise it runs one ``AccountWorker`` per real
account (demo accounts have no server), a full sync of each at start and every
``sync.interval_minutes`` (the QTimer only *submits* jobs), an ``InboxWatcher`` (IDLE) per
account queueing "sync INBOX" jobs. Each job runs in the account's sync child process, started
once and kept between jobs (``client.jobs.persistent_child``; restarted if it dies):
the sync, then ``client.jobs.after_sync.after_sync`` when the server answered, so the outbox
goes out when the line returns. The attachment cap (``sync.attachment_cache_mb``) is read at
each job.

Network and disk work happen only in the sync child and on the watcher threads; the worker
threads only wait on the child's pipe. Results reach the GUI thread
through ``client.events`` (bridged by ``ui.qt.event_bridge.EventBridge``) and this object's
signals, which Qt queues to the GUI thread. ``stop()`` cancels, joins with a timeout and
releases the lock (idempotent).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from client import events
from client.i18n import _
from client.imap import AuthenticationError, PasswordNotSaved
from client.jobs.persistent_child import PersistentChild
from client.jobs.watch import IDLE_SECONDS, InboxWatcher
from client.jobs.worker import SyncJob, WorkerPool
from client.profile import secrets
from client.profile.paths import ProfileLock, ProfileLockedError
from client.settings import attachment_cap_bytes
from client.store import Account, Store
from client.sync.engine import SyncReport
from ui.qt.event_bridge import EventBridge
from ui.settings.values import load_sync_settings
from ui.sync.status import AccountState, describe

log = logging.getLogger(__name__)

JOIN_TIMEOUT_S = 10.0


def keyring_password(account: Account) -> str:
    """The account's password from the keyring, or for an OAuth2 account a fresh access token
    (any thread except the GUI thread: a refresh is an HTTP request). A missing entry raises
    ``PasswordNotSaved`` (an ``AuthenticationError``, code "no-password") in words, a refused
    refresh ``AuthenticationError``, so the watcher backs off as for a refused password and the
    status bar asks for it."""
    from client.oauth.credentials import secret_for
    from client.oauth.errors import OAuthError

    try:
        password = secret_for(account)
    except OAuthError as exc:
        raise AuthenticationError(str(exc)) from None
    if password is None:
        raise PasswordNotSaved(_("No password for {email} is saved in the system keyring.",
                                 email=account.email))
    return password


def _open_in_browser(url: str) -> None:
    import webbrowser

    webbrowser.open(url)


def syncable(account: Account) -> bool:
    """Accounts with a server (the demo account has none)."""
    return account.preset != "demo" and bool(account.imap_host)


class SyncDriver(QObject):
    """Drives the sync core for one profile. GUI thread only, except where noted."""

    #: account id, SyncReport — after every job (from a worker thread, queued to the GUI)
    accountSynced = Signal(int, object)
    #: account id, AfterSyncReport — the outbox flush after a successful sync
    outboxFlushed = Signal(int, object)
    #: the line shown for all accounts changed
    statesChanged = Signal()

    def __init__(
        self,
        db_path: Path,
        profile_dir: Path,
        parent: QObject | None = None,
        *,
        bus: events.EventBus | None = None,
        idle_seconds: float = IDLE_SECONDS,
        connections: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.profile_dir = Path(profile_dir)
        #: how "sign in again" shows the sign-in address (any thread; tests replace it)
        self.open_url: Callable[[str], Any] = _open_in_browser
        self._bus = bus or events.default_bus()
        self._idle_seconds = idle_seconds
        options: dict[str, object] = {}
        if connections is not None:
            options["connections"] = connections
        self._pool = WorkerPool(self.db_path, keyring_password, bus=self._bus,
                                sync=self._sync_then_send, sync_options=options)
        self._watchers: dict[int, InboxWatcher] = {}
        self._children: dict[int, PersistentChild] = {}
        self._children_lock = threading.Lock()
        self._accounts: dict[int, Account] = {}
        self.states: dict[int, AccountState] = {}
        self._lock: ProfileLock | None = None
        self.read_only_reason = ""
        self.running = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._bridge = EventBridge(self._bus, self)
        self._bridge.accountStatus.connect(self._on_status)

    # -- life cycle (GUI thread) -----------------------------------------------------------------
    def start(self) -> bool:
        """Take the writer lock and start syncing; False (read-only) when another process
        holds the profile. Idempotent."""
        if self.running or self._stopped:
            return self.running
        try:
            self._lock = ProfileLock(self.profile_dir).acquire()
        except ProfileLockedError as exc:
            holder = f" (process {exc.holder_pid})" if exc.holder_pid else ""
            self.read_only_reason = self.tr(
                "Read-only: another Tradewind{0} is syncing this profile; mail is not fetched "
                "here until it closes.").format(holder)
            self.statesChanged.emit()
            return False
        self.running = True
        self.statesChanged.emit()
        self.sync_now()
        self._restart_timer()
        return True

    def stop(self, timeout: float = JOIN_TIMEOUT_S) -> bool:
        """Cancel running syncs, end every thread (join with ``timeout`` each) and release the
        lock. Returns True when all threads ended. Idempotent."""
        self._stopped = True
        self._timer.stop()
        self._bridge.close()
        watchers, self._watchers = list(self._watchers.values()), {}
        workers = list(self._pool.workers.values())
        for worker in workers:
            worker.cancel_current()
        ended = all([watcher.stop(timeout) for watcher in watchers])
        for worker in workers:
            worker.stop(timeout)
        self._pool.workers.clear()
        with self._children_lock:
            children, self._children = list(self._children.values()), {}
        for child in children:
            child.stop()
        ended = ended and not any(t.name.startswith(("tw-sync-", "tw-watch-"))
                                  for t in threading.enumerate())
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self.running = False
        return ended

    # -- commands (GUI thread) -------------------------------------------------------------------
    def sync_now(self) -> None:
        """Send/Receive: queue a full sync of every account (merged with waiting ones) and
        pick up accounts added since the start."""
        if not self.running:
            return
        with Store.open(self.db_path) as store:  # a quick indexed read
            accounts = [a for a in store.list_accounts() if syncable(a)]
            interval = load_sync_settings(store).interval_minutes
        for account in accounts:
            self._accounts[account.id] = account
            self._pool.worker(account).submit(SyncJob())
            if account.id not in self._watchers:
                self._start_watcher(account)
        if self._timer.interval() != interval * 60_000:
            self._timer.setInterval(interval * 60_000)

    def send_receive(self) -> None:
        """Send/Receive, the rep's own "send now": every waiting message of every account is
        made due (its backoff forgotten, off the GUI thread), then ``sync_now`` runs, whose
        after-step sends them. The timer's and the start's syncs (``sync_now`` alone) are
        automatic retries and keep the backoff."""
        if not self.running:
            return
        from ui.qt.tasks import run_in_background

        db_path = self.db_path

        def make_due() -> int:  # a thread of the pool: one short durable write
            from client.smtp.outbox import Outbox

            with Store.open(db_path) as store:
                box = Outbox(store)
                return sum(box.make_due(a.id) for a in store.list_accounts() if syncable(a))

        def failed(exc: BaseException) -> None:  # the sync still runs; backoff stays
            log.warning("the outbox could not be made due now: %s", exc)
            self.sync_now()

        run_in_background(make_due, lambda _count: self.sync_now(), failed, owner=self)

    def sync_folders(self, account_id: int, folders: tuple[str, ...]) -> None:
        """Queue a sync of just these folders (names or roles) of one account, e.g. Sent after
        the composer sent mail. Nothing happens for an unknown or demo account."""
        account = self._accounts.get(account_id)
        if self.running and account is not None:
            self._pool.worker(account).submit(SyncJob(folders))

    def apply_settings(self) -> None:
        """Reread the sync interval and restart the timer with it when it changed (the next
        check is one new interval from now). The attachment cap is read at each job anyway."""
        if not self.running:
            return
        with Store.open(self.db_path) as store:  # a quick indexed read
            interval = load_sync_settings(store).interval_minutes
        if self._timer.interval() != interval * 60_000:
            self._timer.start(interval * 60_000)

    def set_password(self, account_id: int, password: str,
                     on_done: Any = None) -> None:
        """Save a re-entered password in the keyring (off the GUI thread), then reconnect the
        account's watcher and sync it."""
        from ui.qt.tasks import run_in_background

        account = self._accounts.get(account_id)
        if account is None:
            return

        def saved(_result: object) -> None:
            self._restart_account(account_id)
            if on_done is not None:
                on_done(None)

        def failed(exc: BaseException) -> None:
            self.states[account_id] = describe(account.email, "error", str(exc))
            self.statesChanged.emit()
            if on_done is not None:
                on_done(exc)

        run_in_background(lambda: secrets.set_password(account.email, password), saved,
                          failed, owner=self)

    def sign_in_again(self, account_id: int, cancel: threading.Event,
                      on_done: Any = None) -> None:
        """Run the OAuth2 browser sign-in for the account on the thread pool (never the GUI
        thread), keep the new tokens, then reconnect and sync it. ``cancel`` stops the wait;
        ``on_done(None | exception)`` runs on the GUI thread. The outbox is untouched."""
        from ui.qt.tasks import run_in_background

        account = self._accounts.get(account_id)
        if account is None:
            return
        db_path, open_url = self.db_path, self.open_url

        def work() -> None:
            from client.accounts.manager import AccountManager
            from client.oauth.credentials import provider_of
            from client.oauth.pkce_flow import sign_in

            tokens = sign_in(provider_of(account), open_url=open_url, login_hint=account.email,
                             cancel=cancel)
            with Store.open(db_path) as store:
                AccountManager(store).relogin(account.email, tokens)

        def signed_in(_result: object) -> None:
            self.states[account_id] = describe(account.email, "syncing")
            self.statesChanged.emit()
            self._restart_account(account_id)
            if on_done is not None:
                on_done(None)

        def failed(exc: BaseException) -> None:
            self.states[account_id] = describe(account.email, "needs-login", str(exc))
            self.statesChanged.emit()
            if on_done is not None:
                on_done(exc)

        run_in_background(work, signed_in, failed, owner=self)

    def busy(self) -> bool:
        """Whether any account has a sync queued or running (any thread)."""
        return not self._pool.wait_idle(0)

    def account(self, account_id: int) -> Account | None:
        return self._accounts.get(account_id)

    def _restart_account(self, account_id: int) -> None:
        account = self._accounts.get(account_id)
        if account is None or not self.running:
            return
        old = self._watchers.pop(account_id, None)
        if old is not None:
            old.stop(0)  # interrupts IDLE or its back-off wait; the thread ends on its own
        self._pool.worker(account).submit(SyncJob())
        self._start_watcher(account)

    def _start_watcher(self, account: Account) -> None:
        worker = self._pool.worker(account)

        def queue_inbox_sync() -> None:  # the watcher's thread
            worker.submit(SyncJob(("INBOX",)))

        self._watchers[account.id] = InboxWatcher(
            account, keyring_password, queue_inbox_sync,
            bus=self._bus, idle_seconds=self._idle_seconds,
        ).start()

    def _restart_timer(self) -> None:
        if not self._timer.isActive() and self._timer.interval() > 0:
            self._timer.start()

    # -- status (GUI thread) ---------------------------------------------------------------------
    def _on_status(self, event: events.AccountStatus) -> None:
        account = self._accounts.get(event.account_id)
        if account is None:
            return
        state = event.state
        if account.auth == "oauth2" and state in ("auth-failed", "no-password"):
            state = "needs-login"  # a password dialog cannot help: the browser sign-in can
        self.states[event.account_id] = describe(account.email, state, event.message)
        self.statesChanged.emit()

    # -- worker thread ---------------------------------------------------------------------------
    def _sync_then_send(self, store_path: Path, account: Account, password: str, *,
                        folders: tuple[str, ...] | None = None,
                        cancel: threading.Event | None = None,
                        bus: events.EventBus | None = None, **options: Any) -> SyncReport:
        """The worker's sync function: read the attachment cap, then sync and flush the outbox
        in a child process (``client.jobs.child``) so the GUI thread never waits for the GIL
        behind parsing and indexing. Runs on the account's worker thread, which only waits on
        the child's pipe; the child's events arrive on ``bus`` as if the sync ran here."""
        with Store.open(store_path) as store:
            cap = attachment_cap_bytes(store)  # client.settings: one rule for CLI and app
        connections = options.get("connections")
        with self._children_lock:
            if self._stopped:
                return SyncReport(account.id, cancelled=True)
            child = self._children.setdefault(account.id, PersistentChild(account.id))
        report, sent = child.run(
            store_path, account, password, folders=folders, cancel=cancel, bus=bus,
            attachment_cap=cap, connections=int(connections) if connections is not None else None)
        if report.status == "auth-failed" and account.auth == "oauth2" and not report.cancelled:
            # the server refused the access token: refresh it once and try once more
            from client.oauth.credentials import secret_for
            from client.oauth.errors import OAuthError

            try:
                token = secret_for(account, force_refresh=True)
            except OAuthError as exc:
                report.error = str(exc)
            else:
                if token is not None:
                    report, sent = child.run(
                        store_path, account, token, folders=folders, cancel=cancel, bus=bus,
                        attachment_cap=cap,
                        connections=int(connections) if connections is not None else None)
        if sent is not None:
            self.outboxFlushed.emit(account.id, sent)
        self.accountSynced.emit(account.id, report)
        return report
