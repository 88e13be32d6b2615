"""Full-text indexing on its own thread and its own ``Store``.

Body indexing parses whole messages (CPU). The sync starts it once every body is stored (run
beside the download it competed for the GIL and the write lock and doubled the download);
its own thread keeps the sync's thread free to notice a cancel. ``BackgroundIndexer`` is
started and finished by the sync's thread: ``start()`` (or ``nudge()``, which starts it on
first use), ``finish()`` to index what is left and join. Indexing errors (a full disk) end the indexing only; they are
reported in ``error`` and the rows stay marked unindexed for the next sync.
"""

from __future__ import annotations

import logging
import os
import threading

from client.store import Store, StoreError

log = logging.getLogger(__name__)

CHUNK = 200


class BackgroundIndexer:
    """One indexing thread; call ``start``/``nudge``/``finish`` from one controlling thread."""

    def __init__(self, store_path: str | os.PathLike[str], cancel: threading.Event) -> None:
        self._path = store_path
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
                    if done:
                        continue
                    if self._finishing.is_set():
                        return
                    self._wake.wait(1.0)
                    self._wake.clear()
        except StoreError as exc:
            self.error = str(exc)
            log.warning("full-text indexing stopped: %s", exc)
