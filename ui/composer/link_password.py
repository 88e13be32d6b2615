"""The composer's link password and company-policy notes for files sent as links (issue 14).

`LinkPasswordBox` (object name `linkPassword`): a checkbox "Protect the links with a
password"; checking it generates a password (`client.uploads.share_password.generate`,
pure) and shows it once, selectable, with a choice of where it goes (to the recipients
separately, or in the message). `set_rules(required=, allowed=)` follows the company policy:
required checks and locks it, not allowed hides it. `choice() -> (password | None, place)` is
what the Send queues; the password is not kept in the draft. GUI thread only; no I/O.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from client.uploads.share_password import generate


class LinkPasswordBox(QFrame):
    """See the module. Hidden until `show_for(has_links=True)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkPassword")
        self.check = QCheckBox(self.tr("Protect the links with a password"), self)
        self.password_field = QLineEdit(self)
        self.password_field.setReadOnly(True)
        self.password_field.setObjectName("linkPasswordValue")
        self.place_box = QComboBox(self)
        self.place_box.addItem(self.tr("I send the password to the recipients separately"),
                               "separate")
        self.place_box.addItem(self.tr("Put the password in the message"), "body")
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.check)
        row.addWidget(self.password_field, 1)
        row.addWidget(self.place_box)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.note)
        self.check.toggled.connect(self._toggled)
        self._allowed = True
        self._toggled(False)
        self.hide()

    def set_rules(self, *, required: bool, allowed: bool) -> None:
        """The company policy's password rule for links."""
        self._allowed = allowed
        if required:
            self.check.setChecked(True)
        self.check.setEnabled(allowed and not required)
        self.note.setText(self.tr("Your company requires a password on shared links.")
                          if required else "")
        self.note.setVisible(required)

    def show_for(self, has_links: bool) -> None:
        self.setVisible(has_links and self._allowed)

    def _toggled(self, on: bool) -> None:
        if on and not self.password_field.text():
            self.password_field.setText(generate())
        if not on:
            self.password_field.clear()
        self.password_field.setVisible(on)
        self.place_box.setVisible(on)

    def choice(self) -> tuple[str | None, str]:
        """(the password or None, where it goes: "separate" or "body")."""
        password = self.password_field.text() if self.check.isChecked() and self._allowed \
            else None
        return password or None, str(self.place_box.currentData())
