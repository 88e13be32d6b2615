"""Help → About Tradewind: the version and the licences of the bundled libraries
(`client.licences`). `install_help_menu(window)` adds the menu to a main window. GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from client.licences import bundled_licences
from client.version import __version__


class AboutDialog(QDialog):
    """Shows `Tradewind VERSION` and one line per bundled library."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Tradewind"))
        layout = QVBoxLayout(self)
        self.version_label = QLabel(self.tr("Tradewind {0}").format(__version__), self)
        layout.addWidget(self.version_label)
        layout.addWidget(QLabel(self.tr("Bundled libraries and their licences:"), self))
        self.licences = QPlainTextEdit(self)
        self.licences.setReadOnly(True)
        self.licences.setPlainText("\n".join(
            f"{item.name} {item.version} — {item.licence}" for item in bundled_licences()))
        layout.addWidget(self.licences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)


def install_help_menu(window: Any) -> None:
    """Add Help → About Tradewind to `window`'s menu bar."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "&Help"))
    action = menu.addAction(QCoreApplication.translate("AboutDialog", "About Tradewind"))
    action.triggered.connect(lambda: AboutDialog(window).exec())
    window.about_action = action
