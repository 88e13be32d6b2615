"""Warm the PDF machinery once the main window is on screen, so the first PDF is quick.

The first quotation PDF of a process pays for importing fpdf2 and fontTools, reading the
fonts (from the parsed-font cache or the files) and the first run of the layout code: about
0.3-0.5 s that "Quote with <template>" (one click, `ui.quotes.window_controls`) or the
picker's "Create reply" would otherwise add to the first quote. `PdfWarmup(window)`
(``window.pdf_warmup``) waits for the window's first show event, then `DELAY_MS` more (the
start-up work, the first list page and sync, go first), then runs
`client.quotes.pdf_fonts.preload` once on the thread pool, never on the GUI thread; `warmed`
is emitted when it has run. GUI thread only; idempotent (a later show does nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

DELAY_MS = 3000


class PdfWarmup(QObject):
    """See the module."""

    warmed = Signal()

    def __init__(self, window: MainWindow, delay_ms: int = DELAY_MS) -> None:
        super().__init__(window)
        self.window = window
        self.started = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._start)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Show and not self.started:
            self.window.removeEventFilter(self)
            self.timer.start()
        return False

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        run_in_background(_preload, lambda _result: self.warmed.emit(),
                          lambda _error: self.warmed.emit(), owner=self)


def _preload() -> None:
    """On a pool thread: even importing the PDF modules is left off the GUI thread."""
    from client.quotes.pdf_fonts import preload

    preload()
