"""The Settings dialog (first version: language and minimise to tray). GUI thread only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from ui.settings.preferences import Preferences


class SettingsDialog(QDialog):
    """Edits a copy of ``Preferences``; read the result with ``preferences()`` after exec."""

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.minimise_to_tray = QCheckBox(self.tr("Closing the window keeps Tradewind in the tray"), self)
        self.minimise_to_tray.setChecked(prefs.minimise_to_tray)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.minimise_to_tray)
        form.addRow(buttons)

    def preferences(self) -> Preferences:
        """The preferences as shown in the dialog."""
        return Preferences(
            language=str(self.language.currentData()),
            minimise_to_tray=self.minimise_to_tray.isChecked(),
        )
