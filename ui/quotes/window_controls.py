"""The Quote action on the main window and the Quotes view's menu entry.

``QuoteControls(window)`` (``window.quotes``, a child of ``ui.mainwindow.window.MainWindow``)
adds Message → Quote… (Ctrl+Alt+Q, also on the toolbar and in the message list's context menu
through ``context_actions``), which opens ``QuotePicker`` on the shown (else the one selected)
message, and, once a quote was made, "Quote with <last template>" (Ctrl+Alt+Shift+Q, toolbar,
context menu): the reply is created at once off the GUI thread with the last template in this
buyer's language and the rep's last choices (``jobs.quick_reply``), no picker in between;
without last choices it opens the picker. A created reply opens in the composer as the saved
draft (``window.compose.open_draft``). (Ctrl+Shift+Q is Quit's: sharing it made both dead.) View → Quotes… opens
``QuotesView``; ``reminders`` (``QuoteReminders``) checks on start and after each sync job
(connected by ``ui.sync.window_controls``). GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from client.quotes.keys import LAST_TEMPLATE_KEY
from ui.quotes.reminders import QuoteReminders

if TYPE_CHECKING:  # the quote machinery loads on first use, not at the app's start (issue 17)
    from client.quotes.reply import QuoteReply
    from ui.mainwindow.window import MainWindow
    from ui.quotes.picker import QuotePicker
    from ui.quotes.view import QuotesView

#: the reminders' first check waits this long after the window opened
START_CHECK_MS = 1500
SHORTCUT = "Ctrl+Alt+Q"
LAST_SHORTCUT = "Ctrl+Alt+Shift+Q"


class QuoteControls(QObject):
    """Quote…, Quote with <template>, View → Quotes… and the expiry reminders of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.picker: QuotePicker | None = None  # the last picker opened
        self.view: QuotesView | None = None
        self.quote_action = QAction(
            QCoreApplication.translate("QuoteActions", "Quote…"), window)
        self.quote_action.setShortcut(QKeySequence(SHORTCUT))
        self.quote_action.setStatusTip(QCoreApplication.translate(
            "QuoteActions", "Answer the message with a quotation from a template"))
        self.quote_action.triggered.connect(lambda: self.open_picker())
        self.quote_last_action = QAction(window)
        self.quote_last_action.setShortcut(QKeySequence(LAST_SHORTCUT))
        self.quote_last_action.setStatusTip(QCoreApplication.translate(
            "QuoteActions", "Create the quote reply at once with the last template and choices"))
        self.quote_last_action.triggered.connect(lambda: self.quick_quote())
        #: the last one-click failure in words (tests read it; the status bar shows it)
        self.failed_text = ""
        window.addAction(self.quote_action)
        window.addAction(self.quote_last_action)
        self.update_last_template(self._last_template())
        window.message_menu.insertAction(window.forward_action, self.quote_action)
        window.message_menu.insertAction(window.forward_action, self.quote_last_action)
        window.toolbar.insertAction(window.delete_action, self.quote_action)
        window.toolbar.insertAction(window.delete_action, self.quote_last_action)
        self.quotes_view_action = QAction(
            QCoreApplication.translate("QuoteActions", "Quotes…"), window)
        self.quotes_view_action.setStatusTip(QCoreApplication.translate(
            "QuoteActions", "Open, expiring and expired quotes"))
        self.quotes_view_action.triggered.connect(lambda: self.open_quotes_view())
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.quotes_view_action)
        self.reminders = QuoteReminders(window.db_path, window.tray, self)
        self.reminders.reminded.connect(lambda _r: self._reload_view())
        # on start, once the window has shown its list (issue 17); ui.sync.window_controls:
        # after each sync
        self._start_check = QTimer(self)
        self._start_check.setSingleShot(True)
        self._start_check.timeout.connect(self.reminders.check)
        self._start_check.start(START_CHECK_MS)

    def open_quotes_view(self) -> QuotesView:
        """Show the Quotes window (one per main window)."""
        window = self.window
        if self.view is None:
            from ui.quotes.view import QuotesView

            view = QuotesView(window.db_path, window)
            view.openDraft.connect(window.compose.open_draft)
            view.openMessage.connect(self._show_message)
            self.view = view
        else:
            self.view.reload()
        self.view.show()
        self.view.raise_()
        return self.view

    def _reload_view(self) -> None:
        if self.view is not None:
            self.view.reload()

    def _show_message(self, row: int) -> None:
        self.window.show_message(row)
        self.window.raise_()
        self.window.activateWindow()

    def _last_template(self) -> str:
        value = self.window.store.get_setting(LAST_TEMPLATE_KEY, "")
        return value if isinstance(value, str) else ""

    def update_last_template(self, name: str) -> None:
        """Show "Quote with NAME" (hidden while no template was used)."""
        self.quote_last_action.setData(name)
        self.quote_last_action.setText(
            QCoreApplication.translate("QuoteActions", "Quote with {0}").format(name))
        self.quote_last_action.setVisible(bool(name))

    def context_actions(self) -> list[QAction]:
        """What the message list's context menu offers for quoting."""
        actions = [self.quote_action]
        if self.quote_last_action.isVisible():
            actions.append(self.quote_last_action)
        return actions

    def _message_row(self) -> int | None:
        """The shown message, else the single selected one; None says so in the status bar."""
        window = self.window
        row = window.reader.shown_id
        if row is None:
            ids = window.selected_ids()
            row = ids[0] if len(ids) == 1 else None
        if row is None:
            window.statusBar().showMessage(QCoreApplication.translate(
                "QuoteActions", "Select the message to quote first."), 5000)
        return int(row) if row is not None else None

    def quick_quote(self) -> bool:
        """The one-click quote on the shown (else selected) message; False when there is none.
        The reply is made on the thread pool; a failure is shown in the status bar in words and
        saves nothing; no last choices (or the template is gone) opens the picker instead."""
        from ui.qt.tasks import run_in_background

        window = self.window
        row = self._message_row()
        if row is None:
            return False
        template = str(self.quote_last_action.data() or "")
        self.quote_last_action.setEnabled(False)
        window.statusBar().showMessage(QCoreApplication.translate(
            "QuoteActions", "Creating the quote reply with {0}…").format(template))

        def done(reply: QuoteReply | None) -> None:
            self.quote_last_action.setEnabled(True)
            if reply is None:
                self.open_picker(template or None)
            else:
                self._created(template, reply)

        def failed(exc: BaseException) -> None:
            self.quote_last_action.setEnabled(True)
            message = QCoreApplication.translate(
                "QuoteActions", "The quote reply was not created: {0}").format(exc)
            window.statusBar().showMessage(message, 15000)
            self.failed_text = message

        db_path = window.db_path
        from ui.quotes import jobs

        run_in_background(lambda: jobs.quick_reply(db_path, row), done, failed, owner=window)
        return True

    def open_picker(self, template: str | None = None) -> QuotePicker | None:
        """Open the picker for the shown message (else the single selected one)."""
        window = self.window
        row = self._message_row()
        if row is None:
            return None
        from ui.quotes.picker import QuotePicker

        picker = QuotePicker(window.db_path, row, window, template=template or None)
        picker.created.connect(lambda reply: self._created(picker.template_name(), reply))
        picker.finished.connect(lambda _code: picker.deleteLater())
        self.picker = picker
        picker.show()
        return picker

    def _created(self, template: str, reply: QuoteReply) -> None:
        self.update_last_template(template)
        self.window.statusBar().showMessage(
            QCoreApplication.translate(
                "QuoteActions", "Quote {0} created; edit and send the reply.").format(
                    reply.record.number), 8000)
        if reply.draft_id is not None:
            self.window.compose.open_draft(reply.draft_id)
