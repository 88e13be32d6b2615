"""Python's cycle collector runs on the GUI thread only (ui.qt.gc_on_gui_thread).

The crash it prevents: running tests/ui/settings/test_app_settings.py on its own killed the process
(shiboken deleting, on the GUI thread, a widget that a collection on a pool thread had freed and
Qt had already deleted)."""

from __future__ import annotations

import gc
import threading

from ui.qt.gc_on_gui_thread import GuiThreadCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_automatic_collection_is_off_and_the_timer_collects_instead(qapp) -> None:  # type: ignore[no-untyped-def]
    collector = GuiThreadCollector(qapp, interval_ms=10)
    try:
        assert not gc.isenabled()
        freed = threading.Event()

        class Watched(_Node):
            def __del__(self) -> None:
                freed.set()

        def make_garbage() -> None:  # on another thread: nothing may be collected there
            Watched()
            for _ in range(gc.get_threshold()[0] * 3):
                _Node()

        worker = threading.Thread(target=make_garbage)
        worker.start()
        worker.join()
        assert not freed.is_set()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        before = collector.collections
        assert collector.check() >= 0  # what the GUI-thread timer does
        assert freed.is_set() and collector.collections == before + 1
        assert collector.check() == -1  # nothing due right after a collection
    finally:
        collector.stop()
    assert not gc.isenabled()  # the session's collector (tests/ui/conftest.py) still owns it
