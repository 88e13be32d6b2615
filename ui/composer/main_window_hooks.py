"""Connects the main window to the account wizard and the full Settings dialog.

``connect_main_window(window)`` (called once at the end of ``MainWindow.__init__``) adds
File → Add account… (the ``AccountWizard``), points Settings… at ``AppSettingsDialog`` and
applies the saved appearance. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.settings.dialog import AppSettingsDialog, apply_appearance
from ui.settings.values import load_appearance
from ui.wizard.dialog import AccountWizard


def connect_main_window(window: Any) -> None:
    """Wire the actions of ``window`` (a ``ui.main_window.MainWindow``); idempotent per window.
    (New message, Reply, Reply all and Forward are the main window's own actions; they open
    ``ComposerWindow``.)"""
    if getattr(window, "add_account_action", None) is not None:
        return
    window.add_account_action = QAction(
        QCoreApplication.translate("MainWindowHooks", "Add account…"), window)
    window.add_account_action.triggered.connect(lambda: open_wizard(window))
    window.addAction(window.add_account_action)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and window.settings_action in menu.actions():
            menu.insertAction(window.settings_action, window.add_account_action)
            break
    window.settings_action.triggered.disconnect()
    window.settings_action.triggered.connect(lambda: open_settings(window))
    apply_appearance(load_appearance(window.store))


def open_wizard(window: Any, parent: QWidget | None = None) -> AccountWizard:
    """Show the account wizard; the folder tree is reloaded once an account is added."""
    wizard = AccountWizard(window.db_path, parent or window)
    wizard.accountAdded.connect(lambda _email: window.reload_folders())
    wizard.show()
    return wizard


def open_settings(window: Any) -> AppSettingsDialog:
    """Show Settings (non-modal); on OK the main window applies the general preferences."""
    dialog = AppSettingsDialog(window.db_path, window.preferences, window)

    def add_account() -> None:
        wizard = open_wizard(window, dialog)
        wizard.accountAdded.connect(lambda _email: dialog.reload())

    dialog.addAccountRequested.connect(add_account)
    dialog.accountsChanged.connect(window.reload_folders)
    dialog.saved.connect(lambda: window.apply_preferences(dialog.preferences()))
    dialog.show()
    return dialog
