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
    """Lives on the GUI thread; its queued signals carry the result back there.

    It holds the job and the callbacks until delivery and drops them there, on the GUI thread:
    a callback is often a closure over a widget, and a widget wrapper released last on a pool
    thread makes shiboken delete the widget later on the GUI thread, a second time when Qt
    already deleted it (a crash seen with the Settings dialog)."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], object],
        on_error: Callable[[BaseException], None] | None,
        owner: QObject | None,
    ) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._on_done: Callable[[Any], object] | None = on_done
        self._on_error = on_error
        self._owner_gone = False
        if owner is not None:
            owner.destroyed.connect(self._forget_owner)
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot()
    def _forget_owner(self) -> None:
        self._owner_gone = True

    def _take(self) -> tuple[Callable[[Any], object] | None,
                             Callable[[BaseException], None] | None]:
        """The callbacks, forgotten here (GUI thread) together with the job."""
        callbacks = (self._on_done, self._on_error)
        self._fn = self._on_done = self._on_error = None
        _live.discard(self)
        return callbacks

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        on_done, _on_error = self._take()
        if not self._owner_gone and on_done is not None:
            on_done(result)

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        _on_done, on_error = self._take()
        if self._owner_gone:
            return
        if on_error is not None:
            on_error(exc)  # type: ignore[arg-type]
        else:
            log.error("background task failed: %s", exc, exc_info=exc)  # type: ignore[arg-type]


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn
        self._relay: _Relay | None = relay

    def run(self) -> None:
        # This thread lets go of the job before it reports, so the relay (GUI thread) always
        # holds the last reference to it (see _Relay).
        fn, self._fn = self._fn, None
        relay, self._relay = self._relay, None
        assert fn is not None and relay is not None
        try:
            result = fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            del fn
            relay.failed.emit(exc)
        else:
            del fn
            relay.succeeded.emit(result)


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], object],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    owner: QObject | None = None,
) -> None:
    """Run ``fn`` on the thread pool; call ``on_done``/``on_error`` later on the GUI thread."""
    relay = _Relay(fn, on_done, on_error, owner)
    _live.add(relay)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_for_background_tasks(msecs: int = 10000) -> bool:
    """Block until the pool is idle (used at shutdown and by tests); True if it emptied."""
    return bool(QThreadPool.globalInstance().waitForDone(msecs))
