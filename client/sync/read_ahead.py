"""Fetch the next batch on a helper thread while the caller stores the one before.

``read_ahead(fetch, batches, cancel)`` runs ``fetch(batch)`` for each batch, in order, on one
helper thread, at most one finished result waiting ahead of the consumer, and yields
``(batch, result, error)`` in batch order. Why: the header-first pass is read replies + parse
headers (Python, on the fetching thread) then SQLite inserts (mostly C, the GIL released) on
the writer; overlapping them lists a big folder sooner on a 2-core machine.

Contract: ``fetch`` must use only what the caller hands over for the duration (one IMAP
session; the caller must not touch it until the iterator is finished or closed). The first
exception ends the helper: it is yielded as ``error`` (``result`` None) after the helper has
stopped, and nothing follows it, so the caller may then use the session itself. When
``cancel`` is set the helper stops before its next batch. Closing the iterator early (the
consumer raised or broke off) waits for the batch in flight, so the session is never used by
two threads at once. The caller's thread only; not re-entrant.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Sequence
from typing import Generic, TypeVar

B = TypeVar("B")
R = TypeVar("R")
T = TypeVar("T")


class _Done(Generic[B, R]):
    """Marker: the helper ended (all fetched, stopped, or after an error)."""


def read_ahead(
    fetch: Callable[[B], R], batches: Sequence[B], cancel: threading.Event,
) -> Generator[tuple[B, R | None, BaseException | None], None, None]:
    """Yield ``(batch, fetch(batch), None)`` in order, or one final ``(batch, None, error)``."""
    results: queue.Queue[tuple[B, R | None, BaseException | None] | _Done[B, R]] = queue.Queue(
        maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                if stop.is_set() or cancel.is_set():
                    return
                try:
                    item: tuple[B, R | None, BaseException | None] = (batch, fetch(batch), None)
                except BaseException as exc:  # noqa: BLE001 - handed to the consumer's thread
                    _put(results, stop, (batch, None, exc))
                    return
                if not _put(results, stop, item):
                    return
        finally:
            _put(results, stop, _Done(), force=True)

    helper = threading.Thread(target=produce, name="tw-read-ahead", daemon=True)
    helper.start()
    try:
        while True:
            got = results.get()
            if isinstance(got, _Done):
                return
            if got[2] is not None:
                helper.join()  # the session is the caller's again before it sees the error
                yield got
                return
            yield got
    finally:
        stop.set()
        while helper.is_alive():  # let a blocked put finish, then the helper ends
            try:
                results.get(timeout=0.05)
            except queue.Empty:
                pass
        helper.join()


def _put(results: queue.Queue[T], stop: threading.Event, item: T, *,
         force: bool = False) -> bool:
    """Put ``item`` unless the consumer stopped (then False); ``force`` gives up only then."""
    while True:
        if stop.is_set():
            if not force:
                return False
            try:
                results.put_nowait(item)
            except queue.Full:
                pass
            return False
        try:
            results.put(item, timeout=0.05)
            return True
        except queue.Full:
            continue
