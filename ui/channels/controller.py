"""`ChannelsController(window)` (``window.channels``): Message → "Channel rules…" opens the
rule editor (`ui.channels.editor`), and the list's Tags column (`ui.channels.tags_column`).
GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from ui.channels.editor import RulesDialog
from ui.channels.tags_column import TagsColumn

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class ChannelsController(QObject):
    """See the module."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: RulesDialog | None = None
        self.tags_column = TagsColumn(window)
        self.action = QAction(QCoreApplication.translate("ChannelRules", "Channel rules…"), window)
        self.action.setStatusTip(QCoreApplication.translate(
            "ChannelRules", "Tag incoming inquiries by where they came from"))
        self.action.triggered.connect(self.open_editor)
        window.message_menu.addAction(self.action)

    def open_editor(self) -> RulesDialog:
        """Show the rule editor (one per main window)."""
        if self.dialog is None:
            dialog = RulesDialog(self.window.db_path, self.window.selected_ids, self.window)
            dialog.changed.connect(self.tags_column.reload)
            self.dialog = dialog
        else:
            self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog
