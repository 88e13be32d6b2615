"""Connects the main window to the account wizard and the full Settings dialog.

``connect_main_window(window)`` (called once at the end of ``MainWindow.__init__``) adds
File → Add account… (the ``AccountWizard``), points Settings… at ``AppSettingsDialog``, applies
the saved appearance, and makes the composers the window opens report in its status bar what
became of a sent message (sent, or waiting in the outbox and why). GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from client.smtp.sender import FlushReport
from ui.composer.window import ComposerWindow
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
    if getattr(window, "composer_factory", None) is None:
        window.composer_factory = lambda db_path, mode, row: _composer(window, db_path, mode, row)
    window.settings_action.triggered.disconnect()
    window.settings_action.triggered.connect(lambda: open_settings(window))
    apply_appearance(load_appearance(window.store))


def _composer(window: Any, db_path: Path, mode: str, row: int | None) -> ComposerWindow:
    """A composer whose outbox flush is reported in the main window's status bar."""
    composer = ComposerWindow(db_path, mode, row)
    composer.flushed.connect(lambda report: report_flush(window, report))
    return composer


def report_flush(window: Any, report: FlushReport | None) -> None:
    """Tell the rep, in the status bar, what became of the message after Send."""
    if report is None:
        text = QCoreApplication.translate(
            "MainWindowHooks", "The message waits in the outbox until the account can send.")
    elif report.failed or report.stopped or report.retrying:
        reasons = [*report.failed.values()] + ([report.stopped] if report.stopped else [])
        text = QCoreApplication.translate(
            "MainWindowHooks", "Not sent yet; it stays in the outbox: {0}").format(
            "; ".join(reasons) or QCoreApplication.translate(
                "MainWindowHooks", "the server asked to try again later"))
    else:
        text = QCoreApplication.translate("MainWindowHooks", "Message sent.")
    window.statusBar().showMessage(text, 15000)


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
