"""The app's own preferences, kept in the profile's settings table. Qt-free.

``load_preferences(store)`` reads them (defaults for anything missing or malformed);
``save_preferences(db_path, prefs)`` writes them from a worker thread (opens its own Store).
Both go through ``client.settings``, the one definition of every setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from client import settings
from client.store.db import Store

LANGUAGE_KEY = "ui.language"
TRAY_KEY = "ui.minimise_to_tray"
LANGUAGE_CHOICES = settings.SETTINGS[LANGUAGE_KEY].choices


@dataclass(frozen=True)
class Preferences:
    """``language``: 'system', 'en' or 'zh_CN'; ``minimise_to_tray``: closing hides the window."""

    language: str = "system"
    minimise_to_tray: bool = False


def load_preferences(store: Store) -> Preferences:
    """The saved preferences (defaults where nothing valid is saved)."""
    return Preferences(language=settings.read(store, LANGUAGE_KEY),
                       minimise_to_tray=settings.read(store, TRAY_KEY))


def save_preferences(db_path: Path, prefs: Preferences) -> None:
    """Save ``prefs`` (worker thread); raises ``SettingError`` (a ValueError) for an unknown
    language."""
    wanted = {LANGUAGE_KEY: prefs.language, TRAY_KEY: bool(prefs.minimise_to_tray)}
    with Store.open(db_path) as store:
        settings.write_many(store, wanted)
