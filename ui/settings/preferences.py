"""The app's own preferences, kept in the profile's settings table. Qt-free.

``load_preferences(store)`` reads them (defaults for anything missing or malformed);
``save_preferences(db_path, prefs)`` writes them from a worker thread (opens its own Store).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from client.store.db import Store

LANGUAGE_KEY = "ui.language"
TRAY_KEY = "ui.minimise_to_tray"
LANGUAGE_CHOICES = ("system", "en", "zh_CN")


@dataclass(frozen=True)
class Preferences:
    """``language``: 'system', 'en' or 'zh_CN'; ``minimise_to_tray``: closing hides the window."""

    language: str = "system"
    minimise_to_tray: bool = False


def load_preferences(store: Store) -> Preferences:
    """The saved preferences (defaults where nothing valid is saved)."""
    language = store.get_setting(LANGUAGE_KEY, "system")
    tray = store.get_setting(TRAY_KEY, False)
    return Preferences(
        language=language if language in LANGUAGE_CHOICES else "system",
        minimise_to_tray=tray is True,
    )


def save_preferences(db_path: Path, prefs: Preferences) -> None:
    """Save ``prefs`` (worker thread); raises ValueError for an unknown language."""
    if prefs.language not in LANGUAGE_CHOICES:
        raise ValueError(f"unknown language {prefs.language!r}")
    with Store.open(db_path) as store, store.transaction():
        store.set_setting(LANGUAGE_KEY, prefs.language)
        store.set_setting(TRAY_KEY, bool(prefs.minimise_to_tray))
