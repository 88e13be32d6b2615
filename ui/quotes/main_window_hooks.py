"""The Quote action on the main window and the Quotes view's menu entry.

``connect_quotes(window)`` (called once at the end of ``MainWindow.__init__``) adds
Message → Quote… (Ctrl+Shift+Q, also on the toolbar and in the message list's context menu)
and "Quote with <last template>" once a template was used; both open ``QuotePicker`` on the
shown (else the one selected) message, and a created reply opens in the composer as the
saved draft (``window.open_draft``). View → Quotes… opens ``QuotesView``; ``QuoteReminders``
checks on start and after each sync job (``window.quote_reminders.check``). GUI thread only; idempotent per window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from client.quotes.reply import QuoteReply
from ui.quotes import jobs
from ui.quotes.picker import QuotePicker
from ui.quotes.reminders import QuoteReminders
from ui.quotes.view import QuotesView

SHORTCUT = "Ctrl+Shift+Q"


def connect_quotes(window: Any) -> None:
    """See the module docstring."""
    if getattr(window, "quote_action", None) is not None:
        return
    window.quote_picker = None
    window.quote_action = QAction(
        QCoreApplication.translate("QuoteActions", "Quote…"), window)
    window.quote_action.setShortcut(QKeySequence(SHORTCUT))
    window.quote_action.setStatusTip(QCoreApplication.translate(
        "QuoteActions", "Answer the message with a quotation from a template"))
    window.quote_action.triggered.connect(lambda: open_picker(window))
    window.quote_last_action = QAction(window)
    window.quote_last_action.triggered.connect(
        lambda: open_picker(window, window.quote_last_action.data()))
    window.addAction(window.quote_action)
    update_last_template(window, _last_template(window))
    message_menu = _menu(window, window.reply_action)
    if message_menu is not None:
        message_menu.insertAction(window.forward_action, window.quote_action)
        message_menu.insertAction(window.forward_action, window.quote_last_action)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    if toolbar is not None:
        toolbar.insertAction(window.delete_action, window.quote_action)
    window.quotes_view = None
    window.quotes_view_action = QAction(
        QCoreApplication.translate("QuoteActions", "Quotes…"), window)
    window.quotes_view_action.setStatusTip(QCoreApplication.translate(
        "QuoteActions", "Open, expiring and expired quotes"))
    window.quotes_view_action.triggered.connect(lambda: open_quotes_view(window))
    view_menu = _menu(window, window.group_action)
    if view_menu is not None:
        view_menu.addSeparator()
        view_menu.addAction(window.quotes_view_action)
    window.quote_reminders = QuoteReminders(window.db_path, getattr(window, "tray", None), window)
    window.quote_reminders.reminded.connect(lambda _r: _reload_view(window))
    window.quote_reminders.check()  # on start; ui.sync.window_controls: after each sync


def open_quotes_view(window: Any) -> QuotesView:
    """Show the Quotes window (one per main window)."""
    if window.quotes_view is None:
        view = QuotesView(window.db_path, window)
        view.openDraft.connect(window.open_draft)
        view.openMessage.connect(lambda row: _show_message(window, row))
        window.quotes_view = view
    else:
        window.quotes_view.reload()
    window.quotes_view.show()
    window.quotes_view.raise_()
    return window.quotes_view


def _reload_view(window: Any) -> None:
    if window.quotes_view is not None:
        window.quotes_view.reload()


def _show_message(window: Any, row: int) -> None:
    window.show_message(row)
    window.raise_()
    window.activateWindow()


def _menu(window: Any, action: QAction) -> Any:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None


def _last_template(window: Any) -> str:
    value = window.store.get_setting(jobs.LAST_TEMPLATE_KEY, "")
    return value if isinstance(value, str) else ""


def update_last_template(window: Any, name: str) -> None:
    """Show "Quote with NAME" (hidden while no template was used)."""
    window.quote_last_action.setData(name)
    window.quote_last_action.setText(
        QCoreApplication.translate("QuoteActions", "Quote with {0}").format(name))
    window.quote_last_action.setVisible(bool(name))


def context_actions(window: Any) -> list[QAction]:
    """What the message list's context menu offers for quoting."""
    actions = [window.quote_action]
    if window.quote_last_action.isVisible():
        actions.append(window.quote_last_action)
    return actions


def open_picker(window: Any, template: str | None = None) -> QuotePicker | None:
    """Open the picker for the shown message (else the single selected one)."""
    row = window.reader.shown_id
    if row is None:
        ids = window.selected_ids()
        row = ids[0] if len(ids) == 1 else None
    if row is None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "QuoteActions", "Select the message to quote first."), 5000)
        return None
    picker = QuotePicker(window.db_path, row, window, template=template or None)
    picker.created.connect(lambda reply: _created(window, picker.template_name(), reply))
    picker.finished.connect(lambda _code: picker.deleteLater())
    window.quote_picker = picker
    picker.show()
    return picker


def _created(window: Any, template: str, reply: QuoteReply) -> None:
    update_last_template(window, template)
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "QuoteActions", "Quote {0} created; edit and send the reply.").format(
                reply.record.number), 8000)
    if reply.draft_id is not None:
        window.open_draft(reply.draft_id)
