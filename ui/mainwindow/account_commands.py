"""File → Add account… and Settings… of the main window.

``AccountCommands(window)`` (``window.accounts``, a child of ``ui.mainwindow.window.MainWindow``)
adds File → Add account… (the ``AccountWizard``) before Settings…, opens ``AppSettingsDialog``
for Settings… and applies the saved appearance. An added account reloads the folder tree and
is synced at once; saved settings apply the general preferences and a changed sync interval.
GUI thread only.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.settings.values import load_appearance

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow
    from ui.settings.dialog import AppSettingsDialog
    from ui.wizard.dialog import AccountWizard


class AccountCommands(QObject):
    """Add account… and Settings… for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.add_account_action = QAction(
            QCoreApplication.translate("MainWindowHooks", "Add account…"), window)
        self.add_account_action.triggered.connect(lambda: self.open_wizard())
        window.addAction(self.add_account_action)
        window.file_menu.insertAction(window.settings_action, self.add_account_action)
        appearance = load_appearance(window.store)
        # "system" is how Qt starts, unless Settings forced a palette: the dialogs load on use
        if appearance != "system" or "ui.settings.dialog" in sys.modules:
            from ui.settings.dialog import apply_appearance

            apply_appearance(appearance)

    def open_wizard(self, parent: QWidget | None = None) -> AccountWizard:
        """Show the account wizard; the folder tree is reloaded once an account is added."""
        from ui.wizard.dialog import AccountWizard

        window = self.window
        wizard = AccountWizard(window.db_path, parent or window)
        wizard.accountAdded.connect(lambda _email: window.reload_folders())
        wizard.accountAdded.connect(
            lambda _email: window.sync.account_added() if window.sync else None)
        wizard.show()
        return wizard

    def open_settings(self) -> AppSettingsDialog:
        """Show Settings (non-modal); on OK the main window applies the general preferences."""
        from ui.settings.dialog import AppSettingsDialog

        window = self.window
        dialog = AppSettingsDialog(window.db_path, window.preferences, window)

        def add_account() -> None:
            wizard = self.open_wizard(dialog)
            wizard.accountAdded.connect(lambda _email: dialog.reload())

        dialog.addAccountRequested.connect(add_account)
        dialog.accountsChanged.connect(window.reload_folders)
        dialog.saved.connect(lambda: window.apply_preferences(dialog.preferences()))
        dialog.saved.connect(lambda: window.sync.settings_saved() if window.sync else None)
        dialog.show()
        return dialog
