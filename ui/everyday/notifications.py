"""Desktop notifications for new mail, per folder and with do-not-disturb. Inboxes notify
unless switched off; any other folder once switched on (the folder's context menu: "Notify
about new mail here"); View → Do not disturb silences them all. Remembered in the settings
``notify.folders`` ({folder id: true/false}) and ``notify.do_not_disturb``.

``Notifications(window, writer)`` is ``window.everyday.notifications``; its
``should_notify(folder_id) -> bool`` is what the main window's core-event handler
(``ui.mainwindow.core_events``) asks before the tray shows a notification. GUI thread only;
the choices are written in the background (``settings_writer``); idempotent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from client import settings
from ui.everyday.settings_writer import LatestWriter
from ui.models.folder_tree import FOLDER_ID_ROLE

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

FOLDERS_KEY = "notify.folders"
QUIET_KEY = "notify.do_not_disturb"


class Notifications(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow, writer: LatestWriter) -> None:
        super().__init__(window)
        self.writer = writer  # the window's one settings writer (ui.everyday.controller)
        self.window = window
        self.choices: dict[str, bool] = dict(settings.read(window.store, FOLDERS_KEY))
        self.quiet: bool = settings.read(window.store, QUIET_KEY)
        self.quiet_action = QAction(self.tr("Do not disturb"), window)
        self.quiet_action.setCheckable(True)
        self.quiet_action.setChecked(self.quiet)
        self.quiet_action.setStatusTip(self.tr("No desktop notifications for new mail"))
        self.quiet_action.toggled.connect(self.set_quiet)
        view = window.folder_view
        if view.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(self._folder_menu)

    def _is_inbox(self, folder_id: int) -> bool:
        folder = self.window.store.folder(folder_id)
        return folder is not None and folder.role == "inbox"

    def folder_notifies(self, folder_id: int) -> bool:
        """Whether new mail in ``folder_id`` notifies (do-not-disturb aside)."""
        chosen = self.choices.get(str(folder_id))
        return self._is_inbox(folder_id) if chosen is None else chosen

    def should_notify(self, folder_id: int) -> bool:
        """Whether new mail in ``folder_id`` shows a notification now."""
        return not self.quiet and self.folder_notifies(folder_id)

    def set_folder(self, folder_id: int, on: bool) -> None:
        """Switch notifications for one folder on or off (remembered)."""
        self.choices[str(folder_id)] = bool(on)
        self.writer.write({FOLDERS_KEY: dict(self.choices)})

    def set_quiet(self, quiet: bool) -> None:
        """Do not disturb on or off (remembered)."""
        self.quiet = bool(quiet)
        if self.quiet_action.isChecked() != self.quiet:
            self.quiet_action.setChecked(self.quiet)
        self.writer.write({QUIET_KEY: self.quiet})

    def folder_menu(self, folder_id: int) -> QMenu:
        """The folder's context menu: notify here (checkable) and do not disturb."""
        menu = QMenu(self.window)
        here = QAction(self.tr("Notify about new mail here"), menu)
        here.setCheckable(True)
        here.setChecked(self.folder_notifies(folder_id))
        here.toggled.connect(lambda on: self.set_folder(folder_id, on))
        menu.addAction(here)
        menu.addAction(self.quiet_action)
        return menu

    def _folder_menu(self, pos: QPoint) -> None:
        view = self.window.folder_view
        folder_id = view.indexAt(pos).data(FOLDER_ID_ROLE)
        if folder_id is not None:
            self.folder_menu(int(folder_id)).exec(view.viewport().mapToGlobal(pos))
