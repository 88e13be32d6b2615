"""The trusted authserv-id of the account selected in Settings → Accounts (issue 19, B5/I4).

``AuthservBox(db_path, account_list, parent)`` follows the current item of the Accounts tab's
list (its ``UserRole`` data is the account's address): it shows the stored value, or an empty
field with the default (the IMAP host's registrable domain) as placeholder and beside it. Only
the ``Authentication-Results`` header added by the server of that name is trusted by the fraud
guard. ``save()`` checks the typed value with ``client.security.risk_store.check_authserv_id``
(the reason in words beside the field when refused; nothing stored) and stores it in the
background; "Use the default" clears it. ``check()`` tells the dialog whether an edited value
can be saved. Loads and writes open their own ``Store`` on the thread pool; the widget is GUI
thread only. ``loaded`` / ``stored`` are emitted when a load or a write finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.security import risk_store
from client.security.auth_results import default_authserv_id
from client.store.db import Store
from ui.qt.tasks import run_in_background
from ui.settings.links_tab import problem_label


@dataclass(frozen=True)
class AuthservValue:
    """An account's stored authserv-id ("" for the default) and its default."""

    email: str
    stored: str
    default: str


def load_value(db_path: Path, email: str) -> AuthservValue:
    """Read one account's value (worker thread). LookupError when the account is gone."""
    with Store.open(db_path) as store:
        account = store.get_account(email)
        if account is None:
            raise LookupError(email)
        return AuthservValue(email, risk_store.authserv_id(store, account.id) or "",
                             default_authserv_id(account.imap_host))


def store_value(db_path: Path, email: str, value: str) -> AuthservValue:
    """Store (or, with "", reset) one account's value (worker thread); ValueError in words."""
    with Store.open(db_path) as store:
        account = store.get_account(email)
        if account is None:
            raise LookupError(email)
        risk_store.set_authserv_id(store, account.id, value)
    return load_value(db_path, email)


class AuthservBox(QGroupBox):
    """See the module docstring."""

    loaded = Signal()
    stored = Signal()

    def __init__(self, db_path: Path, accounts: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.current: AuthservValue | None = None
        self.setTitle(self.tr("Trusted mail server (fraud warnings)"))
        note = QLabel(self.tr("Only the authentication results added by this server "
                              "(its authserv-id) are believed; any a sender adds are ignored."),
                      self)
        note.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.default_label = QLabel(self)
        self.default_label.setTextFormat(Qt.TextFormat.PlainText)
        self.default_label.setWordWrap(True)
        self.problem = problem_label(self)
        self.status = QLabel(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.default_button = QPushButton(self.tr("Use the default"), self)
        self.save_button.clicked.connect(self.save)
        self.edit.returnPressed.connect(self.save)
        self.default_button.clicked.connect(self.use_default)
        self.edit.textEdited.connect(lambda _text: self.status.clear())
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.default_label)
        layout.addWidget(self.problem)
        layout.addWidget(self.status)
        self.setEnabled(False)
        self._accounts = accounts
        accounts.currentItemChanged.connect(self._selected)
        accounts.model().rowsInserted.connect(self._first_row)

    def _first_row(self, *_args: object) -> None:
        if self._accounts.currentItem() is None and self._accounts.count():
            self._accounts.setCurrentRow(0)

    def _selected(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self.problem.hide()
        self.status.clear()
        email = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not email:
            self.current = None
            self.setEnabled(False)
            return
        db_path = self.db_path
        run_in_background(lambda: load_value(db_path, str(email)), self._show, self._failed,
                          owner=self)

    def _show(self, value: AuthservValue) -> None:
        item = self._accounts.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) != value.email:
            return  # an earlier selection's value, read after a later one's: not this account
        self.current = value
        self.setEnabled(True)
        self.edit.setText(value.stored)
        self.edit.setPlaceholderText(value.default)
        self.default_label.setText(self.tr("Default: {0} (the domain of the account's IMAP "
                                           "server)").format(value.default))
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(str(exc) if isinstance(exc, ValueError)
                             else self.tr("The setting could not be read or saved."))
        self.problem.show()

    def changed(self) -> bool:
        """True when the field differs from what is stored."""
        return self.current is not None and self.edit.text().strip() != self.current.stored

    def check(self) -> bool:
        """True when the field is empty or a server name; else the reason is shown."""
        try:
            risk_store.check_authserv_id(self.edit.text())
        except ValueError as exc:
            self._failed(exc)
            return False
        self.problem.hide()
        return True

    def save(self) -> None:
        """Store the typed value (checked first; nothing stored when refused)."""
        if self.current is None or not self.check():
            return
        db_path, email, typed = self.db_path, self.current.email, self.edit.text()
        run_in_background(lambda: store_value(db_path, email, typed), self._saved,
                          self._failed, owner=self)

    def save_if_changed(self) -> None:
        if self.changed():
            self.save()

    def use_default(self) -> None:
        self.edit.clear()
        self.save()

    def _saved(self, value: AuthservValue) -> None:
        self._show(value)
        self.status.setText(self.tr("Saved: Authentication-Results from {0} are trusted.")
                            .format(value.stored or value.default))
        self.stored.emit()
