"""The composer's fraud check of the recipients (issue 19): a reply that the original's Reply-To
sends to another company, or an address at a lookalike of a known correspondent's domain.

``RecipientRisk(window)`` is an orange line under the address fields, refreshed when the
prefilled fields are shown (``window.ready``) and when the rep leaves To, Cc or Bcc; the check
(``client.security.recipient_checks``) runs on the thread pool with its own Store.
``before_send(proceed)`` checks once more and calls ``proceed()`` at once when nothing is
wrong; otherwise it asks (non-blocking, *Back to the message* is the default) and proceeds
only on *Send anyway*. Nothing is changed in the message. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import getaddresses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from client.security.recipient_checks import LOOKALIKE_RECIPIENT, RecipientWarning
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.composer.window import ComposerWindow


def _check(db_path: Path, account_id: int, addresses: list[str],
           reply_to_row: int | None) -> list[RecipientWarning]:
    """Worker thread: the warnings for these recipients (its own Store)."""
    from client.security.recipient_checks import recipient_warnings
    from client.store.db import Store

    with Store.open(db_path) as store:
        return recipient_warnings(store, account_id, addresses, reply_to_row)


class RecipientRisk(QLabel):
    """See the module docstring."""

    def __init__(self, window: ComposerWindow) -> None:
        super().__init__(window)
        self.composer = window
        self.warnings: list[RecipientWarning] = []
        self.box: QMessageBox | None = None
        self.checks_done = 0
        self.setObjectName("recipientRisk")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet("color: #8a4b00; font-size: 11px;")
        self.hide()
        window.ready.connect(self.check)
        for field in (window.to_field, window.cc_field, window.bcc_field):
            field.editingFinished.connect(self.check)

    def _job(self) -> Callable[[], list[RecipientWarning]] | None:
        w = self.composer
        sender = w.current_sender()
        if sender is None:
            return None
        addresses = [a for _, a in getaddresses(
            [w.to_field.text(), w.cc_field.text(), w.bcc_field.text()]) if "@" in a]
        reply_to_row = w.base_fields.reply_to_row if w.base_fields is not None else None
        db_path, account_id = w.db_path, sender.account_id
        return lambda: _check(db_path, account_id, addresses, reply_to_row)

    def check(self, then: Callable[[list[RecipientWarning]], None] | None = None) -> None:
        """Refresh the line (thread pool); ``then(warnings)`` runs after it."""
        job = self._job()
        if job is None:
            if then is not None:
                then([])
            return

        def done(found: list[RecipientWarning]) -> None:
            self.show_warnings(found)
            if then is not None:
                then(found)

        run_in_background(job, done, lambda _exc: then([]) if then is not None else None,
                          owner=self)

    def sentence(self, warning: RecipientWarning) -> str:
        if warning.code == LOOKALIKE_RECIPIENT:
            return self.tr("{0} is at a domain that imitates {1}, a company you correspond "
                           "with.").format(warning.address, warning.detail)
        return self.tr("This reply goes to {0}, not to {1} where the original came from.").format(
            warning.address, warning.detail)

    def show_warnings(self, found: list[RecipientWarning]) -> None:
        self.warnings = list(found)
        self.checks_done += 1
        self.setText("\n".join(self.sentence(w) for w in found))
        self.setVisible(bool(found))

    def before_send(self, proceed: Callable[[], None]) -> None:
        """See the module docstring."""

        def decide(found: list[RecipientWarning]) -> None:
            if not found:
                proceed()
                return
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Check the recipients"),
                              "\n".join(self.sentence(w) for w in found) + "\n\n" + self.tr(
                                  "Fraudsters divert replies to look-alike addresses. Send "
                                  "anyway?"), QMessageBox.StandardButton.NoButton, self.composer)
            send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
            back = box.addButton(self.tr("Back to the message"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(back)
            box.setEscapeButton(back)
            self.box = box
            box.finished.connect(lambda _r: proceed() if box.clickedButton() is send else None)
            box.open()

        self.check(decide)
