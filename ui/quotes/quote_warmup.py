"""Warm what the first quote of a process needs once the main window is on screen.

The first quote pays once per process for loading the language identifier that guesses the
buyer's language (`client.compose.text_language`: numpy's import and the model, 0.4-0.6 s,
which the picker's first open and the first one-click quote would wait for) and for the PDF
machinery (importing fpdf2 and fontTools, reading the parsed fonts, the first run of the
layout code: about 0.3 s that "Quote with <template>" (`ui.quotes.window_controls`) or the
picker's "Create reply" would otherwise add). `QuoteWarmup(window)`
(``window.quote_warmup``) waits for the window's first show event, then `DELAY_MS` more (the
start-up work, the first list page and sync, go first), then until the rep has left the app
alone for `QUIET_MS` (no key, mouse or wheel input, and the message list not scrolled), then
runs `text_language.preload` and `client.quotes.pdf_fonts.preload` once on the thread pool,
never on the GUI thread;
`warmed` is emitted when it has run. Why the quiet wait: the warm-up holds the interpreter
lock in stretches (imports of fpdf2's C extensions, the font templates), which stalled the GUI
thread of a scrolling 100k list for 135-186 ms (19-21 ms without it; `bench_scroll_100k`).
GUI thread only; idempotent (a later show does nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

DELAY_MS = 3000
QUIET_MS = 2000
#: what counts as the rep using the app (the quiet wait starts again)
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                       QEvent.Type.MouseMove, QEvent.Type.Wheel})


class QuoteWarmup(QObject):
    """See the module."""

    warmed = Signal()

    def __init__(self, window: MainWindow, delay_ms: int = DELAY_MS,
                 quiet_ms: int = QUIET_MS) -> None:
        super().__init__(window)
        self.window = window
        self.started = False
        self.waiting_for_quiet = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._wait_for_quiet)
        self.quiet = QTimer(self)
        self.quiet.setSingleShot(True)
        self.quiet.setInterval(quiet_ms)
        self.quiet.timeout.connect(self._start)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self.waiting_for_quiet and kind in _ACTIVITY:
            self.quiet.start()  # restarted: the rep is using the app
        elif watched is self.window and kind == QEvent.Type.Close:
            self._give_up()  # the window goes: no warm-up, no filter left on the application
        elif watched is self.window and kind == QEvent.Type.Show and not self.started:
            self.timer.start()
        return False

    def _give_up(self) -> None:
        self.timer.stop()
        self.quiet.stop()
        if self.waiting_for_quiet:
            self._stop_waiting()
        self.started = True
        self.window.removeEventFilter(self)

    def _scrolled(self, _value: int) -> None:
        self.quiet.start()

    def _wait_for_quiet(self) -> None:
        if self.started or self.waiting_for_quiet:
            return  # (a show after the first restarts the delay timer only)
        self.waiting_for_quiet = True
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        view = getattr(self.window, "message_view", None)
        if view is not None:
            view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.quiet.start()

    def _stop_waiting(self) -> None:
        self.waiting_for_quiet = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        view = getattr(self.window, "message_view", None)
        if view is not None:
            view.verticalScrollBar().valueChanged.disconnect(self._scrolled)

    def _start(self) -> None:
        if self.started:
            return
        self._stop_waiting()
        self.started = True
        self.window.removeEventFilter(self)
        run_in_background(_preload, lambda _result: self.warmed.emit(),
                          lambda _error: self.warmed.emit(), owner=self)


def _preload() -> None:
    """On a pool thread: even importing the modules is left off the GUI thread. The language
    identifier first: the picker needs it as soon as it opens."""
    from client.compose import text_language
    from client.quotes.pdf_fonts import preload

    text_language.preload()
    preload()
