"""The customers window: every buyer built from the mail, with their history.

Left, the list (name, kind, country, stage; likely duplicates are marked); right, the chosen
customer: editable fields (company name, country, time zone, stage, owner, phone, notes; Save),
first contact, last inbound and outbound dates, open quotes, every thread (double-click opens
its newest message in the main window: `openMessage(row)`), quotes and meetings. Select two
customers and "Merge" keeps the first. All store work runs on the thread pool (`jobs`);
errors are shown in words and nothing is lost. GUI thread only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.customers.records import STAGES, Customer, Duplicate
from client.customers.view import CustomerView
from ui.customers import jobs
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


def _day(epoch: float | None) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d") if epoch else "–"


class CustomersWindow(QWidget):
    """See the module."""

    openMessage = Signal(int)
    loaded = Signal()  # the list is shown (tests wait on it)
    viewShown = Signal()

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path = db_path
        self.setWindowTitle(self.tr("Customers"))
        self.resize(1000, 640)
        self.customers: list[Customer] = []
        self.view: CustomerView | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Kind"), self.tr("Country"), self.tr("Stage")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.merge_button = QPushButton(self.tr("Merge"), self)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_selected)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        self.name_field = QLineEdit(self)
        self.country_field = QLineEdit(self)
        self.country_field.setMaxLength(2)
        self.zone_field = QLineEdit(self)
        self.zone_field.setPlaceholderText("Europe/Berlin")
        self.stage_field = QComboBox(self)
        stage_words = {"lead": self.tr("Lead"), "prospect": self.tr("Prospect"),
                       "customer": self.tr("Customer"), "lost": self.tr("Lost")}
        for stage in STAGES:
            self.stage_field.addItem(stage_words[stage], stage)
        self.owner_field = QLineEdit(self)
        self.phone_field = QLineEdit(self)
        self.notes_field = QPlainTextEdit(self)
        self.notes_field.setMaximumHeight(80)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.dates = QLabel(self)
        self.dates.setTextFormat(Qt.TextFormat.PlainText)
        self.dates.setWordWrap(True)
        self.threads = QListWidget(self)
        self.threads.itemDoubleClicked.connect(self._open_thread)
        self.quotes = QListWidget(self)
        self.meetings = QListWidget(self)

        form = QFormLayout()
        form.addRow(self.tr("Company name:"), self.name_field)
        form.addRow(self.tr("Country:"), self.country_field)
        form.addRow(self.tr("Time zone:"), self.zone_field)
        form.addRow(self.tr("Stage:"), self.stage_field)
        form.addRow(self.tr("Owner:"), self.owner_field)
        form.addRow(self.tr("Phone:"), self.phone_field)
        form.addRow(self.tr("Notes:"), self.notes_field)
        details = QWidget(self)
        right = QVBoxLayout(details)
        right.addLayout(form)
        right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.dates)
        right.addWidget(QLabel(self.tr("Threads"), self))
        right.addWidget(self.threads, 2)
        lists = QHBoxLayout()
        for title, widget in ((self.tr("Quotes"), self.quotes),
                              (self.tr("Meetings"), self.meetings)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title, self))
            column.addWidget(widget)
            lists.addLayout(column)
        right.addLayout(lists, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.merge_button)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(details)
        splitter.setSizes([420, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self.reload()

    # -- the list ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Build from new mail and list again (thread pool)."""
        db = self.db_path
        run_in_background(lambda: jobs.load_list(db), self._listed, self._failed, owner=self)

    def _listed(self, result: tuple[list[Customer], list[Duplicate]]) -> None:
        customers, duplicates = result
        chosen = self.view.customer.id if self.view is not None else None
        doubtful = {d.first for d in duplicates} | {d.second for d in duplicates}
        lookalike = {i for d in duplicates if d.reason == "lookalike domain"
                     for i in (d.first, d.second)}
        self.customers = customers
        kinds = {"company": self.tr("Company"), "contact": self.tr("Contact")}
        stages = {self.stage_field.itemData(i): self.stage_field.itemText(i)
                  for i in range(self.stage_field.count())}
        self.table.blockSignals(True)
        self.table.setRowCount(len(customers))
        for row, customer in enumerate(customers):
            name = customer.name + (" *" if customer.id in doubtful else "")
            for column, text in enumerate((name, kinds[customer.kind], customer.country or "",
                                           stages[customer.stage])):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, customer.id)
                if column == 0 and customer.id in lookalike:
                    item.setToolTip(self.tr("Its domain looks like another customer's: it may "
                                            "be an impostor. Check before merging."))
                elif column == 0 and customer.id in doubtful:
                    item.setToolTip(self.tr("May be the same buyer as another customer"))
                self.table.setItem(row, column, item)
            if customer.id == chosen:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("{0} customers; * may be duplicates.").format(len(customers))
                            if doubtful else self.tr("{0} customers.").format(len(customers)))
        self.loaded.emit()

    def _selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.customers[r].id for r in rows if r < len(self.customers)]

    def select_customer(self, customer_id: int) -> None:
        for row, customer in enumerate(self.customers):
            if customer.id == customer_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        ids = self._selected_ids()
        self.merge_button.setEnabled(len(ids) == 2)
        if len(ids) == 1:
            db, cid = self.db_path, ids[0]
            run_in_background(lambda: jobs.load_view(db, cid), self._show_view, self._failed,
                              owner=self)

    # -- one customer -----------------------------------------------------------------------
    def _show_view(self, view: CustomerView) -> None:
        self.view = view
        c = view.customer
        self.name_field.setText(c.name)
        self.country_field.setText(c.country or "")
        self.zone_field.setText(c.zone or "")
        self.stage_field.setCurrentIndex(max(0, self.stage_field.findData(c.stage)))
        self.owner_field.setText(c.owner)
        self.phone_field.setText(c.phone)
        self.notes_field.setPlainText(c.notes)
        self.save_button.setEnabled(True)
        self.dates.setText(self.tr(
            "{0} messages · first contact {1} · last from them {2} · last from you {3} · "
            "open quotes: {4}").format(
                view.messages, _day(view.first_contact), _day(view.last_inbound),
                _day(view.last_outbound), ", ".join(q.number for q in view.open_quotes) or "–"))
        self.threads.clear()
        for thread in view.threads:
            item = QListWidgetItem(f"{_day(thread.last_date)}  ({thread.messages})  "
                                   f"{thread.subject or self.tr('(no subject)')}")
            item.setData(Qt.ItemDataRole.UserRole, thread.last_row)
            self.threads.addItem(item)
        self.quotes.clear()
        for quote in view.quotes:
            self.quotes.addItem(f"{quote.number}  {quote.state}  {quote.currency} {quote.total}")
        self.meetings.clear()
        for meeting in view.meetings:
            self.meetings.addItem(f"{meeting.start_utc[:16]}  {meeting.summary}")
        self.viewShown.emit()

    def _open_thread(self, item: QListWidgetItem) -> None:
        self.openMessage.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def save(self) -> None:
        if self.view is None:
            return
        fields = {"name": self.name_field.text(), "country": self.country_field.text(),
                  "zone": self.zone_field.text(), "stage": str(self.stage_field.currentData()),
                  "owner": self.owner_field.text(), "phone": self.phone_field.text(),
                  "notes": self.notes_field.toPlainText()}
        db, cid = self.db_path, self.view.customer.id
        self.save_button.setEnabled(False)
        run_in_background(lambda: jobs.save(db, cid, fields), self._saved, self._failed,
                          owner=self)

    def _saved(self, customer: Customer) -> None:
        self.status.setText(self.tr("Saved {0}.").format(customer.name))
        self.reload()
        self._selection_changed()

    def merge_selected(self) -> None:
        ids = self._selected_ids()
        if len(ids) != 2:
            return
        db = self.db_path
        run_in_background(lambda: jobs.merge(db, ids[0], ids[1]), self._merged, self._failed,
                          owner=self)

    def _merged(self, customer: Customer) -> None:
        self.status.setText(self.tr("Merged into {0}.").format(customer.name))
        self.view = None
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.view is not None)
        self.status.setText(self.tr("Not done: {0}").format(exc))


class CustomersControls(QObject):
    """View → Customers… on the main window (``window.customers``); a thread opens in the main
    window. Also starts the send-later timer (``ui.customers.send_timer``) and adds View →
    Their time column (``ui.customers.time_column``). GUI thread only."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QAction

        from ui.customers.send_timer import connect_scheduled_sender
        from ui.customers.time_column import connect_time_column

        super().__init__(window)
        self.window = window
        self.view: CustomersWindow | None = None
        self.action = QAction(QCoreApplication.translate("CustomersActions", "Customers…"),
                              window)
        self.action.setStatusTip(QCoreApplication.translate(
            "CustomersActions",
            "Buyers built from your mail, with every thread, quote and meeting"))
        self.action.triggered.connect(self.open_window)
        self.scheduled = connect_scheduled_sender(window)  # send later while the app runs
        #: View → Their time column (optional, off by default) and the column's texts
        self.their_time_action, self.their_time_column = connect_time_column(window)
        window.view_menu.addAction(self.action)

    def open_window(self) -> CustomersWindow:
        """Show the customers window (one per main window)."""
        if self.view is None:
            view = CustomersWindow(self.window.db_path, self.window)
            view.openMessage.connect(self.window.show_message)
            self.view = view
        else:
            self.view.reload()
        self.view.show()
        self.view.raise_()
        return self.view
