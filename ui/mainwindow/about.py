"""Help → About Tradewind: the version and the licences of the bundled libraries
(`client.licences`); on Windows also Default mail app… (`ui.mainwindow.default_apps`).
`install_help_menu(window)` adds the menu to a main window. GUI thread."""

from __future__ import annotations

import sys
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


def install_help_menu(window: Any, platform: str = sys.platform) -> None:
    """Add Help → About Tradewind (and, on Windows, Default mail app…) to `window`."""
    from ui.mainwindow.default_apps import add_default_apps_action

    menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "&Help"))
    window.default_apps_action = add_default_apps_action(menu, window, platform)
    action = menu.addAction(QCoreApplication.translate("AboutDialog", "About Tradewind"))
    action.triggered.connect(lambda: AboutDialog(window).exec())
    window.about_action = action
