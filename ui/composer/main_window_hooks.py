"""Connects the main window to the account wizard and the full Settings dialog.

``connect_main_window(window)`` (called once at the end of ``MainWindow.__init__``) adds
File → Add account… (the ``AccountWizard``), File → Local drafts…, Message → Edit draft, opening a
draft by double-click / Enter and the list's context menu, points Settings… at
``AppSettingsDialog``, applies
the saved appearance, and makes the composers the window opens report in its status bar what
became of a sent message (sent, or waiting in the outbox and why). GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from client.smtp.sender import FlushReport
from ui.composer.window import ComposerWindow
from ui.settings.dialog import AppSettingsDialog, apply_appearance
from ui.settings.values import load_appearance
from ui.wizard.dialog import AccountWizard


def connect_main_window(window: Any) -> None:
    """Wire the actions of ``window`` (a ``ui.mainwindow.window.MainWindow``); idempotent per window.
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
        window.composer_factory = lambda db_path, mode, row, draft_id=None: _composer(
            window, db_path, mode, row, draft_id)
    _add_draft_actions(window)
    window.settings_action.triggered.disconnect()
    window.settings_action.triggered.connect(lambda: open_settings(window))
    apply_appearance(load_appearance(window.store))


def _composer(window: Any, db_path: Path, mode: str, row: int | None,
              draft_id: int | None = None) -> ComposerWindow:
    """A composer whose outbox flush is reported in the main window's status bar; the list is
    reloaded after a saved draft was sent (its copy in Drafts is gone)."""
    composer = ComposerWindow(db_path, mode, row, draft_id)
    notices: list[str] = []  # what the signature enforcement restored, said with the outcome
    composer.queued.connect(lambda queued: notices.extend(queued.notices))
    composer.flushed.connect(lambda report: report_flush(window, report, tuple(notices)))
    composer.flushed.connect(lambda report: _after_send(window, composer, report))
    composer.closedWithDraft.connect(
        lambda account_id: _sync_controls_call(window, "draft_kept", account_id))
    if mode == "draft":
        composer.flushed.connect(lambda _report: _reload_list(window))
    return composer


def _reload_list(window: Any) -> None:
    if not getattr(window, "_closed", False) and not window.search_text:
        window.load_folder()


def _add_draft_actions(window: Any) -> None:
    """Message → Edit draft, File → Local drafts…, double-click / Enter on a draft, and a
    context menu on the message list (reply, forward, edit draft, mark read, flag, delete)."""
    window.edit_draft_action = QAction(
        QCoreApplication.translate("MainWindowHooks", "Edit draft"), window)
    window.edit_draft_action.setStatusTip(QCoreApplication.translate(
        "MainWindowHooks", "Continue writing the selected draft in the composer"))
    window.edit_draft_action.triggered.connect(window.edit_selected_draft)
    window.local_drafts_action = QAction(
        QCoreApplication.translate("MainWindowHooks", "Local drafts…"), window)
    window.local_drafts_action.setStatusTip(QCoreApplication.translate(
        "MainWindowHooks", "Drafts saved on this computer, also those not yet on the server"))
    window.local_drafts_action.triggered.connect(window.show_local_drafts)
    for action in (window.edit_draft_action, window.local_drafts_action):
        window.addAction(action)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        actions = menu.actions()
        if window.reply_action in actions:
            menu.insertAction(window.reply_action, window.edit_draft_action)
        if window.new_action in actions:
            following = actions[actions.index(window.new_action) + 1:]
            if following:
                menu.insertAction(following[0], window.local_drafts_action)
            else:
                menu.addAction(window.local_drafts_action)
    window.message_view.activated.connect(window.message_activated)
    window.message_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.message_view.customContextMenuRequested.connect(
        lambda pos: _show_list_menu(window, pos))


def list_menu(window: Any) -> QMenu:
    """The message list's context menu for the current selection (Edit draft only in a Drafts
    folder)."""
    menu = QMenu(window.message_view)
    ids = window.selected_ids()
    if len(ids) == 1 and window.is_draft_message(ids[0]):
        menu.addAction(window.edit_draft_action)
        menu.addSeparator()
    for action in (window.reply_action, window.reply_all_action, window.forward_action):
        menu.addAction(action)
    if getattr(window, "quote_action", None) is not None:  # ui.quotes.main_window_hooks
        from ui.quotes.main_window_hooks import context_actions

        menu.addActions(context_actions(window))
    menu.addSeparator()
    for action in (window.mark_read_action, window.flag_action, window.delete_action):
        menu.addAction(action)
    if getattr(window, "triage", None) is not None:  # ui.triage.controller (issue 11)
        menu.addSeparator()
        menu.addActions(window.triage.context_actions())
    return menu


def _show_list_menu(window: Any, pos: QPoint) -> None:
    menu = list_menu(window)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(window.message_view.viewport().mapToGlobal(pos))


def report_flush(window: Any, report: FlushReport | None, notices: tuple[str, ...] = ()) -> None:
    """Tell the rep, in the status bar, what became of the message after Send, and why the
    company signature was restored when it was (``notices``, already in the rep's language:
    ``client.signatures.enforce`` translates them through ``client.i18n``; shown longer then)."""
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
    if notices:
        text = " ".join((text, *notices))
    window.statusBar().showMessage(text, 60000 if notices else 15000)


def open_wizard(window: Any, parent: QWidget | None = None) -> AccountWizard:
    """Show the account wizard; the folder tree is reloaded once an account is added."""
    wizard = AccountWizard(window.db_path, parent or window)
    wizard.accountAdded.connect(lambda _email: window.reload_folders())
    wizard.accountAdded.connect(lambda _email: _sync_controls_call(window, "account_added"))
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
    dialog.saved.connect(lambda: _sync_controls_call(window, "settings_saved"))
    dialog.show()
    return dialog


def _sync_controls_call(window: Any, name: str, *args: Any) -> None:
    """Tell the window's sync controls (``ui.sync.window_controls``), when it has them."""
    controls = getattr(window, "sync_controls", None)
    if controls is not None:
        getattr(controls, name)(*args)


def _after_send(window: Any, composer: ComposerWindow, report: FlushReport | None) -> None:
    """Mail went out: Sent (and Drafts, when it was a saved draft) change on the server."""
    sender = composer.current_sender()
    if report is not None and report.sent and sender is not None:
        _sync_controls_call(window, "mail_sent", sender.account_id)
