"""The first size of a top-level window, never bigger than the screen (GUI thread only).

``fit_to_screen(window, width, height)`` resizes ``window`` to ``width`` x ``height`` points, or
to the free area of its screen less room for the window frame when that is smaller: at 150 %
a 1440x900 screen has 960x600 points, and the main window's 1400x860 put its status bar and
date column off the screen. Idempotent.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = (16, 48)  # what a window manager's border and title bar take, in points


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """See the module docstring."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    room = screen.availableGeometry()
    window.resize(max(200, min(width, room.width() - FRAME[0])),
                  max(200, min(height, room.height() - FRAME[1])))
