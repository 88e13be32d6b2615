"""The composer's checks before sending: the findings of ``client.compose.checks`` in words.

``run_checks(db_path, account_id, fields, link_files)`` is the worker-thread side (its own
``Store``); ``switch_off(db_path, codes)`` stores "don't ask again". ``PreSendDialog(findings,
can_link, parent)`` lists each finding in the UI language with *Send anyway*, *Send the big
files as links* (only when a finding is about size and the files can go as links) and *Back
to the message* (the default: Enter or Esc never sends); the *Don't ask again for these
checks* box switches the shown checks off (also in Settings → Composer). It is opened with
``open()`` (non-blocking) and says the rep's answer through ``answered(str)``: ``"send"``,
``"links"`` or ``"back"``. GUI thread only, except the two job functions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client.compose.checks import Finding, set_check_enabled
from client.compose.drafts import DraftFields
from client.outgoing.presend import checks_for
from client.store.db import Store

MB = 1024 * 1024


def run_checks(db_path: Path, account_id: int, fields: DraftFields,
               link_files: int) -> tuple[Finding, ...]:
    """Worker thread: the findings for this message (switched-off checks left out)."""
    with Store.open(db_path) as store:
        return checks_for(store, account_id, fields, link_files=link_files)


def switch_off(db_path: Path, codes: tuple[str, ...]) -> None:
    """Worker thread: the rep chose "don't ask again" for these checks. Idempotent."""
    with Store.open(db_path) as store:
        for code in codes:
            set_check_enabled(store, code, False)


class PreSendDialog(QDialog):
    """See the module docstring."""

    answered = Signal(str)  #: "send", "links" or "back"

    def __init__(self, findings: tuple[Finding, ...], can_link: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open = True  # rejected without a button (Esc, closing): "back"
        self.setObjectName("preSendDialog")
        self.findings = findings
        self.setWindowTitle(self.tr("Before sending"))
        self.setMinimumWidth(460)  # a line per finding, not a narrow column
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Please check this message before it goes:"), self)
        layout.addWidget(intro)
        self.lines: list[QLabel] = []
        for finding in findings:
            line = QLabel("• " + self.text_of(finding), self)
            line.setTextFormat(Qt.TextFormat.PlainText)  # addresses and file names (T8)
            line.setWordWrap(True)
            layout.addWidget(line)
            self.lines.append(line)
        self.dont_ask = QCheckBox(self.tr("Don't ask again for these checks"), self)
        layout.addWidget(self.dont_ask)
        self.back_button = QPushButton(self.tr("Back to the message"), self)
        self.send_button = QPushButton(self.tr("Send anyway"), self)
        self.link_button = QPushButton(self.tr("Send the big files as links"), self)
        self.link_button.setVisible(can_link and any(f.code == "too-large" for f in findings))
        self.back_button.setDefault(True)
        self.back_button.setAutoDefault(True)
        self.send_button.setAutoDefault(False)
        self.link_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.link_button, self.send_button, self.back_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(lambda: self._answer("back"))
        self.send_button.clicked.connect(lambda: self._answer("send"))
        self.link_button.clicked.connect(lambda: self._answer("links"))
        self.rejected.connect(lambda: self.answered.emit("back") if self._open else None)

    def _answer(self, choice: str) -> None:
        self._open = False
        self.answered.emit(choice)
        self.accept() if choice != "back" else self.reject()

    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.code for f in self.findings))

    def text_of(self, finding: Finding) -> str:
        """One finding in the UI language."""
        if finding.code == "empty-subject":
            return self.tr("The subject is empty.")
        if finding.code == "forgotten-attachment":
            return self.tr("Your text mentions an attachment (“{0}”), but nothing is "
                           "attached.").format(finding.detail)
        if finding.code == "too-large":
            if finding.limit:
                return self.tr("The attachments are larger than your provider accepts "
                               "({0} MB once encoded).").format(round(finding.limit / MB))
            return self.tr("{0} is over the size for links; it is better sent as a "
                           "download link.").format(finding.detail)
        if finding.code == "no-reply":
            return self.tr("{0} is a no-reply address: nobody will read your message."
                           ).format(finding.detail)
        return finding.code
