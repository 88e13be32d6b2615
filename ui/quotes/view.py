"""The Quotes window: every quote with its state, number, buyer, total, valid-until and days
left; filters open / expiring / expired / all; mark won or lost; double-click opens the
quote's draft (``openDraft(id)``) or else its inquiry (``openMessage(row)``).

``QuotesView(db_path, parent=None)`` loads in the background (``loaded`` after each load;
``reload()`` again, e.g. after a sync). "Expiring" means open and valid for at most the
reminder days (``quotes.remind_days_before``, default 3). GUI thread only.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.quotes import jobs

FILTERS = ("open", "expiring", "expired", "all")
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class QuotesView(QWidget):
    """See the module docstring."""

    loaded = Signal()
    openDraft = Signal(int)
    openMessage = Signal(int)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path = Path(db_path)
        self.rows: list[jobs.QuoteRow] = []
        self.setWindowTitle(self.tr("Quotes"))
        self.resize(900, 480)
        self.filter = QComboBox(self)
        labels = {"open": self.tr("Open"), "expiring": self.tr("Expiring soon"),
                  "expired": self.tr("Expired"), "all": self.tr("All")}
        for key in FILTERS:
            self.filter.addItem(labels[key], key)
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("State"), self.tr("Number"), self.tr("Buyer"), self.tr("Total"),
             self.tr("Valid until"), self.tr("Days left")])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.won_button = QPushButton(self.tr("Mark won"), self)
        self.lost_button = QPushButton(self.tr("Mark lost"), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:"), self))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.won_button)
        top.addWidget(self.lost_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.filter.currentIndexChanged.connect(self._fill)
        self.table.doubleClicked.connect(self._activated)
        self.won_button.clicked.connect(lambda: self.mark_selected("won"))
        self.lost_button.clicked.connect(lambda: self.mark_selected("lost"))
        self.refresh_button.clicked.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        now = time.time()
        from ui.qt.tasks import run_in_background

        run_in_background(lambda: jobs.load_quotes(self.db_path, now), self._loaded,
                          self._failed, owner=self)

    def _loaded(self, result: tuple[list[jobs.QuoteRow], jobs.ReminderSettings]) -> None:
        self.rows = result[0]
        self._fill()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The quotes could not be read: {0}").format(exc))
        self.loaded.emit()

    def _state_label(self, row: jobs.QuoteRow) -> str:
        labels = {"draft": self.tr("Draft"), "sent": self.tr("Sent"),
                  "answered": self.tr("Answered"), "won": self.tr("Won"),
                  "lost": self.tr("Lost"), "expired": self.tr("Expired")}
        label = labels.get(row.record.state, row.record.state)
        if row.expiring:
            return self.tr("{0} (expiring)").format(label)
        if row.unanswered:
            return self.tr("{0} (no answer)").format(label)
        return label

    def shown_rows(self) -> list[jobs.QuoteRow]:
        key = self.filter.currentData()
        if key == "open":
            return [r for r in self.rows if r.record.state in jobs.OPEN_STATES]
        if key == "expiring":
            return [r for r in self.rows if r.expiring]
        if key == "expired":
            return [r for r in self.rows if r.record.state == "expired"]
        return list(self.rows)

    def _fill(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        shown = self.shown_rows()
        for row in shown:
            rec = row.record
            buyer = rec.buyer_name or rec.buyer_email
            if rec.buyer_name and rec.buyer_email:
                buyer = f"{rec.buyer_name} <{rec.buyer_email}>"
            left = "" if row.days_left is None else str(row.days_left)
            cells = [QStandardItem(v) for v in (
                self._state_label(row), rec.number, buyer, row.total_text,
                rec.valid_until.isoformat() if rec.valid_until else "", left)]
            cells[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells[5].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for cell in cells:
                cell.setData(rec.number, NUMBER_ROLE)
            self.model.appendRow(cells)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.status.setText(self.tr("{0} of {1} quotes shown").format(len(shown), len(self.rows)))

    def row_for(self, number: str) -> jobs.QuoteRow | None:
        return next((r for r in self.rows if r.record.number == number), None)

    def selected_number(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(NUMBER_ROLE)) if index.isValid() else ""

    def mark_selected(self, state: str) -> None:
        number = self.selected_number()
        if not number:
            self.status.setText(self.tr("Select a quote first."))
            return
        from ui.qt.tasks import run_in_background

        run_in_background(lambda: jobs.mark_quote(self.db_path, number, state),
                          lambda _rec: self.reload(), self._failed, owner=self)

    def _activated(self, index: QModelIndex) -> None:
        row = self.row_for(str(index.data(NUMBER_ROLE)))
        if row is None:
            return
        rec = row.record
        if rec.draft_id is not None and rec.state == "draft":
            self.openDraft.emit(rec.draft_id)
        elif rec.inquiry_row is not None:
            self.openMessage.emit(rec.inquiry_row)
        else:
            self.status.setText(self.tr("Quote {0} has no draft or message here.").format(
                rec.number))
