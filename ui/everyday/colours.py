"""Readable text and link colours in light and dark themes: the WCAG contrast ratio, a link
colour moved lighter or darker until it reads on the text background, and the reader's own
hint line drawn in the palette's colours instead of a fixed grey (unreadable on dark).

``ReadableColours(window)`` fixes the palette of the reader and the list now and whenever the
palette changes. GUI thread only; idempotent. ``contrast`` and ``readable`` are pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

MIN_CONTRAST = 4.5  # WCAG AA for body text


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21). Pure."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: QColor, background: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """``colour``, made lighter (on dark) or darker (on light) until it reaches ``minimum``
    contrast on ``background``; keeps its hue. Pure."""
    result = QColor(colour)
    dark_background = _luminance(background) < 0.5
    for _step in range(40):
        if contrast(result, background) >= minimum:
            return result
        result = result.lighter(112) if dark_background else result.darker(112)
        if result in (QColor("white"), QColor("black")):
            break
    return QColor("white") if dark_background else QColor("black")


def fix_palette(palette: QPalette) -> QPalette:
    """A copy of ``palette`` whose Text and Link (and LinkVisited) read on Base."""
    fixed = QPalette(palette)
    base = palette.color(QPalette.ColorRole.Base)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.Link,
                 QPalette.ColorRole.LinkVisited):
        fixed.setColor(QPalette.ColorGroup.Active, role, readable(palette.color(role), base))
        fixed.setColor(QPalette.ColorGroup.Inactive, role, readable(palette.color(role), base))
    return fixed


class ReadableColours(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._applying = False
        window.reader.link_hint.setStyleSheet(
            "QLabel { color: palette(window-text); padding: 2px 8px; }")
        self.apply()
        window.installEventFilter(self)

    def apply(self) -> None:
        """Give the reader's text view and the list readable text and link colours."""
        self._applying = True
        try:
            for widget in (self.window.reader.body, self.window.message_view):
                widget.setPalette(fix_palette(self.window.palette()))
        finally:
            self._applying = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (not self._applying and watched is self.window
                and event.type() in (QEvent.Type.PaletteChange,
                                     QEvent.Type.ApplicationPaletteChange)):
            self.apply()
        return False
