"""``sync_account``: bring one account's cache in line with its IMAP server.

Order: connect → replay queued offline operations (so local changes are not overwritten) →
LIST (create/rename/remove folders, roles) → per folder STATUS and the planner's cheapest plan
(an unchanged folder costs one STATUS round trip, no SELECT; big downloads list headers first)
→ bodies of the listed rows, indexed for full-text search by a second process while they
arrive (``index_worker``); the call returns once the index is complete.

Threading: call from one thread (the account worker); that thread opens its own ``Store`` and
is the only SQLite writer. Big folders are fetched on up to ``connections`` extra helper
connections in threads (disjoint UID batches), never writing SQLite themselves.

Errors never escape as exceptions for expected failures: wrong password, an untrusted
certificate, an unreachable server, a full disk or cancellation end the sync with
``SyncReport.error`` in words and the account status recorded (``auth-failed``,
``untrusted-certificate``, ``offline``, ``error``, ``ok``). A folder the server refuses is
skipped with its error recorded on the folder; the other folders still sync.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import cast

from client import events
from client.i18n import _
from client.imap import (
    AuthenticationError,
    Endpoint,
    ImapError,
    ImapSession,
    PasswordNotSaved,
    ProtocolError,
    Security,
    ServerUnavailable,
    TLSVerificationError,
)
from client.ops import folder_create, replay
from client.store import Account, Store, StoreError, StoreWriteError
from client.sync.fetch_pool import FetchPool
from client.sync.folder_list import FolderListChanges, ListedFolder, reconcile_folders
from client.sync.folder_sync import (
    FolderReport,
    SyncCancelled,
    SyncContext,
    fill_bodies,
    sync_folder,
)
from client.sync.index_worker import WAL_AUTOCHECKPOINT_PAGES, IndexWorker
from client.sync.indexer import BackgroundIndexer
from client.sync.listing_finish import finish_listing

log = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_ATTACHMENT_CAP = 25 * MB
DEFAULT_HELPER_CONNECTIONS = 2
#: ``wal_autocheckpoint`` (pages) of the sync's connection while it writes bodies.
SYNC_WAL_AUTOCHECKPOINT_PAGES = WAL_AUTOCHECKPOINT_PAGES
#: Seconds a cancelled sync waits for the index process to end its current chunk.
INDEX_STOP_SECONDS = 15.0
_SECURITY_ALIASES = {"tls": "ssl", "ssl": "ssl", "starttls": "starttls",
                     "insecure-plain": "insecure-plain"}

Connect = Callable[[], ImapSession]


@dataclass
class SyncReport:
    """The outcome of one ``sync_account`` run (plain data, safe to hand to any thread)."""

    account_id: int
    error: str | None = None
    status: str = "ok"
    cancelled: bool = False
    replayed: int = 0
    replay_notes: list[str] = field(default_factory=list)
    folders: list[FolderReport] = field(default_factory=list)
    created_folders: tuple[str, ...] = ()
    renamed_folders: tuple[tuple[str, str], ...] = ()
    removed_folders: tuple[str, ...] = ()
    indexed: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not any(f.error for f in self.folders)

    @property
    def added(self) -> int:
        return sum(f.added for f in self.folders)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.folders)

    @property
    def removed(self) -> int:
        return sum(f.removed for f in self.folders)


def endpoint_for(account: Account, timeout: float = 60.0) -> Endpoint:
    """The IMAP endpoint of an account row. Raises ``ValueError`` for an unknown security."""
    security = _SECURITY_ALIASES.get(account.security)
    if security is None:
        raise ValueError(_(
            "The account's security mode {mode!r} is unknown; remove and add the account "
            "again.", mode=account.security))
    return Endpoint(
        host=account.imap_host,
        port=account.imap_port,
        security=cast(Security, security),
        ca_file=account.ca_file,
        pinned_sha256=account.pinned_sha256,
        timeout=timeout,
        auth=account.auth,
    )


def status_for(exc: BaseException) -> str:
    """The account status word recorded for a connection error."""
    if isinstance(exc, PasswordNotSaved):
        return "no-password"
    if isinstance(exc, AuthenticationError):
        return "auth-failed"
    if isinstance(exc, TLSVerificationError):
        return "untrusted-certificate"
    if isinstance(exc, ServerUnavailable):
        return "offline"
    return "error"


def _wanted(listed: list[ListedFolder], names: Iterable[str] | None) -> list[ListedFolder]:
    chosen = [f for f in listed if f.selectable]
    if names is not None:
        wanted = {n.casefold() for n in names}
        chosen = [
            f for f in chosen
            if f.info.name.casefold() in wanted or (f.info.role or "").casefold() in wanted
        ]
    # INBOX first: it is what the rep waits for.
    return sorted(chosen, key=lambda f: (f.info.role != "inbox", f.info.name))


def sync_account(
    store_path: str | os.PathLike[str],
    account: Account,
    password: str,
    *,
    folders: Iterable[str] | None = None,
    progress: Callable[[events.SyncProgress], None] | None = None,
    cancel: threading.Event | None = None,
    attachment_cap: int = DEFAULT_ATTACHMENT_CAP,
    connections: int = DEFAULT_HELPER_CONNECTIONS,
    index: bool = True,
    bus: events.EventBus | None = None,
    connect: Connect | None = None,
) -> SyncReport:
    """Sync ``account`` (a row of the store at ``store_path``) and return a ``SyncReport``.

    ``folders``: names or roles to sync (default: all). ``connections``: helper connections
    for big fetches (0 = main connection only). ``index``: run full-text indexing afterwards.
    ``connect`` replaces ``ImapSession.connect`` (tests). Idempotent: a second run with no
    server change changes nothing. Never raises for server, password, disk or cancel trouble.
    """
    started = time.monotonic()
    bus = bus or events.default_bus()
    cancel = cancel or threading.Event()
    report = SyncReport(account.id)
    if connect is None:
        try:
            endpoint = endpoint_for(account)
        except ValueError as exc:
            report.status, report.error = "error", str(exc)
            return report
        username = account.username

        def connect() -> ImapSession:
            return ImapSession.connect(endpoint, username, password)

    connect_fn: Connect = connect
    bus.publish(events.AccountStatus(account.id, "syncing", _("Checking for new mail…")))
    try:
        store = Store.open(store_path)
    except StoreError as exc:  # disk full, damaged or newer cache: nothing was changed
        report.status, report.error = "error", str(exc)
        report.seconds = time.monotonic() - started
        bus.publish(events.AccountStatus(account.id, report.status, report.error))
        return report
    try:
        _run(store, connect_fn, account, report, bus, cancel, folders, progress,
             attachment_cap, connections, index)
    finally:
        _record_status(store, account.id, report)
        store.close()
        report.seconds = time.monotonic() - started
    bus.publish(events.AccountStatus(account.id, report.status, report.error or ""))
    return report


def _record_status(store: Store, account_id: int, report: SyncReport) -> None:
    try:
        store.set_account_status(account_id, report.status, report.error)
    except StoreError:
        log.warning("could not record the status of account %s", account_id)


def _run(
    store: Store,
    connect: Connect,
    account: Account,
    report: SyncReport,
    bus: events.EventBus,
    cancel: threading.Event,
    folder_names: Iterable[str] | None,
    progress: Callable[[events.SyncProgress], None] | None,
    attachment_cap: int,
    connections: int,
    index: bool,
) -> None:
    try:
        session = connect()
    except ImapError as exc:
        report.status, report.error = status_for(exc), str(exc)
        return

    def make_pool() -> FetchPool | None:
        return FetchPool(connect, connections) if connections > 0 else None

    # Bodies are indexed by a second process while they stream in (``index_worker``: on this
    # process's threads it competed for the GIL and halved the download); what it leaves (it
    # could not start, old header columns to re-derive) the thread indexer does at the end.
    worker = IndexWorker(store.path, cancel) if index else None
    indexer = BackgroundIndexer(store.path, cancel, bus) if index else None
    ctx = SyncContext(store=store, session=session, account_id=account.id, cancel=cancel,
                      attachment_cap=attachment_cap, pool_factory=make_pool, bus=bus,
                      progress=progress, reconnect=connect)
    if worker is not None:
        nudge = worker.nudge
        ctx.after_body_batch.append(lambda _folder_id, added: nudge(len(added)))
    # Checkpoint the WAL less often while bodies stream in (fewer fsyncs of the main file);
    # a per-connection setting, gone when this Store closes.
    store.conn.execute(f"PRAGMA wal_autocheckpoint = {SYNC_WAL_AUTOCHECKPOINT_PAGES}")
    try:
        _replay(store, session, account.id, report)
        listed, changes = reconcile_folders(store, session, account.id)
        _note_changes(report, changes)
        finish_listing(ctx)  # what a killed sync listed, before anything is added to it
        for item in _wanted(listed, folder_names):
            if cancel.is_set():
                raise SyncCancelled(_("The sync was cancelled."))
            try:
                report.folders.append(sync_folder(ctx, item))
            except ProtocolError as exc:  # this folder only; the connection is still fine
                report.folders.append(FolderReport(item.info.name, error=str(exc)))
                store.save_folder_state(item.folder.id, last_error=str(exc))
        _mark_checked(store, listed, report)
        ctx.close_header_parser()  # every folder is listed: bodies need no header child
        finish_listing(ctx)  # the listed rows' search rows and threads
        _fill_all_bodies(ctx, listed, folder_names, report)
        if ctx.pool is not None:
            ctx.pool.close()  # helpers are done: free their connections before indexing
            ctx.pool = None
        if worker is not None:
            finishing, worker = worker, None
            report.indexed += _finish_worker(finishing, report, cancel)
        if indexer is not None:
            if store.pending_index_count() or store.pending_rederive_count():
                indexer.start()  # new rows, rows an earlier, interrupted run left, old headers
            report.indexed += indexer.finish()
            if indexer.error and report.error is None:
                report.status, report.error = "error", indexer.error
            indexer = None
    except SyncCancelled as exc:
        report.cancelled, report.status, report.error = True, "ok", str(exc)
    except StoreWriteError as exc:
        report.status, report.error = "error", str(exc)
    except ImapError as exc:
        report.status, report.error = status_for(exc), str(exc)
    finally:
        if worker is not None:  # an error or cancel ended the sync: stop indexing too
            report.indexed += worker.finish(drain=False, timeout=INDEX_STOP_SECONDS)
        if indexer is not None:
            report.indexed += indexer.finish(drain=False)
        if ctx.pool is not None:
            ctx.pool.close()
        ctx.close_header_parser()
        ctx.session.logout()  # the session in use (a new one if a bad reply closed the line)


def _finish_worker(worker: IndexWorker, report: SyncReport, cancel: threading.Event) -> int:
    """Wait for the index process to index every stored body; its count. A disk error ends
    the sync's status like any write error; a process that failed leaves its rows to the
    thread indexer. Raises ``SyncCancelled`` when ``cancel`` stopped it (rows it did not
    reach stay unindexed for the next sync)."""
    indexed = worker.finish(drain=True)
    if worker.error and report.error is None:
        report.status, report.error = "error", worker.error
    if cancel.is_set():
        report.indexed += indexed
        raise SyncCancelled(_("The sync was cancelled."))
    return indexed


def _fill_all_bodies(
    ctx: SyncContext, listed: list[ListedFolder], folder_names: Iterable[str] | None,
    report: SyncReport,
) -> None:
    """Second pass: bodies of messages listed from their headers, folder by folder."""
    by_name = {f.name: f for f in report.folders}
    for item in _wanted(listed, folder_names):
        if ctx.cancel.is_set():
            raise SyncCancelled(_("The sync was cancelled."))
        folder_report = by_name.get(item.info.name)
        if folder_report is None or (folder_report.error and not folder_report.unreadable):
            continue  # failed folders wait; one with unreadable messages still gets its bodies
        try:
            fill_bodies(ctx, item, folder_report)
        except ProtocolError as exc:
            folder_report.error = str(exc)
        if folder_report.error:
            ctx.store.save_folder_state(item.folder.id, last_error=folder_report.error)


def _mark_checked(store: Store, listed: list[ListedFolder], report: SyncReport) -> None:
    """Record the check time of folders found unchanged (one short transaction)."""
    unchanged = {f.name for f in report.folders if f.plan == "Nothing"}
    if not unchanged:
        return
    now = time.time()
    with store.transaction():
        for item in listed:
            if item.info.name in unchanged:
                store.save_folder_state(item.folder.id, last_sync=now, last_error=None)


def _note_changes(report: SyncReport, changes: FolderListChanges) -> None:
    # merged with what the replay did to folders created offline (``_replay``)
    report.created_folders = tuple(sorted({*report.created_folders, *changes.created}))
    report.renamed_folders = changes.renamed
    report.removed_folders = tuple(sorted({*report.removed_folders, *changes.removed}))
    report.replay_notes.extend(changes.notes)  # ops ended and rows kept: a folder was deleted


def _replay(store: Store, session: ImapSession, account_id: int, report: SyncReport) -> None:
    """Replay queued offline operations first, so the server has them before we compare."""
    waiting = {f.name for f in folder_create.pending_creates(store, account_id)}
    outcome = replay.replay_pending(store, session, account_id)
    report.replayed = outcome.done
    report.replay_notes = list(outcome.notes)
    # folders created offline: now on the server (created), or refused there (removed)
    done = waiting - {f.name for f in folder_create.pending_creates(store, account_id)}
    cached = {f.name for f in store.folders(account_id)}
    report.created_folders = tuple(sorted(done & cached))
    report.removed_folders = tuple(sorted(done - cached))
