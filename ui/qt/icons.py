"""The app's small SVG icons from ``resources/icons``, loaded once (GUI thread only)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from client.profile.paths import resources_dir

ICON_DIR = resources_dir() / "icons"


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/NAME.svg`` (an empty icon if the file is missing)."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
