"""Follow-up notifications: a desktop notification when a reminder falls due.

`FollowupNotifier(db_path, tray)`: `check()` (at start, every `INTERVAL_MS` and after each
account's sync) runs `jobs.due_now` off the GUI thread: reminders are refreshed from the cache
(the buyer's answers clear theirs), then each reminder that fell due and was not announced
yet is announced once: a tray notification unless do-not-disturb is on (the everyday
notifications' setting) or there is no system tray; one that fell due while the app was
closed says so. `announced(list[(FollowupRow, missed)], quiet)` is emitted for the status
bar. GUI thread only.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from ui.followups import jobs
from ui.followups.jobs import Announcement, FollowupRow
from ui.qt.tasks import run_in_background

INTERVAL_MS = 60_000


class FollowupNotifier(QObject):
    """See the module docstring."""

    announced = Signal(object, bool)  # list[tuple[FollowupRow, bool]], quiet

    def __init__(self, db_path: Path, tray: Any = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.tray = Path(db_path), tray
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self, *_args: object) -> None:
        if self._busy:
            return
        self._busy = True
        now = time.time()
        run_in_background(lambda: jobs.due_now(self.db_path, now), self._show, self._failed,
                          owner=self)

    def _failed(self, _exc: BaseException) -> None:
        self._busy = False  # tried again at the next tick

    def message(self, row: FollowupRow, missed: bool) -> tuple[str, str]:
        """The notification's title and text."""
        f = row.followup
        if f.quote_number:
            title = self.tr("Follow up quote {0} with {1}").format(f.quote_number, row.customer)
        else:
            title = self.tr("Follow up with {0}").format(row.customer)
        body = self.tr("No answer for {0} working days: {1}").format(row.days_waiting,
                                                                    f.subject)
        if missed:
            body = self.tr("{0} (fell due while Tradewind was closed)").format(body)
        return title, body

    def _show(self, news: Announcement) -> None:
        self._busy = False
        tray = self.tray
        if (not news.quiet and tray is not None
                and QSystemTrayIcon.isSystemTrayAvailable()):
            for row, missed in news.fired:
                title, body = self.message(row, missed)
                tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 10000)
        if news.fired:
            self.announced.emit(news.fired, news.quiet)
