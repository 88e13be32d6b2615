"""Settings → Composer → "Check the spelling while typing": shown from the stored setting,
saved with the dialog, and a composer opened afterwards marks nothing."""

from __future__ import annotations

from pathlib import Path

from client import settings
from client.store.db import Store
from tests.ui.composer.test_composer import type_text
from ui.settings.composer_tab import ComposerSettingsTab


def test_switching_spelling_off_in_settings_reaches_the_next_composer(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    tab = ComposerSettingsTab(demo_db)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.spell_box._read)
    assert tab.spell_box.isChecked()  # on by default
    tab.spell_box.setChecked(False)
    with qtbot.waitSignal(tab.spell_box.stored):
        tab.save()
    with Store.open(demo_db) as store:
        assert settings.read(store, "spell.enabled") is False
    again = ComposerSettingsTab(demo_db)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.spell_box._read)
    assert not again.spell_box.isChecked()
    composer = open_composer(demo_db)
    qtbot.waitUntil(lambda: composer.spelling._state_read)
    type_text(composer.editor, "We will recieve it")
    assert composer.spelling.code is None
    assert not composer.spelling.box_action.isVisible()
