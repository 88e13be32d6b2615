"""The Remote content tab of Settings: the senders whose mail may load pictures from the
internet (``reader.remote_content_senders``; the reader's "Always for SENDER" adds to it).

Entries are addresses (that sender) or ``@domain`` (every sender there). An entry typed in
is checked by ``client.security.remote_content``/``client.settings`` before it joins the list;
a refused one shows the core's message beside the field. The tab reads its list from the
dialog's ``SettingsSnapshot.core_values`` and gives the dialog ``values()`` to save. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from client import settings as core_settings
from client.security.remote_content import SETTING_KEY
from ui.settings.links_tab import problem_label


class RemoteContentTab(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        note = QLabel(self.tr("Pictures from the internet are blocked, since they tell the "
                              "sender when and where you read the mail. Mail from these "
                              "senders loads them; @domain allows everyone at that domain."),
                      self)
        note.setWordWrap(True)
        self.entries = QListWidget(self)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("name@company.com or @company.com"))
        self.add_button = QPushButton(self.tr("Allow"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.problem = problem_label(self)
        self.add_button.clicked.connect(self.add_entry)
        self.entry.returnPressed.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.entries, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def title(self) -> str:
        return self.tr("Remote content")

    def fill(self, stored: dict[str, Any]) -> None:
        """Show the stored list (``SettingsSnapshot.core_values``)."""
        self.entries.clear()
        self.entries.addItems(list(stored.get(SETTING_KEY, [])))

    def listed(self) -> list[str]:
        return [self.entries.item(i).text() for i in range(self.entries.count())]

    def add_entry(self) -> bool:
        """Put the typed entry on the list when the core accepts it; else say why."""
        try:
            checked = core_settings.check(SETTING_KEY, [*self.listed(), self.entry.text()])
        except core_settings.SettingError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return False
        self.problem.hide()
        self.entry.clear()
        self.entries.clear()
        self.entries.addItems(checked)
        return True

    def remove_selected(self) -> None:
        for item in self.entries.selectedItems():
            self.entries.takeItem(self.entries.row(item))

    def values(self) -> dict[str, Any]:
        return {SETTING_KEY: self.listed()}
