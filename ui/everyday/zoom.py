"""Text size of a reader: the font-size setting (``reader.font_size``, 0 = the system size)
plus zoom steps (Ctrl +/−, Ctrl+0 back). Applies to the plain-text view and to the HTML view.
GUI thread only; idempotent for the same (size, steps).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

MIN_STEPS, MAX_STEPS = -5, 10
STEP = 0.1  # each step: 10 % bigger or smaller


def clamp_steps(steps: int) -> int:
    return max(MIN_STEPS, min(MAX_STEPS, steps))


def zoom_factor(steps: int) -> float:
    """The HTML view's zoom factor for ``steps`` (1.0 at 0)."""
    return round(1.0 + clamp_steps(steps) * STEP, 2)


def point_size(base: int, steps: int) -> float:
    """The plain-text point size: ``base`` (or the system size when 0) times the zoom."""
    system = QApplication.font().pointSizeF()
    start = float(base) if base > 0 else (system if system > 0 else 10.0)
    return round(start * zoom_factor(steps), 1)


def apply_zoom(pane: Any, base: int, steps: int) -> None:
    """Set the text size of ``pane`` (a ``ui.reader.pane.ReaderPane``)."""
    font = QFont(pane.body.font())
    font.setPointSizeF(point_size(base, steps))
    pane.body.setFont(font)
    pane.body.document().setDefaultFont(font)
    if pane.html_view is not None:
        pane.html_view.setZoomFactor(zoom_factor(steps) * (base / 10 if base > 0 else 1.0))
