"""Run one folder's sync plan: flags and expunges for known mail, then new mail in batches.

Runs on the account worker's thread, which owns ``ctx.store`` (the only SQLite writer) and
``ctx.session``; helper connections in ``ctx.pool`` only fetch. Each fetched batch and the
advanced watermark commit in one transaction, so a kill at any point resumes without
duplicates or holes. The folder's UIDNEXT/HIGHESTMODSEQ/EXISTS snapshot (from the STATUS taken
*before* any work) is saved only when the whole plan has run.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import partial

from client import crashpoints, events
from client.i18n import _, ngettext
from client.imap import (
    FolderStatus,
    ImapError,
    ImapSession,
    MessageMeta,
    OversizedResponse,
    ProtocolError,
)
from client.imap.parse import format_uid_set
from client.store import Folder, IncomingMessage, Store
from client.store.rows import normalize_flags
from client.sync import header_child
from client.sync.batches import (
    DEFAULT_BATCH_BYTES,
    DEFAULT_BATCH_COUNT,
    FetchBatch,
    Watermark,
    plan_batches,
)
from client.sync.fetch_pool import FetchedBatch, FetchPool, fetch_batch
from client.sync.folder_list import ListedFolder
from client.sync.header_child import HeaderParser
from client.sync.header_listing import listing_batches
from client.sync.partial import record_parts
from client.sync.planner import (
    FetchNew,
    FlagsSince,
    FullCompare,
    Nothing,
    Plan,
    QresyncVanished,
    Rebuild,
    ServerFolderStatus,
    StoredFolderState,
    plan_folder,
)
from client.sync.read_ahead import read_ahead
from client.sync.reuse import refresh_known, reuse_kept_bodies

log = logging.getLogger(__name__)

#: Below this many new bytes a folder is fetched on the main connection alone.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
#: Above this many new bytes a folder is first listed from headers, then bodies are filled in
#: (so a mid-sized folder's download does not delay the listing of the folders after it).
HEADERS_FIRST_MIN_BYTES = 16 * 1024 * 1024
_HEADER_COST = 4096
#: Messages per header command while the header child parses: small enough that parsing one
#: batch in the child, storing the one before here and reading the next overlap (pipeline).
HEADER_CHILD_BATCH_COUNT = 500
#: Byte budget of one body batch when helper connections fetch (bounds memory in flight).
POOLED_BATCH_BYTES = 8 * 1024 * 1024
#: At most this many messages per fetch command (the byte budget usually binds first).
BATCH_COUNT = DEFAULT_BATCH_COUNT
#: New connections one sync may open after a reply closed the line (a refused literal).
MAX_RECONNECTS = 5


@dataclass
class FolderReport:
    """What one folder's sync did; ``error`` is a sentence when it failed."""

    name: str
    plan: str = ""
    added: int = 0
    updated: int = 0
    removed: int = 0
    error: str | None = None
    #: {UID: reason} of messages whose reply could not be read (stored as placeholders, P6);
    #: ``error`` then says so, but the folder itself synced.
    unreadable: dict[int, str] = field(default_factory=dict)


@dataclass
class SyncContext:
    """Everything a folder sync needs; owned by one worker thread."""

    store: Store
    session: ImapSession
    account_id: int
    cancel: threading.Event
    attachment_cap: int
    pool_factory: Callable[[], FetchPool | None]
    bus: events.EventBus
    progress: Callable[[events.SyncProgress], None] | None = None
    #: Called on this thread after each committed body batch with (folder id, ids of the rows
    #: it added or updated: new messages and listed rows whose body arrived): the index
    #: process's nudge; later per-batch steps of the store pass (risk, rules) hook in here too.
    after_body_batch: list[Callable[[int, tuple[int, ...]], None]] = field(default_factory=list)
    pool: FetchPool | None = field(default=None)
    #: Opens a new main session when a reply closed the line (None: no reconnecting).
    reconnect: Callable[[], ImapSession] | None = None
    reconnects: int = 0

    pool_disabled: bool = False
    #: The header-parse child of this sync's header-first passes (``header_child``).
    header_parser: HeaderParser | None = None

    def start_header_parser(self) -> None:
        """Start the header child if not running (idempotent; it never raises)."""
        if self.header_parser is None:
            self.header_parser = HeaderParser()

    def close_header_parser(self) -> None:
        """End the header child (idempotent)."""
        if self.header_parser is not None:
            self.header_parser.close()
            self.header_parser = None

    def revive(self) -> bool:
        """Replace a broken main session with a new one (at most ``MAX_RECONNECTS`` per sync);
        True when there is a usable session. Raises ``ImapError`` from connecting."""
        if not self.session.is_broken:
            return True
        if self.reconnect is None or self.reconnects >= MAX_RECONNECTS:
            return False
        self.reconnects += 1
        self.session.logout()
        self.session = self.reconnect()
        return True

    def get_pool(self) -> FetchPool | None:
        if self.pool is None and not self.pool_disabled:
            self.pool = self.pool_factory()
        return self.pool

    def disable_pool(self) -> None:
        """Stop using helper connections for the rest of this sync."""
        self.pool_disabled = True
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def report_progress(self, folder: str, done: int, total: int, phase: str) -> None:
        event = events.SyncProgress(self.account_id, folder, done, total, phase)
        if self.progress is not None:
            self.progress(event)
        self.bus.publish(event)


class SyncCancelled(Exception):
    """The caller set the cancel event; everything committed so far is consistent."""


def _check_cancel(ctx: SyncContext) -> None:
    if ctx.cancel.is_set():
        raise SyncCancelled(_("The sync was cancelled."))


def stored_state(folder: Folder) -> StoredFolderState:
    return StoredFolderState(
        uidvalidity=folder.uidvalidity,
        uidnext=folder.uidnext,
        highestmodseq=folder.highestmodseq,
        exists=folder.exists_count,
        synced_uid=folder.synced_uid,
    )


def server_state(status: FolderStatus) -> ServerFolderStatus:
    return ServerFolderStatus(
        uidvalidity=status.uidvalidity,
        uidnext=status.uidnext,
        messages=status.messages,
        highestmodseq=status.highestmodseq,
    )


def sync_folder(ctx: SyncContext, listed: ListedFolder) -> FolderReport:
    """Sync one selectable folder. Raises ``ImapError``, ``StoreWriteError``, ``SyncCancelled``."""
    info, folder = listed.info, listed.folder
    report = FolderReport(info.name)
    ctx.revive()  # an earlier folder's unreadable reply may have closed the line
    status = ctx.session.status(info.raw_name)
    plan: Plan = plan_folder(stored_state(folder), server_state(status), ctx.session.capabilities)
    report.plan = type(plan).__name__
    if isinstance(plan, Nothing):
        return report
    rebuilt = isinstance(plan, Rebuild)
    if isinstance(plan, Rebuild):
        stale = [int(r) for (r,) in ctx.store.conn.execute(
            "SELECT id FROM messages WHERE folder_id = ? AND uid IS NOT NULL", (folder.id,))]
        report.removed += ctx.store.clear_folder(folder.id)
        crashpoints.after_commit()
        _publish(ctx, folder.id, removed=stale)
        plan = FetchNew(1)
    if folder.uidvalidity != status.uidvalidity:
        ctx.store.save_folder_state(folder.id, uidvalidity=status.uidvalidity)
        crashpoints.after_commit()
    selected = ctx.session.select(info.raw_name)
    if selected.uidvalidity != status.uidvalidity:
        # Reset between STATUS and SELECT: stop here, the next sync rebuilds the folder.
        raise ProtocolError(_(
            "The folder {folder} was reset on the server during the sync; it will be rebuilt.",
            folder=info.name))
    holes: list[int] = []
    if isinstance(plan, FullCompare | FlagsSince | QresyncVanished):
        holes = _reconcile_known(ctx, folder, plan, report)
    _check_cancel(ctx)
    many = status.uidnext - plan.from_uid >= header_child.MIN_MESSAGES
    if many:
        ctx.start_header_parser()  # its start-up overlaps the UID search
    _fetch_new(ctx, folder, info.raw_name, plan.from_uid, holes, report, many)
    fresh = ctx.store.folder(folder.id)
    watermark = fresh.synced_uid if fresh is not None else 0
    ctx.store.save_folder_state(
        folder.id,
        uidnext=status.uidnext,
        highestmodseq=status.highestmodseq,
        exists=status.messages,
        synced_uid=max(watermark, status.uidnext - 1),
        last_sync=time.time(),
        last_error=report.error,
    )
    crashpoints.after_commit()
    if rebuilt:
        ctx.store.purge_orphan_bodies(ctx.account_id)  # bodies kept for reuse are spent
    return report


def _publish(ctx: SyncContext, folder_id: int, added: Iterable[int] = (),
             updated: Iterable[int] = (), removed: Iterable[int] = ()) -> None:
    a, u, r = tuple(added), tuple(updated), tuple(removed)
    if a or u or r:
        ctx.bus.publish(events.FolderChanged(ctx.account_id, folder_id, a, u, r))


def _reconcile_known(
    ctx: SyncContext, folder: Folder, plan: FullCompare | FlagsSince | QresyncVanished,
    report: FolderReport,
) -> list[int]:
    """Apply server flag changes and expunges to cached UIDs below ``plan.from_uid``.

    Returns server UIDs below ``from_uid`` that the cache lacks (holes to fetch)."""
    session, store = ctx.session, ctx.store
    top = plan.from_uid - 1
    if top < 1:
        return []
    local = {uid: flags for uid, flags in store.folder_uids(folder.id).items() if uid <= top}
    removed: set[int] = set()
    holes: list[int] = []
    metas: list[MessageMeta]
    if isinstance(plan, FullCompare):
        session.unreadable.clear()
        metas = session.fetch_meta(f"1:{top}")
        # A message whose reply could not be read is still there: never an expunge (P6).
        on_server = {m.uid for m in metas if m.uid <= top} | {
            u for u in session.unreadable if u <= top}
        removed = set(local) - on_server
        holes = sorted(on_server - set(local))
    else:
        metas = session.fetch_meta(f"1:{top}", changedsince=plan.modseq)
        if isinstance(plan, QresyncVanished):
            vanished = session.vanished_since(plan.modseq, among=local)
            if vanished is None:  # no QRESYNC after all: compare UID lists
                vanished = sorted(set(local) - set(session.uids()))
            removed = {u for u in vanished if u in local}
        elif plan.check_deletions:
            removed = set(local) - set(session.uids())
    changes = {
        m.uid: (normalize_flags(m.flags), m.modseq)
        for m in metas
        if m.uid in local and m.uid not in removed and normalize_flags(m.flags) != tuple(local[m.uid])
    }
    if changes:
        updated = store.update_flags(folder.id, changes)
        crashpoints.after_commit()
        report.updated += len(updated)
        _publish(ctx, folder.id, updated=updated)
    if removed:
        gone = store.remove_uids(folder.id, removed)
        crashpoints.after_commit()
        report.removed += len(gone)
        _publish(ctx, folder.id, removed=gone)
    return holes


def _fetch_new(
    ctx: SyncContext, folder: Folder, raw_name: str, from_uid: int, holes: list[int],
    report: FolderReport, many: bool = False,
) -> None:
    ctx.session.unreadable.clear()
    listing = None if holes or not many else listing_batches(
        ctx.store, ctx.session, ctx.account_id, folder.id, from_uid,
        min_messages=header_child.MIN_MESSAGES, max_count=HEADER_CHILD_BATCH_COUNT)
    if listing is not None:  # no FLAGS/size pass: the header batches carry the metadata
        _run_batches(ctx, folder, raw_name, listing, None, report, "headers")
        return
    metas = [m for m in ctx.session.fetch_meta(f"{from_uid}:*") if m.uid >= from_uid]
    if holes:
        metas += ctx.session.fetch_meta(format_uid_set(holes))
    wanted, got = set(holes), {m.uid for m in metas}
    unread = {uid: why for uid, why in ctx.session.unreadable.items()
              if (uid >= from_uid or uid in wanted) and uid not in got}
    if unread:  # metadata the server garbled: keep a placeholder, the body pass retries it
        _store_placeholders(ctx, folder, unread, report)
    metas, updated = refresh_known(ctx.store, folder.id, metas)
    metas, added = reuse_kept_bodies(ctx.store, ctx.session, ctx.account_id, folder.id, metas)
    report.updated += len(updated)
    report.added += len(added)
    _publish(ctx, folder.id, added=added, updated=updated)
    sizes = [(m.uid, m.size) for m in metas]
    total_bytes = sum(size for _uid, size in sizes)
    if total_bytes >= HEADERS_FIRST_MIN_BYTES:
        # Much to download: list every message first (headers only, one command per
        # thousands), then fill in the bodies (``_fetch_bodies``).
        # Headers go on the main connection alone: thousands per command arrive in well
        # under a second; helpers only added connection set-up and GIL contention.
        cap = ctx.attachment_cap
        header_sizes = [(uid, size if size > cap else _HEADER_COST) for uid, size in sizes]
        batches = [
            b if b.partial else replace(b, headers_only=True)
            for b in plan_batches(header_sizes, attachment_cap=cap, max_count=(
                HEADER_CHILD_BATCH_COUNT if ctx.header_parser is not None else BATCH_COUNT))
        ]
        _run_batches(ctx, folder, raw_name, batches, None, report, "headers")
        return
    pool = ctx.get_pool() if total_bytes >= PARALLEL_MIN_BYTES else None
    _run_batches(ctx, folder, raw_name, _body_batches(ctx, sizes, pool), pool, report, "fetch")


def _body_batches(
    ctx: SyncContext, sizes: list[tuple[int, int]], pool: FetchPool | None, *,
    fill: bool = False,
) -> list[FetchBatch]:
    total_bytes = sum(size for _uid, size in sizes)
    max_bytes = DEFAULT_BATCH_BYTES
    if pool is not None:
        # Several batches are in memory at once (see ``FetchPool``): keep each small.
        max_bytes = max(1 << 20, min(POOLED_BATCH_BYTES, total_bytes // (pool.size * 4) or 1))
    batches = plan_batches(sizes, attachment_cap=ctx.attachment_cap, max_bytes=max_bytes,
                           max_count=BATCH_COUNT)
    if fill:
        batches = [b if b.partial else replace(b, fill=True) for b in batches]
    return batches


def fill_bodies(ctx: SyncContext, listed: ListedFolder, report: FolderReport) -> None:
    """Second pass of a sync, after every folder is listed: download the bodies of rows that
    have only their headers (``body_state='none'``; one over the attachment cap as header +
    text parts), and try the placeholders of unreadable messages again (an oversize one as
    header + text). Runs on every sync, whatever the plan,
    so bodies missing after a kill are fetched next time. Raises like ``sync_folder``."""
    folder, raw_name = listed.folder, listed.info.raw_name
    rows = ctx.store.conn.execute(
        "SELECT uid, size FROM messages WHERE folder_id = ? AND body_state = 'none' "
        "AND uid IS NOT NULL ORDER BY uid", (folder.id,)).fetchall()
    sizes = [(int(uid), int(size)) for uid, size in rows]
    if not sizes:
        return
    ctx.revive()
    selected = ctx.session.select(raw_name)
    current = ctx.store.folder(folder.id)
    if current is None or selected.uidvalidity != current.uidvalidity:
        return  # reset meanwhile: the next sync rebuilds the folder
    total_bytes = sum(size for _uid, size in sizes)
    pool = ctx.get_pool() if total_bytes >= PARALLEL_MIN_BYTES else None
    _run_batches(ctx, folder, raw_name, _body_batches(ctx, sizes, pool, fill=True), pool,
                 report, "fetch")


def _run_batches(
    ctx: SyncContext, folder: Folder, raw_name: str, batches: list[FetchBatch],
    pool: FetchPool | None, report: FolderReport, phase: str,
) -> None:
    if not batches:
        return
    current = ctx.store.folder(folder.id)
    mark = Watermark(batches, start=current.synced_uid if current is not None else 0)
    progress = _Progress(folder.name, sum(len(b.uids) for b in batches), phase)
    stored: set[int] = set()
    skipped: dict[int, str] = {}
    try:
        if pool is not None:
            try:
                _store_all(ctx, folder, pool.fetch(raw_name, batches, ctx.cancel), mark,
                           stored, skipped, report, progress)
            except ImapError as exc:
                # A helper could not connect or lost its line. Committed batches are safe;
                # carry on with the main connection (it raises if it is broken too).
                log.info("helper fetch failed (%s); continuing on the main connection", exc)
                ctx.disable_pool()
        remaining = [b for b in batches if b.index not in stored]
        if remaining:
            fetched = (_ahead(ctx, folder, raw_name, remaining) if phase == "headers"
                       else _serial(ctx, folder, raw_name, remaining))
            _store_all(ctx, folder, fetched, mark, stored, skipped, report, progress)
    except InterruptedError:
        raise SyncCancelled(_("The sync was cancelled.")) from None
    _check_cancel(ctx)
    if skipped:
        _note_skipped(report, folder, skipped)


def _note_skipped(report: FolderReport, folder: Folder, skipped: dict[int, str]) -> None:
    report.unreadable.update(skipped)
    uids = sorted(report.unreadable)
    shown = ", ".join(map(str, uids[:20])) + (" …" if len(uids) > 20 else "")
    report.error = ngettext(
        "{count} message in {folder} could not be read from the server (UID {uids}); it is "
        "listed as unreadable and tried again at the next sync.",
        "{count} messages in {folder} could not be read from the server (UID {uids}); they are "
        "listed as unreadable and tried again at the next sync.",
        len(uids), count=len(uids), folder=folder.name, uids=shown)


def _placeholders(unread: dict[int, str], size: int = 0) -> list[IncomingMessage]:
    """Rows for unreadable messages; ``size`` (an oversize message's, when known) keeps the
    retry to header + text parts."""
    return [IncomingMessage(uid=uid, raw=b"", size=size, body_state="none",
                            fetch_error=why[:300]) for uid, why in sorted(unread.items())]


def _store_placeholders(ctx: SyncContext, folder: Folder, unread: dict[int, str],
                        report: FolderReport) -> None:
    """Rows for messages whose metadata could not be read (the watermark stays put)."""
    inserted = ctx.store.insert_messages(folder.id, _placeholders(unread), 0)
    crashpoints.after_commit()
    report.added += len(inserted.added)
    _publish(ctx, folder.id, added=inserted.added)
    _note_skipped(report, folder, unread)


@dataclass
class _Progress:
    folder: str
    total: int
    phase: str
    done: int = 0


def _store_all(
    ctx: SyncContext, folder: Folder, results: Iterator[FetchedBatch], mark: Watermark,
    stored: set[int], skipped: dict[int, str], report: FolderReport, progress: _Progress,
) -> None:
    for result in results:
        index = result.batch.index
        result.resolve()
        if result.unreadable:  # recorded in the same transaction the watermark passes them in
            got = {m.uid for m in result.messages}
            result.messages.extend(_placeholders(
                {u: why for u, why in result.unreadable.items() if u not in got},
                result.batch.size if result.batch.partial else 0))
        added, updated, replaced = _store_batch(ctx, folder.id, result, mark.peek_after(index))
        mark.mark_done(index)
        stored.add(index)
        skipped.update(result.unreadable)
        crashpoints.after_commit()
        report.added += len(added)
        report.updated += len(updated)
        progress.done += len(result.batch.uids)
        _publish(ctx, folder.id, added=added, updated=updated, removed=replaced)
        if progress.phase != "headers":
            for hook in ctx.after_body_batch:
                hook(folder.id, added + updated)
        ctx.report_progress(progress.folder, progress.done, progress.total, progress.phase)


def _serial(
    ctx: SyncContext, folder: Folder, raw_name: str, batches: list[FetchBatch]
) -> Iterator[FetchedBatch]:
    for batch in batches:
        _check_cancel(ctx)
        try:
            result = fetch_batch(ctx.session, batch)
        except ProtocolError as exc:
            # A reply Tradewind cannot read (checklist P6): fetch this batch one message at a
            # time and skip only the messages that fail, recording their UIDs.
            result = _one_by_one(ctx, folder, raw_name, batch, exc)
        yield result


def _ahead(
    ctx: SyncContext, folder: Folder, raw_name: str, batches: list[FetchBatch]
) -> Iterator[FetchedBatch]:
    """Like ``_serial``, but the next batch is fetched on a helper thread while this thread
    stores the previous one (``read_ahead``), its headers parsed by the header child when one
    runs (``header_child``; ``_store_all`` resolves them). After a failure the
    session is back on this thread: the failed batch goes one by one, the rest serially."""
    done = 0
    fetch = partial(fetch_batch, ctx.session, parser=ctx.header_parser)
    with closing(read_ahead(fetch, batches, ctx.cancel)) as fetched:
        for batch, result, error in fetched:
            _check_cancel(ctx)
            if error is not None:
                if not isinstance(error, ProtocolError):
                    raise error
                yield _one_by_one(ctx, folder, raw_name, batch, error)
                done += 1
                break
            assert result is not None
            done += 1
            yield result
    _check_cancel(ctx)
    yield from _serial(ctx, folder, raw_name, batches[done:])


def _one_by_one(ctx: SyncContext, folder: Folder, raw_name: str, batch: FetchBatch,
                failure: ProtocolError) -> FetchedBatch:
    merged = FetchedBatch(batch)
    known_bad = failure.uid if isinstance(failure, OversizedResponse) else None
    _reselect_if_broken(ctx, folder, raw_name, failure)
    for uid in batch.uids:
        if uid == known_bad:
            merged.unreadable[uid] = str(failure)
            continue
        single = replace(batch, uids=(uid,), size=0)
        try:
            got = fetch_batch(ctx.session, single)
        except ProtocolError as exc:
            merged.unreadable[uid] = str(exc)
            _reselect_if_broken(ctx, folder, raw_name, exc)
            continue
        merged.messages.extend(got.messages)
        merged.parts.update(got.parts)
        merged.unreadable.update(got.unreadable)
    return merged


def _reselect_if_broken(ctx: SyncContext, folder: Folder, raw_name: str,
                        failure: ProtocolError) -> None:
    """After a reply that closed the line (an oversized literal): a new connection, the same
    folder selected again. Raises ``failure`` when no new connection may be opened, and
    ``ProtocolError`` when the folder was reset meanwhile."""
    if not ctx.session.is_broken:
        return
    if not ctx.revive():
        raise failure
    selected = ctx.session.select(raw_name)
    current = ctx.store.folder(folder.id)
    if current is None or selected.uidvalidity != current.uidvalidity:
        raise ProtocolError(_("The folder {folder} was reset on the server during the sync; "
                              "it will be rebuilt.", folder=folder.name))


def _store_batch(
    ctx: SyncContext, folder_id: int, result: FetchedBatch, watermark: int
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Store one batch with its parts; (added, updated, replaced placeholder) row ids."""
    store = ctx.store
    with store.transaction() as conn:
        inserted = store.insert_messages(folder_id, result.messages, watermark)
        for uid, parts in result.parts.items():
            row = conn.execute(
                "SELECT id FROM messages WHERE folder_id = ? AND uid = ? AND body_state = 'partial'",
                (folder_id, uid),
            ).fetchone()
            if row is not None and parts:
                record_parts(store, int(row[0]), parts)
    return inserted.added, inserted.updated, inserted.replaced
