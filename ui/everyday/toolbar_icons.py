"""The toolbar's icon set (Lucide, ISC: ``resources/icons/toolbar``), painted in the theme's
text colour so the strokes read on light and dark toolbars, and the toolbar style: icons only
(the text in the tooltip) or text under the icons (setting ``ui.toolbar_style``).

``ToolbarIcons(window)`` sets the icons once and again when the palette changes. GUI thread only;
idempotent. A missing file gives the action no icon (its text shows instead), never an error.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from client.profile.paths import resources_dir
from ui.everyday.settings_writer import LatestWriter

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

STYLE_KEY = "ui.toolbar_style"
TOOLBAR_ICONS = resources_dir() / "icons" / "toolbar"
#: window attribute (or a controller's: ``triage.``, ``quotes.``, ``meetings.``) -> icon name
ACTION_ICONS = {
    "new_action": "square-pen", "reply_action": "reply", "reply_all_action": "reply-all",
    "forward_action": "forward", "quotes.quote_action": "receipt-text",
    "quotes.quote_last_action": "receipt-text", "meetings.new_meeting_action": "calendar-plus",
    "delete_action": "trash-2",
    "mark_read_action": "mail-open", "flag_action": "flag", "next_unread_action": "chevrons-down",
    "triage.archive_action": "archive", "triage.move_action": "folder-input",
    "triage.undo_action": "undo-2",
}
SIZES = (16, 20, 24, 32, 48)


@cache
def _svg(name: str) -> bytes:
    path = TOOLBAR_ICONS / f"{name}.svg"
    return path.read_bytes() if path.exists() else b""


def tinted_icon(name: str, colour: str) -> QIcon:
    """The icon ``name`` with its ``currentColor`` strokes in ``colour`` (``#rrggbb``)."""
    data = _svg(name)
    if not data:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(data.replace(b"currentColor", colour.encode("ascii"))))
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _action(window: MainWindow, path: str) -> QAction | None:
    target: Any = window
    for part in path.split("."):
        target = getattr(target, part, None)
    return target if isinstance(target, QAction) else None


class ToolbarIcons(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow, style: str, writer: LatestWriter) -> None:
        super().__init__(window)
        self.writer = writer  # the window's one settings writer (ui.everyday.controller)
        self.window = window
        self.style = style
        self.toolbar = window.toolbar
        self.apply()
        self.set_style(style, save=False)
        window.installEventFilter(self)

    def apply(self) -> None:
        """Paint every toolbar action's icon in the current text colour."""
        colour = self.window.palette().color(QPalette.ColorRole.ButtonText).name()
        for path, name in ACTION_ICONS.items():
            action = _action(self.window, path)
            if action is not None:
                action.setIcon(tinted_icon(name, colour))
                if not action.toolTip() or action.toolTip() == action.iconText():
                    action.setToolTip(action.text().replace("&", ""))

    def set_style(self, style: str, *, save: bool = True) -> None:
        """'icons' (icons only) or 'text_under' (text under the icons); remembered."""
        self.style = style
        if self.toolbar is not None:
            self.toolbar.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonTextUnderIcon if style == "text_under"
                else Qt.ToolButtonStyle.ToolButtonIconOnly)
        if save:
            self.writer.write({STYLE_KEY: style})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and watched is self.window and QApplication.instance() is not None:
            self.apply()
        return False
