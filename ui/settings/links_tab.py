"""The Links tab of Settings: the size over which files go as download links
(``links.threshold_mb``) and the rep's own first line of the link block in English and Chinese
(``links.heading``; empty = the built-in words).

Every value is checked by ``client.settings`` (the rules ``tradewind settings set`` applies)
as the rep types and again before saving; a refused value shows the core's message, in words,
in a red line beside its field (``problem_labels``) and keeps the dialog open. The tab reads
its values from the dialog's ``SettingsSnapshot.core_values`` and gives the dialog ``values()`` to
save. GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from client import settings as core_settings
from ui.settings import values as setting_values

THRESHOLD_KEY = "links.threshold_mb"
HEADING_KEY = "links.heading"


def problem_label(parent: QWidget) -> QLabel:
    """A hidden red label for the core's reason a value is refused (plain text: T8)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.setObjectName("settingProblem")
    label.hide()
    return label


class LinksTab(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        low, high = setting_values.bounds(THRESHOLD_KEY)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setDecimals(1)
        self.threshold.setRange(low, high)
        self.threshold.setSuffix(" MB")
        self.threshold.setValue(float(core_settings.SETTINGS[THRESHOLD_KEY].default))
        self.headings = {lang: QLineEdit(self) for lang in core_settings.TEXT_LANGUAGES}
        self.headings["en"].setPlaceholderText(self.tr("Built-in words"))
        self.headings["zh_CN"].setPlaceholderText(self.tr("Built-in words"))
        self.heading_problem = problem_label(self)
        self.threshold_problem = problem_label(self)
        self.problem_labels = {THRESHOLD_KEY: self.threshold_problem,
                               HEADING_KEY: self.heading_problem}
        for edit in self.headings.values():
            edit.textChanged.connect(lambda _text: self.check())
        self.threshold.valueChanged.connect(lambda _value: self.check())
        note = QLabel(self.tr("Files larger than this are offered as download links when you "
                              "attach them. The first line introduces the links in the "
                              "message; leave it empty for the built-in words."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Send files as links over:"), self.threshold)
        form.addRow("", self.threshold_problem)
        form.addRow(self.tr("First line (English):"), self.headings["en"])
        form.addRow(self.tr("First line (Chinese):"), self.headings["zh_CN"])
        form.addRow("", self.heading_problem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Links")

    def fill(self, links: dict[str, Any]) -> None:
        """Show the stored values (``SettingsSnapshot.core_values``)."""
        self.threshold.setValue(float(links.get(THRESHOLD_KEY, self.threshold.value())))
        stored = links.get(HEADING_KEY) or {}
        for lang, edit in self.headings.items():
            edit.setText(str(stored.get(lang, "")))
        self.check()

    def values(self) -> dict[str, Any]:
        """The shown values by setting key, as the core is asked to store them."""
        headings = {lang: edit.text() for lang, edit in self.headings.items()
                    if edit.text().strip()}
        return {THRESHOLD_KEY: self.threshold.value(), HEADING_KEY: headings}

    def check(self) -> bool:
        """Ask the core about every shown value; show its reasons beside the fields. True
        when everything is acceptable."""
        fine = True
        for key, value in self.values().items():
            fine = self.show_problem(key, _problem(key, value)) and fine
        return fine

    def show_problem(self, key: str, message: str | None) -> bool:
        """Show (or hide, for None) the core's message beside the field of ``key``."""
        label = self.problem_labels.get(key)
        if label is not None:
            label.setText(message or "")
            label.setVisible(bool(message))
        return message is None


def _problem(key: str, value: object) -> str | None:
    try:
        core_settings.check(key, value)
    except core_settings.SettingError as exc:
        return str(exc)
    return None
