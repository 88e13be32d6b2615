"""The quote warm-up (ui.quotes.quote_warmup): nothing before the window is shown; after its
first show the language identifier and the PDF machinery are warmed once, on a pool thread
(never the GUI thread), so the first picker opens and the first one-click PDF renders warm; a later show does not warm again; it waits while the rep types,
clicks or scrolls the list (it would stall the GUI thread). The main window has one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMainWindow

from client.compose import text_language
from client.quotes import pdf_fonts
from ui.qt.tasks import wait_for_background_tasks
from ui.quotes.quote_warmup import QuoteWarmup


@pytest.fixture
def warmups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[threading.Thread]]:
    """The threads the real `preload` ran on; the process starts cold."""
    real = pdf_fonts.preload
    threads: list[threading.Thread] = []

    def recording() -> None:
        threads.append(threading.current_thread())
        real()

    pdf_fonts.forget_parsed()
    monkeypatch.setattr(pdf_fonts, "preload", recording)
    monkeypatch.setattr(text_language, "_model", None)  # the language model not loaded yet
    monkeypatch.setattr(text_language, "_failed", False)
    yield threads
    wait_for_background_tasks()


def test_the_pdf_is_warmed_once_on_a_pool_thread_after_the_first_show(
        qtbot, warmups: list[threading.Thread]) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    warmup = QuoteWarmup(window, delay_ms=10, quiet_ms=10)  # type: ignore[arg-type]
    qtbot.wait(50)  # not shown yet: no timer, nothing warmed
    assert not warmup.timer.isActive() and not warmup.started and not pdf_fonts.preloaded()
    assert not text_language.loaded()

    with qtbot.waitSignal(warmup.warmed, timeout=30000):
        window.show()
    assert pdf_fonts.preloaded() and text_language.loaded()
    assert len(warmups) == 1 and warmups[0] is not threading.main_thread()

    window.hide()
    window.show()
    qtbot.wait(50)
    assert not warmup.timer.isActive() and len(warmups) == 1


def test_the_main_window_starts_its_warm_up_when_shown(window) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(window.quote_warmup, QuoteWarmup)
    assert window.quote_warmup.timer.isActive() or window.quote_warmup.started


def test_the_warm_up_waits_while_the_rep_types_or_scrolls_the_list(
        qtbot, warmups: list[threading.Thread]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListWidget

    window = QMainWindow()
    window.message_view = QListWidget()  # type: ignore[attr-defined]
    window.message_view.addItems([f"row {n}" for n in range(500)])  # type: ignore[attr-defined]
    window.setCentralWidget(window.message_view)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    warmup = QuoteWarmup(window, delay_ms=10, quiet_ms=400)  # type: ignore[arg-type]
    window.show()
    qtbot.waitUntil(lambda: warmup.waiting_for_quiet, timeout=5000)
    bar = window.message_view.verticalScrollBar()  # type: ignore[attr-defined]
    for step in range(12):  # 1.2 s of scrolling and typing, never 400 ms apart
        bar.setValue(step * 10)
        if step % 3 == 0:
            qtbot.keyClick(window.message_view, Qt.Key.Key_Down)  # type: ignore[attr-defined]
        qtbot.wait(100)
        assert not warmup.started and not warmups
    with qtbot.waitSignal(warmup.warmed, timeout=30000):
        pass  # the rep stopped: it runs
    assert len(warmups) == 1 and not warmup.waiting_for_quiet


def test_a_window_closed_before_the_warm_up_leaves_no_filter_and_warms_nothing(
        qtbot, warmups: list[threading.Thread]) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    warmup = QuoteWarmup(window, delay_ms=10, quiet_ms=300)  # type: ignore[arg-type]
    window.show()
    qtbot.waitUntil(lambda: warmup.waiting_for_quiet, timeout=5000)
    window.close()
    assert not warmup.waiting_for_quiet and not warmup.quiet.isActive()
    qtbot.wait(500)
    assert not warmups
