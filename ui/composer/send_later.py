"""Send later in the composer: a "Send later" button beside Send with a menu: "At their 09:00"
(the next 09:00 on a working day in the first recipient's zone, one click), "Tomorrow at
09:00 (my time)" and "Choose a time…". The choice runs the same checks as Send
(`ComposeWindow.send`) and then queues the message as `scheduled`.

`SendLaterButton(window)` (GUI thread): the buyer's zone is looked up on the thread pool
(`client.customers.later.their_morning`), never on the GUI thread; `window.send_at` holds the
chosen UTC epoch until the message is queued. `queue_scheduled` is the worker thread's half
(`ui.composer.jobs.send`).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from client.compose.drafts import DraftFields
from client.compose.headers import ComposeError
from client.outgoing.message import QueuedMessage
from client.store.db import Store
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.composer.window import ComposerWindow


def queue_scheduled(store: Store, account_id: int, fields: DraftFields, with_links: bool,
                    send_at: float) -> QueuedMessage:
    """Worker thread: queue and schedule in one durable transaction; `ComposeError` in words."""
    from client.customers.later import queue_later
    from client.outgoing.pipeline import queue_message

    if with_links:
        raise ComposeError("Send later does not work with files sent as links yet: attach "
                           "them or send now.")
    if send_at <= time.time():
        raise ComposeError("That time has passed; choose a later one.")
    return queue_later(store, lambda: queue_message(store, account_id, fields), send_at)


def first_recipient(fields: DraftFields) -> str | None:
    from client.outgoing.queue_step import recipients_of

    try:
        to, cc, bcc = recipients_of(fields)
    except ComposeError:
        return None
    first = (to + cc + bcc)[:1]
    return first[0].email if first else None


class ChooseTimeDialog(QDialog):
    """A date and time in the rep's own zone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Send later"))
        self.editor = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600), self)
        self.editor.setCalendarPopup(True)
        self.editor.setMinimumDateTime(QDateTime.currentDateTime())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def chosen(self) -> float:
        return self.editor.dateTime().toSecsSinceEpoch() * 1.0


class SendLaterButton(QToolButton):
    """The button and its menu (see the module)."""

    def __init__(self, window: ComposerWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setText(self.tr("Send later"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.their_morning = self.menu_.addAction(self.tr("At their 09:00"))
        self.tomorrow = self.menu_.addAction(self.tr("Tomorrow at 09:00 (my time)"))
        self.choose = self.menu_.addAction(self.tr("Choose a time…"))
        self.setMenu(self.menu_)
        self.their_morning.triggered.connect(self.at_their_morning)
        self.tomorrow.triggered.connect(self.at_my_tomorrow)
        self.choose.triggered.connect(self.at_chosen_time)
        #: runs the time dialog and returns the chosen epoch or None (tests replace it)
        self.ask_time: Any = self._ask_time

    def _ask_time(self) -> float | None:
        dialog = ChooseTimeDialog(self)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def schedule(self, send_at: float, zone: str | None = None) -> None:
        """Send at `send_at` (UTC epoch): the composer's checks, then queued as scheduled."""
        when = QDateTime.fromSecsSinceEpoch(int(send_at)).toString("yyyy-MM-dd HH:mm")
        self._window.send_at = send_at
        if zone:
            self._window.status_label.setText(
                self.tr("Will be sent at {0} your time (09:00 in {1}).").format(when, zone))
        else:
            self._window.status_label.setText(self.tr("Will be sent at {0}.").format(when))
        self._window.send()

    def at_my_tomorrow(self) -> None:
        tomorrow = (datetime.now() + timedelta(days=1)).replace(hour=9, minute=0, second=0,
                                                                microsecond=0)
        self.schedule(tomorrow.timestamp())

    def at_chosen_time(self) -> None:
        chosen = self.ask_time()
        if chosen is not None:
            self.schedule(chosen)

    def at_their_morning(self) -> None:
        address = first_recipient(self._window.fields())
        if address is None:
            self._window.error_label.setText(self.tr("Give a recipient first."))
            self._window.error_label.show()
            return
        db_path = self._window.db_path

        def look_up() -> tuple[float, str] | None:
            from client.customers.later import their_morning

            with Store.open(db_path) as store:
                return their_morning(store, address)

        run_in_background(look_up, self._morning_found, self._morning_failed, owner=self)

    def _morning_found(self, found: tuple[float, str] | None) -> None:
        if found is None:
            self._window.error_label.setText(self.tr(
                "The time zone of {0} is not known; choose a time instead.").format(
                    first_recipient(self._window.fields()) or ""))
            self._window.error_label.show()
            return
        self.schedule(*found)

    def _morning_failed(self, exc: BaseException) -> None:
        self._window.error_label.setText(self.tr("Not scheduled: {0}").format(exc))
        self._window.error_label.show()
