"""The Quote actions on the main window and the Quotes view's menu entry.

``connect_quotes(window)`` (called once at the end of ``MainWindow.__init__``) adds
Message → Quote… (Ctrl+Shift+O, also on the toolbar and in the message list's context menu),
which opens ``QuotePicker`` on the shown (else the one selected) message, and, once a quote
was made, "Quote with <last template>" (Ctrl+Alt+Shift+O, toolbar, context menu): the reply
is created at once off the GUI thread with the last template in this buyer's language and the
rep's last choices (``jobs.quick_reply``), no picker in between; without last choices it
opens the picker. A created reply opens in the composer as the saved draft
(``window.open_draft``). (Ctrl+Shift+Q is Quit's: sharing it made both shortcuts dead.) View → Quotes… opens ``QuotesView``; ``QuoteReminders``
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

SHORTCUT = "Ctrl+Shift+O"
LAST_SHORTCUT = "Ctrl+Alt+Shift+O"


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
    window.quote_last_action.setShortcut(QKeySequence(LAST_SHORTCUT))
    window.quote_last_action.setStatusTip(QCoreApplication.translate(
        "QuoteActions", "Create the quote reply at once with the last template and choices"))
    window.quote_last_action.triggered.connect(lambda: quick_quote(window))
    window.addAction(window.quote_action)
    window.addAction(window.quote_last_action)
    update_last_template(window, _last_template(window))
    message_menu = _menu(window, window.reply_action)
    if message_menu is not None:
        message_menu.insertAction(window.forward_action, window.quote_action)
        message_menu.insertAction(window.forward_action, window.quote_last_action)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    if toolbar is not None:
        toolbar.insertAction(window.delete_action, window.quote_action)
        toolbar.insertAction(window.delete_action, window.quote_last_action)
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


def _message_row(window: Any) -> int | None:
    """The shown message, else the single selected one; None says so in the status bar."""
    row = window.reader.shown_id
    if row is None:
        ids = window.selected_ids()
        row = ids[0] if len(ids) == 1 else None
    if row is None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "QuoteActions", "Select the message to quote first."), 5000)
    return int(row) if row is not None else None


def quick_quote(window: Any) -> bool:
    """The one-click quote on the shown (else selected) message; False when there is none.
    The reply is made on the thread pool; a failure is shown in the status bar in words and
    saves nothing; no last choices (or the template is gone) opens the picker instead."""
    from ui.tasks import run_in_background

    row = _message_row(window)
    if row is None:
        return False
    template = str(window.quote_last_action.data() or "")
    window.quote_last_action.setEnabled(False)
    window.statusBar().showMessage(QCoreApplication.translate(
        "QuoteActions", "Creating the quote reply with {0}…").format(template))

    def done(reply: QuoteReply | None) -> None:
        window.quote_last_action.setEnabled(True)
        if reply is None:
            open_picker(window, template or None)
        else:
            _created(window, template, reply)

    def failed(exc: BaseException) -> None:
        window.quote_last_action.setEnabled(True)
        message = QCoreApplication.translate(
            "QuoteActions", "The quote reply was not created: {0}").format(exc)
        window.statusBar().showMessage(message, 15000)
        window.quote_failed = message

    run_in_background(lambda: jobs.quick_reply(window.db_path, row), done, failed, owner=window)
    return True


def open_picker(window: Any, template: str | None = None) -> QuotePicker | None:
    """Open the picker for the shown message (else the single selected one)."""
    row = _message_row(window)
    if row is None:
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
