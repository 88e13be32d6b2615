"""A small dialog to enter an account's password again after the server refused it.

``PasswordDialog(email, parent)``: ``password()`` after ``exec()`` returns Accepted. The caller
stores it in the keyring off the GUI thread (``SyncDriver.set_password``); the dialog keeps
nothing. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PasswordDialog(QDialog):
    """Asks for the password of ``email``; OK is enabled once something is typed."""

    def __init__(self, email: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.email = email
        self.setWindowTitle(self.tr("Password for {0}").format(email))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "The mail server refused the saved password for {0}.\n"
            "Enter the current password; it is kept in the system keyring only."
        ).format(email), self))
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.field.textChanged.connect(lambda text: ok.setEnabled(bool(text)))

    def password(self) -> str:
        return self.field.text()
