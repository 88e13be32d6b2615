"""Python's cyclic garbage collector, run only on the GUI thread.

Python collects cycles on whichever thread happens to allocate when a threshold is crossed, a
thread-pool thread included. When such a collection frees the last reference to a widget's
wrapper, shiboken defers the C++ deletion to the GUI thread, where it can delete a widget Qt
already deleted with its parent: the process crashes (seen with the Settings dialog's web
preview). ``GuiThreadCollector(app)`` turns automatic collection off and runs the same
generational collection from a GUI-thread timer instead. Create it on the GUI thread after
the QApplication; ``stop()`` (idempotent) turns automatic collection back on.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class GuiThreadCollector(QObject):
    """Collects garbage on the GUI thread with the interpreter's own thresholds."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; returns the
        generation collected, or -1 when none was due. GUI thread only."""
        counts = gc.get_count()
        generation = -1
        for level, (count, threshold) in enumerate(zip(counts, self._thresholds, strict=True)):
            if threshold and count > threshold:
                generation = level
            else:
                break
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1
        return generation

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
