"""The spelling switch of Settings → Composer: "Check the spelling while typing" (setting
``spell.enabled``, read by every composer opened after it is saved).

``SpellSettingBox(db_path)`` reads the value in the background (``loaded``); ``save()`` stores
it in the background (``stored``; ``failed(str)`` in words), nothing before it was read.
GUI thread only, except the two job functions.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from client import settings
from client.store.db import Store
from ui.qt.tasks import run_in_background

KEY = "spell.enabled"


def load_spell_enabled(db_path: Path) -> bool:
    """Worker thread: whether spell checking is on."""
    with Store.open(db_path) as store:
        return bool(settings.read(store, KEY))


def save_spell_enabled(db_path: Path, on: bool) -> None:
    """Worker thread: store the switch."""
    with Store.open(db_path) as store:
        settings.write(store, KEY, on)


class SpellSettingBox(QCheckBox):
    """See the module docstring."""

    loaded = Signal()
    stored = Signal()
    failed = Signal(str)

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Check the spelling while typing (red wavy underline)"),
                         parent)
        self.setObjectName("spellEnabled")
        self.db_path = Path(db_path)
        self.setChecked(True)
        self._read = False
        db = self.db_path
        run_in_background(lambda: load_spell_enabled(db), self._loaded,
                          lambda exc: self.failed.emit(str(exc)), owner=self)

    def _loaded(self, on: bool) -> None:
        self.setChecked(on)
        self._read = True
        self.loaded.emit()

    def save(self) -> None:
        if not self._read:
            return
        db, on = self.db_path, self.isChecked()
        run_in_background(lambda: save_spell_enabled(db, on), lambda _r: self.stored.emit(),
                          lambda exc: self.failed.emit(str(exc)), owner=self)
