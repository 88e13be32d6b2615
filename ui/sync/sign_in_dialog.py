"""The "sign in again" wait for an OAuth2 account: a non-modal dialog with a Cancel button
while the browser sign-in runs on the thread pool (``SyncDriver.sign_in_again``). GUI thread.
Cancel (or closing the dialog) sets ``cancel``; the flow then stops within a moment and the
account keeps its "sign in again" state; nothing else changes."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class SignInDialog(QDialog):
    """Says the sign-in is waiting for the browser; ``cancel`` is set by Cancel/close."""

    def __init__(self, email: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.email = email
        self.cancel = threading.Event()
        self.setWindowTitle(self.tr("Sign in again: {0}").format(email))
        layout = QVBoxLayout(self)
        self.label = QLabel(self.tr(
            "Your browser opens the sign-in page for {0}.\n"
            "Finish the sign-in there; Tradewind waits up to 5 minutes.\n"
            "Nothing waiting to be sent is lost."
        ).format(email), self)
        layout.addWidget(self.label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.rejected.connect(self.cancel.set)

    def failed(self, reason: str) -> None:
        """Show why the sign-in did not work (the dialog stays until closed)."""
        self.label.setText(self.tr("The sign-in did not work:\n{0}").format(reason))
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
