"""View → Follow-ups… on the main window (``window.followups``) and its notifier.

Opens `FollowupsWindow` (one per main window): a thread opens in the main window
(`show_message`), a written follow-up in the composer (`window.compose.open_draft`). The
`FollowupNotifier` starts with the window (missed reminders fire at the next start, and the
status bar says how many fell due while the app was closed) and checks again after each
account's sync when there is a sync driver. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from ui.followups.notifier import FollowupNotifier
from ui.followups.view import FollowupsWindow

if TYPE_CHECKING:
    from ui.followups.jobs import FollowupRow
    from ui.mainwindow.window import MainWindow


class FollowupControls(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: FollowupsWindow | None = None
        self.action = QAction(QCoreApplication.translate("FollowupActions", "Follow-ups…"),
                              window)
        self.action.setStatusTip(QCoreApplication.translate(
            "FollowupActions", "Quotes and replies waiting for the buyer's answer"))
        self.action.triggered.connect(self.open_window)
        window.view_menu.addAction(self.action)
        self.notifier = FollowupNotifier(window.db_path, window.tray, self)
        self.notifier.announced.connect(self._announced)
        if window.sync is not None:
            window.sync.driver.accountSynced.connect(self.notifier.check)
        self.notifier.start()

    def open_window(self) -> FollowupsWindow:
        """Show the follow-ups window."""
        if self.view is None:
            view = FollowupsWindow(self.window.db_path, self.window)
            view.openMessage.connect(self.window.show_message)
            view.openDraft.connect(self.window.compose.open_draft)
            self.view = view
        else:
            self.view.reload()
        self.view.show()
        self.view.raise_()
        return self.view

    def _announced(self, fired: list[tuple[FollowupRow, bool]], _quiet: bool) -> None:
        missed = sum(1 for _row, late in fired if late)
        if missed:
            text = QCoreApplication.translate(
                "FollowupActions", "{0} follow-ups fell due while Tradewind was closed: "
                "View → Follow-ups…").format(missed)
        else:
            text = QCoreApplication.translate(
                "FollowupActions", "{0} follow-ups due: View → Follow-ups…").format(len(fired))
        self.window.statusBar().showMessage(text, 30000)
        if self.view is not None and self.view.isVisible():
            self.view.reload()
