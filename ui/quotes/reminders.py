"""Quote reminders: a tray notification once per quote and reason.

``QuoteReminders(db_path, tray)``: ``check()`` (on start and after each sync job) asks
``jobs.new_reminders`` off the GUI thread for quotes whose validity ends within
``quotes.remind_days_before`` days (default 3) or that had no answer for
``quotes.remind_days_unanswered`` days (default 5) and were not reminded of yet, shows one
notification each through ``tray`` (a ``QSystemTrayIcon``; nothing without a system tray) and
emits ``reminded(list[Reminder])``. GUI thread only.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from client import money
from client.quotes.records import Reminder
from ui.qt.tasks import run_in_background


class QuoteReminders(QObject):
    """See the module docstring."""

    reminded = Signal(object)  # list[Reminder]

    def __init__(self, db_path: Path, tray: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.tray = Path(db_path), tray
        self._busy = False

    def check(self, *_args: object) -> None:
        if self._busy:
            return
        self._busy = True
        now = time.time()
        run_in_background(lambda: _new_reminders(self.db_path, now), self._show,
                          self._failed, owner=self)

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False  # tried again at the next sync

    def message(self, reminder: Reminder) -> tuple[str, str]:
        """The notification's title and text."""
        quote = reminder.quote
        if reminder.reason == "expires-soon":
            title = self.tr("Quote {0} expires on {1}").format(
                quote.number, quote.valid_until.isoformat() if quote.valid_until else "")
        else:
            title = self.tr("Quote {0} has had no answer").format(quote.number)
        body = self.tr("{0}, {1}: follow up with the buyer.").format(
            quote.buyer_name or quote.buyer_email,
            money.format_money(quote.total, quote.currency, quote.lang))
        return title, body

    def _show(self, reminders: list[Reminder]) -> None:
        self._busy = False
        tray = self.tray
        if tray is not None and QSystemTrayIcon.isSystemTrayAvailable():
            for reminder in reminders:
                title, body = self.message(reminder)
                tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10000)
        if reminders:
            self.reminded.emit(reminders)


def _new_reminders(db_path: Path, now: float) -> Any:
    """Worker thread: ``ui.quotes.jobs.new_reminders`` (the quote machinery loads here, off
    the app's start)."""
    from ui.quotes import jobs

    return jobs.new_reminders(db_path, now)
