"""View → Statistics… on the main window (``window.stats``): opens `StatsWindow` (one per
main window; shown again it counts again). GUI thread only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from ui.stats.window import StatsWindow

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class StatsControls(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: StatsWindow | None = None
        self.action = QAction(QCoreApplication.translate("StatsActions", "Statistics…"), window)
        self.action.setStatusTip(QCoreApplication.translate(
            "StatsActions", "Mails, reply rate, first-response time and quotes for a period"))
        self.action.triggered.connect(self.open_window)
        window.view_menu.addAction(self.action)

    def open_window(self) -> StatsWindow:
        if self.view is None:
            self.view = StatsWindow(self.window.db_path, self.window)
        else:
            self.view.reload()
        self.view.show()
        self.view.raise_()
        return self.view
