"""Address errors beside their field: what sending would refuse, said once, in the UI language.

``AddressProblems(field, parent)`` is a small red line under an address field. ``check()``
(called when the rep leaves the field, and before sending) lists the entries that are not
addresses (``client.compose.draft_safe.address_problems``, pure and cheap) and hides itself
when there are none; it never stops a draft from being saved, only sending. ``address_row``
puts a field and its line together for the form. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from client.compose.draft_safe import address_problems


class AddressProblems(QLabel):
    """See the module docstring."""

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName("addressProblems")
        self.setTextFormat(Qt.TextFormat.PlainText)  # the rep's text, shown as it is (T8)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020; font-size: 11px;")
        self.hide()
        field.editingFinished.connect(self.check)
        field.textEdited.connect(self._edited)

    def check(self) -> bool:
        """Show the entries sending would refuse; True when there are none."""
        bad = address_problems(self.field.text())
        if not bad:
            self.clear()
            self.hide()
            return True
        self.setText(self.tr("Not an email address: {0}").format("; ".join(bad)))
        self.show()
        return False

    def _edited(self, _text: str) -> None:
        if self.isVisible() and not address_problems(self.field.text()):
            self.hide()  # corrected: the line goes at once, a new error waits for the next check


def address_row(field: QLineEdit, parent: QWidget) -> tuple[QWidget, AddressProblems]:
    """A widget holding ``field`` with its problems line below it."""
    row = QWidget(parent)
    layout = QVBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    problems = AddressProblems(field, row)
    layout.addWidget(field)
    layout.addWidget(problems)
    return row, problems
