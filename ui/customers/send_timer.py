"""Send later in the running app: scheduled messages go out at their time, not only with the
next sync.

`ScheduledSender(window)` checks every `INTERVAL_MS` (and once at start, so a time missed while
the app was closed sends at the next start) on the thread pool: for each account with a
`scheduled` message whose time came, an automatic outbox flush (`client.jobs.after_sync.
flush_account`, which first releases what is due; backoff kept) with the account's stored
secret. `sent(list[str])` carries one sentence per message sent, in the app's language (a late one
says so); the main window's status bar shows them. GUI thread; never blocks it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

INTERVAL_MS = 30_000


def flush_due(db_path: Path, now: float | None = None) -> list[tuple[int, int]]:
    """Worker thread: flush every account that has a scheduled message due; returns
    (outbox id, minutes late; 0 when on time) per message sent."""
    from client.jobs.after_sync import flush_account
    from client.oauth.credentials import secret_or_none
    from client.smtp.outbox import Outbox
    from client.store.db import Store

    at = time.time() if now is None else now
    said: list[tuple[int, int]] = []
    with Store.open(db_path) as store:
        box = Outbox(store)
        for account in store.list_accounts():
            first = box.next_scheduled(account.id)
            if first is None or first > at or account.preset == "demo":
                continue
            password = secret_or_none(account, store)
            if password is None:
                continue  # no stored secret: the next sync with a login sends it
            report = flush_account(store, account, password, now=at)
            for item_id in report.sent:
                late = 0
                if item_id in report.late:
                    item = box.get(item_id)
                    late = max(1, round(((item.sent_at or at) - (item.send_at or at)) / 60))
                said.append((item_id, late))
    return said


class ScheduledSender(QObject):
    """See the module."""

    sent = Signal(list)
    checked = Signal()  # one check ended (tests wait on it)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> None:
        if self._busy:
            return
        self._busy = True
        db = self.db_path
        run_in_background(lambda: flush_due(db), self._done, self._failed, owner=self)

    def _done(self, done: list[tuple[int, int]]) -> None:
        self._busy = False
        said = [self.tr("Scheduled message {0} sent.").format(item_id) if not late else
                self.tr("Scheduled message {0} sent now, {1} min late: Tradewind was not "
                        "running at its time.").format(item_id, late)
                for item_id, late in done]
        if said:
            self.sent.emit(said)
        self.checked.emit()

    def _failed(self, _exc: BaseException) -> None:  # the next check (or sync) tries again
        self._busy = False
        self.checked.emit()


def connect_scheduled_sender(window: MainWindow) -> ScheduledSender:
    """Start the sender for the main window (a child of it; ``CustomersControls.scheduled``
    keeps it); its sentences go to the status bar."""
    sender = ScheduledSender(window.db_path, window)
    sender.sent.connect(lambda said: window.statusBar().showMessage(" ".join(said), 15000))
    sender.start()
    return sender
