"""Waiting for background work to be over, by the event that proves it, not by a fixed wait.

``deliver_background_results()`` (GUI thread only): waits until Qt's global thread pool is idle
and delivers, on the GUI thread, every result the finished tasks posted there (``ui.qt.tasks``
hands results back through queued signals) and the zero-delay timers those callbacks started,
again while they start more tasks.
Afterwards a test may assert that something did *not* happen: a task that would have done it
has run and its callback has been delivered. Raises AssertionError when the pool does not
empty within ``msecs`` per round.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThreadPool

from ui.qt.tasks import wait_for_background_tasks

_ROUNDS = 20  # callbacks that queue further tasks, each round one level deeper


def deliver_background_results(msecs: int = 20_000) -> None:
    pool = QThreadPool.globalInstance()
    for _ in range(_ROUNDS):
        assert wait_for_background_tasks(msecs), "background tasks still running"
        QCoreApplication.sendPostedEvents()  # the queued results, in the order posted
        QCoreApplication.processEvents()  # and the zero timers their callbacks started
        if pool.activeThreadCount() == 0:
            return
    raise AssertionError(f"background tasks still starting more after {_ROUNDS} rounds")
