"""The follow-ups window: reminders due and coming, and what to do about each.

A table (customer, subject of the thread, quote, due in the rep's time, working days waiting,
state; due ones in bold), and buttons for the chosen reminder: Open thread (`openMessage(row)`:
the buyer's message in the main window), Write follow-up (the suggested template as a draft:
`openDraft(draft_id)`, the main window opens it in the composer), Snooze (+1 or +3 of the
buyer's working days, or until a chosen time), Done, Dismiss. Store work runs on the thread
pool (`ui.followups.jobs`); refusals are shown in words and change nothing. GUI thread only.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.followups.suggest import SuggestedDraft
from ui.composer.send_later import ChooseTimeDialog
from ui.followups import jobs
from ui.followups.jobs import FollowupRow
from ui.qt.tasks import run_in_background


class UntilDialog(ChooseTimeDialog):
    """Pick the date and time a reminder comes back (the rep's local time; the composer's
    send-later picker with its own title)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze until"))
        self.editor.setDateTime(QDateTime.currentDateTime().addDays(1))


class FollowupsWindow(QWidget):
    """See the module."""

    openMessage = Signal(int)
    openDraft = Signal(int)
    loaded = Signal()  # the table is shown (tests wait on it)
    changed = Signal()  # a snooze / done / dismiss / draft went through

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path = db_path
        self.rows: list[FollowupRow] = []
        self.setWindowTitle(self.tr("Follow-ups"))
        self.resize(960, 520)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Customer"), self.tr("Conversation"), self.tr("Quote"), self.tr("Due"),
            self.tr("Working days waiting"), self.tr("State")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.open_thread())
        self.open_button = QPushButton(self.tr("Open thread"), self)
        self.write_button = QPushButton(self.tr("Write follow-up"), self)
        self.snooze_button = QPushButton(self.tr("Snooze"), self)
        self.done_button = QPushButton(self.tr("Done"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        menu = QMenu(self.snooze_button)
        self.snooze_one = QAction(self.tr("1 working day"), menu)
        self.snooze_three = QAction(self.tr("3 working days"), menu)
        self.snooze_until = QAction(self.tr("Until…"), menu)
        for action in (self.snooze_one, self.snooze_three, self.snooze_until):
            menu.addAction(action)
        self.snooze_one.triggered.connect(lambda: self.snooze(days=1))
        self.snooze_three.triggered.connect(lambda: self.snooze(days=3))
        self.snooze_until.triggered.connect(self._ask_until)
        self.snooze_button.setMenu(menu)
        self.open_button.clicked.connect(self.open_thread)
        self.write_button.clicked.connect(self.write_followup)
        self.done_button.clicked.connect(lambda: self.close_chosen("done"))
        self.dismiss_button.clicked.connect(lambda: self.close_chosen("dismissed"))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.write_button, self.snooze_button,
                       self.done_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._selection_changed()
        self.reload()

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        now = time.time()
        run_in_background(lambda: jobs.load(self.db_path, now), self._show, self._failed,
                          owner=self)

    def _state_text(self, row: FollowupRow, now: float) -> str:
        if row.followup.is_due(now):
            return self.tr("Due")
        if row.followup.state == "snoozed":
            return self.tr("Snoozed")
        return self.tr("Waiting")

    def _show(self, rows: list[FollowupRow]) -> None:
        now = time.time()
        chosen = self.chosen()
        self.rows = rows
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for index, row in enumerate(rows):
            f = row.followup
            due = datetime.fromtimestamp(f.due_at).strftime("%Y-%m-%d %H:%M")
            cells = (row.customer, f.subject, f.quote_number or "", due,
                     str(row.days_waiting), self._state_text(row, now))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if f.is_due(now):
                    item.setFont(bold)
                self.table.setItem(index, column, item)
            if chosen is not None and f.id == chosen.followup.id:
                self.table.selectRow(index)
        self.table.resizeColumnsToContents()
        due_count = sum(1 for r in rows if r.followup.is_due(now))
        self.status.setText(self.tr("{0} due, {1} waiting for an answer.").format(
            due_count, len(rows) - due_count) if rows else self.tr("No follow-ups: every quote and "
                                                       "reply has been answered."))
        self._selection_changed()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))

    # -- the chosen reminder ---------------------------------------------------------------
    def chosen(self) -> FollowupRow | None:
        picked = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not picked or picked[0].row() >= len(self.rows):
            return None
        return self.rows[picked[0].row()]

    def select(self, followup_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.followup.id == followup_id:
                self.table.selectRow(index)

    def _selection_changed(self) -> None:
        row = self.chosen()
        has = row is not None
        for button in (self.snooze_button, self.done_button, self.dismiss_button):
            button.setEnabled(has)
        answerable = has and row is not None and row.followup.reply_row is not None
        self.open_button.setEnabled(answerable)
        self.write_button.setEnabled(answerable)

    def open_thread(self) -> None:
        row = self.chosen()
        if row is not None and row.followup.reply_row is not None:
            self.openMessage.emit(row.followup.reply_row)

    def write_followup(self) -> None:
        row = self.chosen()
        if row is None:
            return
        fid = row.followup.id
        self.status.setText(self.tr("Preparing the follow-up…"))
        run_in_background(lambda: jobs.draft(self.db_path, fid), self._drafted, self._failed,
                          owner=self)

    def _drafted(self, made: SuggestedDraft) -> None:
        draft_id = made.draft_id
        self.status.setText(self.tr("The follow-up is ready in the composer."))
        self.openDraft.emit(draft_id)
        self.changed.emit()

    def _ask_until(self) -> None:
        dialog = UntilDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.snooze(until=dialog.chosen())

    def snooze(self, *, days: int | None = None, until: float | None = None) -> None:
        row = self.chosen()
        if row is None:
            return
        fid, now = row.followup.id, time.time()
        run_in_background(lambda: jobs.snooze(self.db_path, fid, days=days, until=until,
                                              now=now), self._done, self._failed, owner=self)

    def close_chosen(self, state: str) -> None:
        row = self.chosen()
        if row is None:
            return
        fid = row.followup.id
        run_in_background(lambda: jobs.close(self.db_path, fid, state), self._done,
                          self._failed, owner=self)

    def _done(self, _result: object) -> None:
        self.changed.emit()
        self.reload()
