"""The known bank details of a customer's company, seen and edited from a message (issue 19).

``BankDetailsDialog(db_path, row, parent)`` lists the confirmed details of the registrable
domain of ``row``'s sender (``client.security.risk_store``) and those found in the message,
with "Confirm the details of this message" (after checking them by phone), "Remove" for a
selected known one, and a kind + value row to add one typed in (an IBAN or BIC must validate;
a refused value is said in words under the row and nothing is stored). Reads and writes run on the thread pool; ``changed`` fires after a write.
GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.security.lookalike import domain_of
from client.store.records import MessageRow
from ui.qt.tasks import run_in_background


def _load(db_path: Path, row: MessageRow) -> tuple[list[Any], list[Any]]:
    """Worker thread: (known details of the domain, details found in the message)."""
    from client.security import risk_store
    from client.security.assess import details_of_row
    from client.store.db import Store

    with Store.open(db_path) as store:
        known = risk_store.known_details(store, domain_of(row.from_email))
        try:
            found = details_of_row(store, row)
        except KeyError:
            found = []
    return known, found


def _confirm(db_path: Path, row: MessageRow) -> None:
    from client.security import risk_store
    from client.security.assess import details_of_row
    from client.store.db import Store

    with Store.open(db_path) as store:
        for detail in details_of_row(store, row):
            risk_store.add_detail(store, row.from_email, detail,
                                  source=f"message {row.message_id or row.id}")


def _add(db_path: Path, row: MessageRow, kind: str, value: str) -> None:
    """Worker thread: remember a typed detail; ValueError (in words) if it does not validate."""
    from client.security import risk_store
    from client.store.db import Store

    detail = risk_store.parse_detail(kind, value)
    with Store.open(db_path) as store:
        risk_store.add_detail(store, row.from_email, detail, source="typed")


def _remove(db_path: Path, detail_id: int) -> None:
    from client.security import risk_store
    from client.store.db import Store

    with Store.open(db_path) as store:
        risk_store.remove_detail(store, detail_id)


class BankDetailsDialog(QDialog):
    """See the module docstring."""

    changed = Signal()

    def __init__(self, db_path: Path, row: MessageRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.row = db_path, row
        self.setWindowTitle(self.tr("Known bank details of {0}").format(domain_of(row.from_email)))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Confirmed for this company:"), self))
        self.known = QListWidget(self)
        layout.addWidget(self.known)
        layout.addWidget(QLabel(self.tr("In this message:"), self))
        self.found = QListWidget(self)
        layout.addWidget(self.found)
        note = QLabel(self.tr("Confirm new details only after you checked them by phone with a "
                              "number you already have."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.confirm_button = QPushButton(self.tr("Confirm the details of this message"), self)
        self.remove_button = QPushButton(self.tr("Remove selected"), self)
        self.confirm_button.clicked.connect(self._confirm_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        layout.addWidget(self.confirm_button)
        layout.addWidget(self.remove_button)
        add_row = QHBoxLayout()
        self.kind_box = QComboBox(self)
        for kind, label in (("iban", "IBAN"), ("bic", "SWIFT/BIC"),
                            ("account", self.tr("Account number")),
                            ("beneficiary", self.tr("Beneficiary"))):
            self.kind_box.addItem(label, kind)
        self.value_field = QLineEdit(self)
        self.value_field.setPlaceholderText(self.tr("Value confirmed by phone"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self._add_clicked)
        for widget in (self.kind_box, self.value_field, self.add_button):
            add_row.addWidget(widget)
        layout.addLayout(add_row)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.loaded = False
        self.reload()

    def reload(self) -> None:
        """Read both lists again (thread pool)."""
        db_path, row = self.db_path, self.row
        run_in_background(lambda: _load(db_path, row), self._fill, None, owner=self)

    def _fill(self, result: tuple[list[Any], list[Any]]) -> None:
        known, found = result
        self.known.clear()
        self.found.clear()
        for detail in known:
            item = QListWidgetItem(f"{detail.kind.upper()}  {detail.masked}  ({detail.source})")
            item.setData(Qt.ItemDataRole.UserRole, detail.id)
            self.known.addItem(item)
        for detail in found:
            self.found.addItem(f"{detail.kind.upper()}  {detail.masked}")
        self.confirm_button.setEnabled(bool(found))
        self.loaded = True

    def _after_write(self, _result: object) -> None:
        self.changed.emit()
        self.reload()

    def _confirm_clicked(self) -> None:
        db_path, row = self.db_path, self.row
        self.loaded = False
        run_in_background(lambda: _confirm(db_path, row), self._after_write, None, owner=self)

    def _add_clicked(self) -> None:
        kind, value = str(self.kind_box.currentData()), self.value_field.text()
        db_path, row = self.db_path, self.row

        def failed(exc: BaseException) -> None:
            self.error.setText(str(exc))
            self.error.show()
            self.loaded = True

        def added(result: object) -> None:
            self.error.hide()
            self.value_field.clear()
            self._after_write(result)

        self.loaded = False
        run_in_background(lambda: _add(db_path, row, kind, value), added, failed, owner=self)

    def _remove_clicked(self) -> None:
        item = self.known.currentItem()
        if item is None:
            return
        detail_id = int(item.data(Qt.ItemDataRole.UserRole))
        db_path = self.db_path
        self.loaded = False
        run_in_background(lambda: _remove(db_path, detail_id), self._after_write, None,
                          owner=self)
