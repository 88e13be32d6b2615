"""Windows that fit and remember: the main window's size, position, maximised state and
splitters (setting ``ui.window_layout``), the reading pane right, bottom or off
(``ui.reading_pane``) and the reader's font size (``reader.font_size``) with zoom.

The first size comes from the free screen area (``ui.qt.screen_fit``); a remembered geometry
is used when it still fits the screen it is on, otherwise the window is fitted again and
moved fully onto the screen, so no button is ever off screen. Saved when the window closes
or hides (in the background; idempotent). GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

from client import settings
from ui.everyday import zoom
from ui.everyday.list_fit import decode_state, encode_state
from ui.everyday.settings_writer import LatestWriter
from ui.qt.screen_fit import FRAME, fit_to_screen

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

LAYOUT_KEY = "ui.window_layout"
PANE_KEY = "ui.reading_pane"
FONT_KEY = "reader.font_size"
PANE_CHOICES = settings.SETTINGS[PANE_KEY].choices


def keep_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen's free area and move it fully onto it (idempotent)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(frame.width() - window.width(), 0) or FRAME[0]
    extra_h = max(frame.height() - window.height(), 0) or FRAME[1]
    width = min(window.width(), room.width() - extra_w)
    height = min(window.height(), room.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(200, width), max(200, height))
    frame = window.frameGeometry()
    x = min(max(frame.x(), room.x()), room.right() - frame.width() + 1)
    y = min(max(frame.y(), room.y()), room.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, room.x()), max(y, room.y()))


class WindowLayout(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow, writer: LatestWriter) -> None:
        super().__init__(window)
        self.writer = writer  # the window's one settings writer (ui.everyday.controller)
        self.window = window
        list_splitter = window.message_view.parentWidget()
        outer_splitter = list_splitter.parentWidget() if list_splitter is not None else None
        assert isinstance(list_splitter, QSplitter) and isinstance(outer_splitter, QSplitter)
        self.list_splitter: QSplitter = list_splitter
        self.outer_splitter: QSplitter = outer_splitter
        self.list_splitter.setObjectName("list-splitter")
        self.outer_splitter.setObjectName("outer-splitter")
        store = window.store
        self.saved: dict[str, str] = dict(settings.read(store, LAYOUT_KEY))
        self.pane: str = settings.read(store, PANE_KEY)
        self.font_size: int = settings.read(store, FONT_KEY)
        self.zoom_steps = 0
        self.restore()
        window.installEventFilter(self)
        window.reader.stack.currentChanged.connect(lambda _i: self.apply_zoom())

    # -- geometry -------------------------------------------------------------------------------
    def keep_on_screen_now(self) -> None:
        """Fit the window onto its screen again (after it was shown: the frame is known)."""
        keep_on_screen(self.window)

    def restore(self) -> None:
        """Apply the remembered geometry, splitters and reading pane (or fit to the screen)."""
        w = self.window
        geometry = self.saved.get("geometry")
        if not (geometry and w.restoreGeometry(decode_state(geometry))):
            fit_to_screen(w, 1400, 860)
        keep_on_screen(w)
        for key, splitter in (("outer", self.outer_splitter), ("list", self.list_splitter)):
            state = self.saved.get(key)
            if state:
                splitter.restoreState(decode_state(state))
        self.set_reading_pane(self.pane, save=False)
        self.apply_zoom()

    def current_state(self) -> dict[str, str]:
        """What would be saved now (geometry and splitters, base64)."""
        w = self.window
        return {"geometry": encode_state(w.saveGeometry()),
                "outer": encode_state(self.outer_splitter.saveState()),
                "list": encode_state(self.list_splitter.saveState())}

    def save(self) -> None:
        """Remember geometry and splitters (worker thread write; idempotent)."""
        self.saved = self.current_state()
        self._write({LAYOUT_KEY: dict(self.saved)})

    def _write(self, values: dict[str, object]) -> None:
        self.writer.write(values)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and watched is self.window \
                and self._window_visible():
            self.save()
        return False

    def _window_visible(self) -> bool:
        try:
            return bool(self.window.isVisible())
        except RuntimeError:  # the window is being destroyed
            return False

    # -- reading pane ---------------------------------------------------------------------------
    def set_reading_pane(self, where: str, *, save: bool = True) -> None:
        """Reading pane 'right' of the list, 'bottom' (below it) or 'off'; remembered."""
        if where not in PANE_CHOICES:
            return
        self.pane = where
        reader = self.window.reader
        if where == "off":
            reader.hide()
        else:
            orientation = (Qt.Orientation.Horizontal if where == "right"
                           else Qt.Orientation.Vertical)
            if self.list_splitter.orientation() != orientation:
                self.list_splitter.setOrientation(orientation)
                total = sum(self.list_splitter.sizes()) or 800
                self.list_splitter.setSizes([total * 2 // 5, total - total * 2 // 5])
            reader.show()
        if save:
            self._write({PANE_KEY: where})

    # -- text size ------------------------------------------------------------------------------
    def apply_zoom(self) -> None:
        zoom.apply_zoom(self.window.reader, self.font_size, self.zoom_steps)

    def zoom_by(self, step: int) -> None:
        """One step bigger (1), smaller (-1), or back to the font size (0); for this session."""
        self.zoom_steps = 0 if step == 0 else zoom.clamp_steps(self.zoom_steps + step)
        self.apply_zoom()

    def set_font_size(self, size: int) -> None:
        """The reader's font size in points (0: the system size); remembered."""
        self.font_size = int(settings.check(FONT_KEY, size))
        self.apply_zoom()
        self._write({FONT_KEY: self.font_size})
