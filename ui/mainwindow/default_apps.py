"""Help → Default mail app… (Windows): Windows does not let an app make itself the default
for mailto:, .eml or .ics, so Tradewind explains that and offers to open the Settings page
where the rep picks it. Elsewhere the menu entry is not added. GUI thread only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ui.qt.plain_text import message_box

# Settings → Apps → Default apps, on Tradewind's own page where Windows 11 supports it
DEFAULT_APPS_URL = "ms-settings:defaultapps?registeredAppUser=Tradewind"


def default_apps_url(platform: str = sys.platform) -> str | None:
    """The page to open on `platform`, None where Tradewind has no such offer."""
    return DEFAULT_APPS_URL if platform == "win32" else None


def offer_default_apps(parent: QWidget | None,
                       open_url: Callable[[QUrl], object] | None = None) -> bool:
    """Ask, then open the default-apps page; True when it was opened."""
    url = DEFAULT_APPS_URL
    box = message_box(
        parent, QMessageBox.Icon.Question,
        QCoreApplication.translate("DefaultApps", "Default mail app"),
        QCoreApplication.translate(
            "DefaultApps", "Windows lets only you choose the app that opens e-mail links, "
            ".eml messages and .ics calendar files. Open Windows' Default apps settings to "
            "choose Tradewind?"),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Open,
    )
    box.setObjectName("defaultAppsOffer")
    if box.exec() != QMessageBox.StandardButton.Open:
        return False
    (open_url or QDesktopServices.openUrl)(QUrl(url))
    return True


def add_default_apps_action(menu: QMenu, parent: QWidget | None,
                            platform: str = sys.platform) -> QAction | None:
    """Add the menu entry on Windows; returns the action (None elsewhere)."""
    if default_apps_url(platform) is None:
        return None
    action = menu.addAction(QCoreApplication.translate("DefaultApps", "Default mail app…"))
    action.triggered.connect(lambda: offer_default_apps(parent))
    return action
