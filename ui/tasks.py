"""Run a core function off the GUI thread and deliver its result on the GUI thread.

``run_in_background(fn, on_done, on_error)`` queues ``fn()`` on the global ``QThreadPool``; when
it returns, ``on_done(result)`` runs on the GUI thread (or ``on_error(exc)`` if it raised). Call it
from the GUI thread only. ``fn`` must not touch widgets; it opens its own ``Store`` if it needs
one (a Store belongs to one thread). Callbacks of a task whose ``owner`` QObject has been
destroyed are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_live: set[_Relay] = set()


class _Relay(QObject):
    """Lives on the GUI thread; its queued signals carry the result back there."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._owner_gone = False
        if owner is not None:
            owner.destroyed.connect(self._forget_owner)
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot()
    def _forget_owner(self) -> None:
        self._owner_gone = True

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        _live.discard(self)
        if not self._owner_gone:
            self._on_done(result)

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        _live.discard(self)
        if self._owner_gone:
            return
        if self._on_error is not None:
            self._on_error(exc)  # type: ignore[arg-type]
        else:
            log.error("background task failed: %s", exc, exc_info=exc)  # type: ignore[arg-type]


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
) -> None:
    """Run ``fn`` on the thread pool; call ``on_done``/``on_error`` later on the GUI thread."""
    relay = _Relay(on_done, on_error, owner)
    _live.add(relay)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_for_background_tasks(msecs: int = 10000) -> bool:
    """Block until the pool is idle (used at shutdown and by tests); True if it emptied."""
    return bool(QThreadPool.globalInstance().waitForDone(msecs))
