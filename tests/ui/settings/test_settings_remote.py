"""The Remote content tab of Settings: the allow list of ``client.security.remote_content``,
entries checked by the core (a refused one is said beside the field), and a domain allowed
there lets that domain's mail load its pictures in the reader (H3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.security.remote_content import allowed_senders
from client.store.db import Store
from tests.ui.reader.test_html_reader import _open_canary_mail
from tests.ui.settings.settings_dialog_fixture import opened_dialog
from ui.mainwindow.window import MainWindow
from ui.qt.tasks import wait_for_background_tasks
from ui.settings.dialog import AppSettingsDialog, apply_appearance


@pytest.fixture
def dialog(qtbot, demo_db: Path) -> Iterator[AppSettingsDialog]:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        store.set_setting("reader.remote_content_senders", ["li.wei@supplier.example"])
    yield from opened_dialog(qtbot, demo_db)


def test_a_refused_entry_shows_the_cores_message_and_is_not_listed(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.remote_tab
    assert tab.listed() == ["li.wei@supplier.example"]
    tab.entry.setText("Trade Show")  # a display name is never an allowance
    assert not tab.add_entry()
    assert tab.problem.isVisibleTo(tab)
    assert tab.problem.text() == "Trade Show is neither an email address nor @domain."
    assert tab.listed() == ["li.wei@supplier.example"] and tab.entry.text() == "Trade Show"
    dialog.buttons.accepted.emit()  # OK with the refused entry still typed: nothing is saved
    assert dialog.isVisible() and dialog.tabs.currentWidget() is tab
    wait_for_background_tasks()
    with Store.open(demo_db) as store:
        assert allowed_senders(store) == {"li.wei@supplier.example"}


def test_entries_added_and_removed_are_saved(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.remote_tab
    tab.entry.setText("@Fair.Example")
    assert tab.add_entry() and not tab.problem.isVisibleTo(tab)
    assert tab.listed() == ["@fair.example", "li.wei@supplier.example"]
    tab.entries.item(1).setSelected(True)
    tab.remove_selected()
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()
    with Store.open(demo_db) as store:
        assert allowed_senders(store) == {"@fair.example"}


def test_a_domain_allowed_in_settings_loads_pictures_in_the_reader(qtbot, window: MainWindow, demo_db: Path, internet) -> None:  # type: ignore[no-untyped-def]
    base, hits = internet
    dialog = AppSettingsDialog(demo_db, window.preferences, window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded):
        dialog.show()
    dialog.remote_tab.entry.setText("@fair.example")
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()  # the typed entry is added by OK itself
    _open_canary_mail(qtbot, window, demo_db, base)  # From: news@fair.example
    qtbot.waitUntil(lambda: "/img.png" in hits, timeout=20000)
    assert "Remote content blocked" not in window.reader.notice.text()
    wait_for_background_tasks()
    apply_appearance("system")
