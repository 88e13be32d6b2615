"""Keep the composer's window on its screen when it is first shown (GUI thread only).

``keep_on_screen(window)`` shrinks the window to the free area of the screen it landed on
(less its frame) and moves it so that the whole frame is inside that area: a composer placed
by the window manager below the main window's title, or at 150 % on a 1440x900 screen (960x600
points), kept its Send button off the screen. Idempotent. The content itself scrolls above the
buttons (``ComposerWindow.body_scroll``), so the window never has to grow.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui.qt.screen_fit import FRAME


def keep_on_screen(window: QWidget) -> None:
    """See the module docstring."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w = max(frame.width() - inner.width(), 0) or FRAME[0]
    extra_h = max(frame.height() - inner.height(), 0) or FRAME[1]
    width = max(200, min(window.width(), room.width() - extra_w))
    height = max(200, min(window.height(), room.height() - extra_h))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(frame.x(), room.x()), room.x() + room.width() - (width + extra_w))
    y = min(max(frame.y(), room.y()), room.y() + room.height() - (height + extra_h))
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, room.x()), max(y, room.y()))
