"""A word-wrapped label that asks for the height its text needs at the width it has now.

A plain word-wrapped ``QLabel`` asks for the height of its text wrapped at a narrow width and
does not tell a window when a longer text needs more room: a long From line or warning made
the main window taller than the screen (at 150 % a 1440x900 screen has 600 points), and a
dialog whose text grew cut it off. ``WrappingLabel`` reports the height for its real width, so
layouts and windows follow the text. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel


class WrappingLabel(QLabel):
    """See the module docstring. Before the label is shown it asks for one line."""

    def _height_now(self) -> int | None:
        if not self.wordWrap() or not self.text() or not self.isVisible():
            return None
        return max(self.heightForWidth(self.width()), self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().minimumSizeHint()
        height = self._height_now()
        if height is None and self.wordWrap():
            margins = self.contentsMargins()
            height = self.fontMetrics().height() + margins.top() + margins.bottom()
        return hint if height is None else QSize(hint.width(), height)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        height = self._height_now()
        return hint if height is None else QSize(hint.width(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the height it needs changed with the width
