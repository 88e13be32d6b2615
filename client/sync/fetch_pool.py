"""Fetching new mail: one batch per command, optionally on several connections at once.

``fetch_batch`` runs one ``FetchBatch`` on a session (whole messages in one ``UID FETCH``, or
header + text parts for a message over the attachment cap). ``FetchPool`` owns helper threads,
each with its own ``ImapSession`` opened *in that thread*; the caller's thread submits the
batches of one folder and consumes results in completion order, doing all SQLite writes
itself (one writer). Results are bounded (at most ``2 * size + 1`` batches in memory). Not
re-entrant: one ``fetch`` at a time, from the thread that created the pool.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from client.imap import BodyPart, ImapSession, MessageMeta, OversizedResponse, ProtocolError
from client.store import IncomingMessage
from client.store.derive import header_columns
from client.sync.batches import FetchBatch
from client.sync.header_child import HeaderParser, Pending
from client.sync.partial import assemble_partial

log = logging.getLogger(__name__)

MAX_TEXT_PART = 2 * 1024 * 1024


@dataclass
class FetchedBatch:
    """What one batch produced; ``error`` set when the fetch failed (nothing to store)."""

    batch: FetchBatch
    messages: list[IncomingMessage] = field(default_factory=list)
    parts: dict[int, tuple[BodyPart, ...]] = field(default_factory=dict)
    error: BaseException | None = None
    #: {UID: reason} of messages whose reply the adapter could not read (checklist P6).
    unreadable: dict[int, str] = field(default_factory=dict)
    #: Header-only replies whose columns a ``HeaderParser`` child is parsing: ``resolve()``.
    deferred: list[tuple[MessageMeta, bytes]] = field(default_factory=list)
    pending: Pending | None = None

    def resolve(self) -> None:
        """Turn ``deferred`` replies into ``messages`` (waits for the child's answer; parses
        here if it failed). Idempotent; the thread that stores the batch."""
        if not self.deferred:
            return
        deferred, self.deferred = self.deferred, []
        pending, self.pending = self.pending, None
        columns = (pending.columns() if pending is not None
                   else [header_columns(data) for _meta, data in deferred])
        self.messages.extend(_incoming(meta, b"", body_state="none", headers=head)
                             for (meta, _data), head in zip(deferred, columns, strict=True))


def _incoming(meta: MessageMeta, raw: bytes, **fields: object) -> IncomingMessage:
    return IncomingMessage(
        uid=meta.uid, raw=raw, flags=tuple(sorted(meta.flags)), internaldate=meta.internaldate,
        size=meta.size, modseq=meta.modseq, warnings=meta.warnings, **fields)  # type: ignore[arg-type]


def fetch_batch(session: ImapSession, batch: FetchBatch,
                parser: HeaderParser | None = None) -> FetchedBatch:
    """Fetch one batch on ``session`` (the folder must be selected). Raises ``ImapError``
    (``OversizedResponse`` when a refused literal closed the connection).

    Headers are parsed here, on the fetching thread, so the writer thread only writes; a
    ``fill`` batch skips that (its rows are listed already, only the body is stored). A message
    whose reply cannot be read lands in ``unreadable`` (its UID found by fetching the missing
    ones alone); the rest of the batch is returned. With ``parser`` the headers of a
    ``headers_only`` batch are sent to that child instead: call ``resolve()`` before storing."""
    out = FetchedBatch(batch)
    if batch.partial:
        for uid in batch.uids:
            _fetch_partial(session, uid, out)
        return out
    before = len(session.unparsed)
    fetch = session.fetch_headers if batch.headers_only else session.fetch_raw
    defer = parser is not None and batch.headers_only
    _collect(fetch(batch.uids), batch, out, defer)
    if len(session.unparsed) > before:
        # Some replies were unreadable. Missing UIDs are those or expunged ones; fetch each
        # alone to tell which (an expunged one simply yields nothing, unrecorded).
        got = {m.uid for m in out.messages} | {meta.uid for meta, _data in out.deferred}
        for uid in batch.uids:
            if uid in got:
                continue
            mark = len(session.unparsed)
            found = _collect(fetch([uid]), batch, out, defer)
            if len(session.unparsed) > mark and uid not in found:
                out.unreadable[uid] = session.unreadable.get(uid) or session.unparsed[-1]
    if parser is not None and out.deferred:
        out.pending = parser.submit([data for _meta, data in out.deferred])
    return out


def _collect(replies: Iterator[tuple[MessageMeta, bytes]], batch: FetchBatch,
             out: FetchedBatch, defer: bool = False) -> set[int]:
    found: set[int] = set()
    for meta, data in replies:
        found.add(meta.uid)
        if defer:
            out.deferred.append((meta, data))
        elif batch.headers_only:
            out.messages.append(_incoming(meta, b"", body_state="none",
                                          headers=header_columns(data)))
        else:
            out.messages.append(_incoming(
                meta, data, headers=None if batch.fill else header_columns(data)))
    return found


def _fetch_partial(session: ImapSession, uid: int, out: FetchedBatch) -> None:
    """Header + text parts of one oversize message; an unreadable reply (a BODYSTRUCTURE
    Tradewind cannot read) marks it unreadable, a message gone is skipped."""
    before = len(session.unparsed)
    session.unreadable.pop(uid, None)
    try:
        partial = session.fetch_header_and_text(uid, MAX_TEXT_PART)
    except OversizedResponse:
        raise
    except ProtocolError as exc:
        if session.is_broken:
            raise
        if uid in session.unreadable or len(session.unparsed) > before:
            out.unreadable[uid] = session.unreadable.get(uid) or str(exc)
        return
    meta = partial.meta
    out.messages.append(_incoming(meta, assemble_partial(partial), body_state="partial"))
    out.parts[meta.uid] = partial.others


class FetchPool:
    """``size`` helper threads, each lazily connecting with ``connect()`` in its own thread."""

    def __init__(self, connect: Callable[[], ImapSession], size: int) -> None:
        self._connect = connect
        self.size = max(1, size)
        self._jobs: queue.Queue[tuple[str, FetchBatch] | None] = queue.Queue()
        # Bytes in flight stay below (2 * size + 1) batches: one being fetched per helper,
        # ``size`` finished ones waiting, one being written.
        self._results: queue.Queue[FetchedBatch] = queue.Queue(maxsize=self.size)
        self._abort = threading.Event()
        self._threads: list[threading.Thread] = []

    def _start(self) -> None:
        while len(self._threads) < self.size:
            thread = threading.Thread(
                target=self._run, name=f"tw-fetch-{len(self._threads)}", daemon=True
            )
            thread.start()
            self._threads.append(thread)

    def _run(self) -> None:
        session: ImapSession | None = None
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                folder, batch = job
                if self._abort.is_set():
                    self._results.put(FetchedBatch(batch, error=InterruptedError("aborted")))
                    continue
                try:
                    if session is None:
                        session = self._connect()
                    if session.selected != folder:
                        session.select(folder)
                    result = fetch_batch(session, batch)
                except BaseException as exc:  # noqa: BLE001 - reported to the writer thread
                    if session is not None:
                        session.logout()
                    session = None
                    result = FetchedBatch(batch, error=exc)
                self._results.put(result)
        finally:
            if session is not None:
                session.logout()

    def fetch(
        self, folder_raw_name: str, batches: list[FetchBatch], cancel: threading.Event
    ) -> Iterator[FetchedBatch]:
        """Yield every batch's result in completion order. On the first error, or when
        ``cancel`` is set, pending batches are skipped and the error (or ``InterruptedError``)
        is raised once all helpers are idle again, so the pool stays usable."""
        self._start()
        self._abort.clear()
        for batch in batches:
            self._jobs.put((folder_raw_name, batch))
        failure: BaseException | None = None
        received = 0
        try:
            while received < len(batches):
                result = self._results.get()
                received += 1
                if failure is not None:
                    continue
                if result.error is not None:
                    failure = result.error
                    self._abort.set()
                    continue
                if cancel.is_set():
                    failure = InterruptedError("sync cancelled")
                    self._abort.set()
                    continue
                yield result
        finally:
            if received < len(batches):  # the consumer stopped early: drain, stay usable
                self._abort.set()
                while received < len(batches):
                    self._results.get()
                    received += 1
            self._abort.clear()
        if failure is not None:
            raise failure

    def close(self) -> None:
        """Stop the helpers and log their sessions out (idempotent)."""
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout=30)
        self._threads = []
