"""Reads the message list's next pages ahead, off the GUI thread (issue 17).

``PagePrefetcher(model, db_path, thread_counts)`` sets ``model.prefetch``: each page the model
asks for is read by one worker thread of its own, on its own read-only connection (a ``Store``
opened there once, ``PRAGMA query_only``), and the rows come back to the GUI thread through a
queued signal, where ``model.add_page`` caches them (read ``SLICE`` rows at a time, the GIL
let go between slices) (dropped when the ids or shown flags changed
meanwhile). Requests are served newest first, so a fast scroll never waits behind pages it
already passed. ``close()`` (idempotent, GUI thread) stops taking requests, lets the worker
close its Store and returns at once; it is called when the model is destroyed. A page that
cannot be read is skipped: the model then loads it itself when it is shown. The relay that
carries results has no Qt parent, so it outlives the model; ``close()`` has the GUI thread
delete it once the worker can no longer emit. GUI thread only, except the worker.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from client.store.db import Store
from client.store.records import MessageRow
from ui.models.message_list import MessageListModel

log = logging.getLogger(__name__)

#: requests kept waiting at most; older ones are dropped (the view has moved on)
MAX_WAITING = 6
#: rows read and decoded between two releases of the GIL
SLICE = 25


class _Relay(QObject):
    """Carries a read page from the worker to the GUI thread (queued: it lives there)."""

    loaded = Signal(int, int, object)  # epoch, page number, list[MessageRow]


class PagePrefetcher:
    """See the module docstring."""

    def __init__(self, model: MessageListModel, db_path: Path,
                 thread_counts: Callable[[], bool]) -> None:
        self._model = model
        self._db_path = db_path
        self._thread_counts = thread_counts
        self._relay = _Relay()
        self._relay.loaded.connect(self._arrived)
        self._waiting: list[tuple[int, int, list[int], bool]] = []
        self._wake = threading.Condition()
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="list-prefetch", daemon=True)
        self._worker.start()
        model.prefetch = self.request
        model.destroyed.connect(self.close)

    def request(self, epoch: int, page_no: int, ids: list[int]) -> None:
        """Queue the read of ``ids`` as page ``page_no`` of ``epoch`` (GUI thread)."""
        with self._wake:
            if self._closed:
                return
            self._waiting.append((epoch, page_no, ids, self._thread_counts()))
            del self._waiting[:-MAX_WAITING]
            self._wake.notify()

    def close(self) -> None:
        """Stop: nothing more is read or delivered; the worker closes its Store. The relay is
        deleted by the GUI thread's event loop (after any delivery still queued for it), never
        by whichever thread happens to drop the last reference to this object: the worker's
        end used to delete it on the worker thread while the GUI thread handled its events."""
        with self._wake:
            if self._closed:
                return
            self._closed = True
            self._waiting.clear()
            self._wake.notify()
        if isValid(self._relay):
            self._relay.deleteLater()

    def _arrived(self, epoch: int, page_no: int, rows: list[MessageRow]) -> None:
        if self._closed or not isValid(self._model):
            return
        self._model.add_page(epoch, page_no, rows)

    @staticmethod
    def _read(store: Store, ids: list[int], thread_counts: bool) -> list[MessageRow]:
        """The rows of ``ids`` in slices of ``SLICE`` with the GIL let go between them: decoding
        rows is Python, and a whole page at once kept the GUI thread waiting up to ~5 ms a
        call into Python (the interpreter's switch interval) while it painted."""
        rows: list[MessageRow] = []
        for start in range(0, len(ids), SLICE):
            rows += store.rows_by_ids(ids[start:start + SLICE], thread_counts=thread_counts)
            time.sleep(0)
        return rows

    def _run(self) -> None:
        """The worker: its own Store, read-only, one page at a time, newest request first."""
        store: Store | None = None
        try:
            while True:
                with self._wake:
                    while not self._waiting and not self._closed:
                        self._wake.wait()
                    if self._closed:
                        return
                    epoch, page_no, ids, thread_counts = self._waiting.pop()
                if store is None:
                    store = Store.open(self._db_path)
                    store.conn.execute("PRAGMA query_only = ON")
                try:
                    rows = self._read(store, ids, thread_counts)
                except sqlite3.Error as exc:  # the GUI thread loads it when shown
                    log.warning("list prefetch of page %d failed: %s", page_no, exc)
                    continue
                with self._wake:  # close() takes this lock: no emission once it ran
                    if self._closed:
                        return
                    self._relay.loaded.emit(epoch, page_no, rows)
        except Exception as exc:  # noqa: BLE001 - the model loads pages itself from now on
            log.warning("list prefetch stopped: %s", exc)
        finally:
            if store is not None:
                store.close()
