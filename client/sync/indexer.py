"""Full-text indexing on its own thread and its own ``Store``.

Body indexing parses whole messages (CPU). During a sync the index process
(``client.sync.index_worker``) does it beside the download; this thread indexer runs once every
body is stored, for what that process left (it could not start or died) and for the header
re-derivation below; its own thread keeps the sync's thread free to notice a cancel. ``BackgroundIndexer`` is
started and finished by the sync's thread: ``start()`` (or ``nudge()``, which starts it on
first use), ``finish()`` to index what is left and join. Indexing errors (a full disk) end the indexing only; they are
reported in ``error`` and the rows stay marked unindexed for the next sync.

Between index chunks (when none is waiting) the same thread re-derives, one batch at a time,
the header columns of rows an older Tradewind stored (``Store.rederive_pending``, one pass
per sync: rows written meanwhile are current) and publishes ``FolderChanged(updated=…)`` for
the corrected rows on ``bus``; ``rederived`` counts them. A kill keeps the finished batches.
"""

from __future__ import annotations

import json
import logging
import os
import threading

from client import events
from client.store import Store, StoreError

log = logging.getLogger(__name__)

CHUNK = 200


class BackgroundIndexer:
    """One indexing thread; call ``start``/``nudge``/``finish`` from one controlling thread."""

    def __init__(self, store_path: str | os.PathLike[str], cancel: threading.Event,
                 bus: events.EventBus | None = None) -> None:
        self._path = store_path
        self._bus = bus
        self._rederive_after: int | None = 0  # None once the pass reached the last row
        self.rederived = 0
        self._cancel = cancel
        self._wake = threading.Event()
        self._finishing = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.indexed = 0
        self.error: str | None = None

    def start(self) -> BackgroundIndexer:
        self._thread = threading.Thread(target=self._run, name="tw-index", daemon=True)
        self._thread.start()
        return self

    @property
    def started(self) -> bool:
        return self._thread is not None

    def nudge(self) -> None:
        """New rows were stored: index them soon (starts the thread on first use)."""
        if self._thread is None:
            self.start()
        self._wake.set()

    def finish(self, *, drain: bool = True, timeout: float | None = None) -> int:
        """Index every remaining row (``drain``, unless cancelled) or stop after the current
        chunk; join the thread and return how many rows were indexed."""
        if not drain:
            self._stop.set()
        self._finishing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        return self.indexed

    def _run(self) -> None:
        try:
            with Store.open(self._path) as store:
                while not (self._cancel.is_set() or self._stop.is_set()):
                    done = store.index_pending(CHUNK)
                    self.indexed += done
                    if done or self._rederive_batch(store):
                        continue
                    if self._finishing.is_set():
                        return
                    self._wake.wait(1.0)
                    self._wake.clear()
        except StoreError as exc:
            self.error = str(exc)
            log.warning("full-text indexing stopped: %s", exc)

    def _rederive_batch(self, store: Store) -> bool:
        """One batch of header re-derivation; False when the pass is complete."""
        if self._rederive_after is None:
            return False
        batch = store.rederive_pending(CHUNK, self._rederive_after)
        if not batch.examined:
            self._rederive_after = None
            if self.rederived:
                log.info("header columns re-derived for %d message(s)", self.rederived)
            return False
        self._rederive_after = batch.last_id
        self.rederived += batch.updated
        if batch.ids and self._bus is not None:
            by_folder: dict[tuple[int, int], list[int]] = {}
            for account_id, folder_id, row_id in store.conn.execute(
                "SELECT account_id, folder_id, id FROM messages WHERE id IN "
                "(SELECT value FROM json_each(?)) ORDER BY id", (json.dumps(batch.ids),),
            ):
                by_folder.setdefault((int(account_id), int(folder_id)), []).append(int(row_id))
            for (account_id, folder_id), ids in by_folder.items():
                self._bus.publish(events.FolderChanged(account_id, folder_id, updated=tuple(ids)))
        return True
