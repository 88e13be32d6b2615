"""The Settings dialog checks its values through ``client.settings``: a value the core refuses
shows the core's message beside the field, nothing is saved and the dialog stays open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client import i18n
from client import settings as core_settings
from client.store.db import Store
from tests.ui.settings.settings_dialog_fixture import opened_dialog
from ui.qt.tasks import wait_for_background_tasks
from ui.settings.dialog import AppSettingsDialog


@pytest.fixture
def dialog(qtbot, demo_db: Path) -> Iterator[AppSettingsDialog]:  # type: ignore[no-untyped-def]
    yield from opened_dialog(qtbot, demo_db)


def _core_message(key: str, value: object) -> str:
    with pytest.raises(core_settings.SettingError) as refused:
        core_settings.check(key, value)
    return str(refused.value)


def test_a_refused_heading_shows_the_cores_message_and_nothing_is_saved(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.links_tab
    dialog.interval.setValue(17)
    too_long = "Our catalogue " + "x" * 200
    tab.headings["en"].setText(too_long)
    expected = _core_message("links.heading", {"en": too_long})
    assert "1 to 200 characters" in expected
    qtbot.waitUntil(lambda: tab.heading_problem.isVisibleTo(tab))
    assert tab.heading_problem.text() == expected  # as the rep types
    dialog.buttons.accepted.emit()  # OK
    assert dialog.isVisible() and dialog.tabs.currentWidget() is tab
    assert tab.heading_problem.text() == expected
    wait_for_background_tasks()
    with Store.open(demo_db) as store:
        assert store.get_setting("links.heading") is None
        assert core_settings.read(store, "sync.interval_minutes") != 17  # nothing at all

    tab.headings["en"].setText("Download our 2027 catalogue here:")
    tab.threshold.setValue(3)
    qtbot.waitUntil(lambda: not tab.heading_problem.isVisibleTo(tab))
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()
    with Store.open(demo_db) as store:
        assert store.get_setting("links.heading") == {"en": "Download our 2027 catalogue here:"}
        assert core_settings.read(store, "links.threshold_mb") == 3
        assert core_settings.read(store, "sync.interval_minutes") == 17


def test_a_value_refused_while_saving_is_shown_beside_its_field(qtbot, dialog: AppSettingsDialog, demo_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the core's rule may be stricter than what the field allows (e.g. a profile written by a
    # newer Tradewind): the save's refusal still lands beside the field, in the core's words
    monkeypatch.setattr(dialog.links_tab, "check", lambda: True)
    limits = core_settings.SETTINGS["links.threshold_mb"]
    monkeypatch.setitem(core_settings.SETTINGS, "links.threshold_mb",
                        core_settings.Setting(limits.key, limits.kind, limits.default,
                                              limits.label, minimum=0, maximum=1))
    dialog.links_tab.threshold.setValue(5)
    dialog.buttons.accepted.emit()
    label = dialog.links_tab.threshold_problem
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "links.threshold_mb must be between 0 and 1; 5.0 is not."
    assert dialog.isVisible() and dialog.buttons.isEnabled()


def test_the_message_is_in_chinese_when_the_app_is(qtbot, dialog: AppSettingsDialog) -> None:  # type: ignore[no-untyped-def]
    previous = i18n.get_language()
    i18n.set_language("zh_CN")
    try:
        dialog.links_tab.headings["zh_CN"].setText("下" * 201)
        qtbot.waitUntil(lambda: dialog.links_tab.heading_problem.isVisibleTo(dialog.links_tab))
        assert "个字符" in dialog.links_tab.heading_problem.text()
    finally:
        i18n.set_language(previous)


def test_a_sync_value_refused_by_the_core_is_shown_beside_its_field(qtbot, dialog: AppSettingsDialog, demo_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    limits = core_settings.SETTINGS["sync.interval_minutes"]
    monkeypatch.setitem(core_settings.SETTINGS, "sync.interval_minutes",
                        core_settings.Setting(limits.key, limits.kind, limits.default,
                                              limits.label, minimum=1, maximum=10))
    dialog.interval.setValue(15)
    dialog.buttons.accepted.emit()
    label = dialog.sync_problems["sync.interval_minutes"]
    qtbot.waitUntil(lambda: label.isVisibleTo(dialog))
    assert label.text() == "sync.interval_minutes must be between 1 and 10; 15 is not."
    assert dialog.tabs.currentWidget() is dialog.sync_page and dialog.isVisible()
    assert not dialog.error_label.isVisibleTo(dialog)
    with Store.open(demo_db) as store:
        assert store.get_setting("sync.interval_minutes") is None
