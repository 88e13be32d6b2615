"""Help → About Tradewind: the version and the licences of the bundled libraries
(`client.licences`); on Windows also Default mail app… (`ui.mainwindow.default_apps`).
`HelpMenu(window)` (`window.help_menu`) adds the menu to a main window. GUI thread."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from client.licences import bundled_licences
from client.version import __version__


class AboutDialog(QDialog):
    """Shows `Tradewind VERSION` and one line per bundled library."""

    def __init__(self, parent: QWidget | None = None) -> None:
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


class HelpMenu(QObject):
    """Help → About Tradewind (and, on Windows, Default mail app…) in `window`'s menu bar;
    `about_action`, `default_apps_action` (None elsewhere)."""

    def __init__(self, window: QMainWindow, platform: str = sys.platform) -> None:
        from ui.mainwindow.default_apps import add_default_apps_action

        super().__init__(window)
        self.menu = window.menuBar().addMenu(QCoreApplication.translate("AboutDialog", "&Help"))
        self.default_apps_action = add_default_apps_action(self.menu, window, platform)
        self.about_action = self.menu.addAction(
            QCoreApplication.translate("AboutDialog", "About Tradewind"))
        self.about_action.triggered.connect(lambda: AboutDialog(window).exec())
