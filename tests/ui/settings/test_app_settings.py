"""The full Settings dialog (``ui.settings``): values persisted in the profile, accounts, appearance, signature values,
and the main window's menu entries that open it and the account wizard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from client.compose.identities import add_identity
from client.signatures import provision
from client.signatures.example import write_example
from client.signatures.integrity import generate_keys
from client.store.db import Store
from tests.client.signatures.fixtures import sign_dir
from ui.mainwindow.window import MainWindow
from ui.qt.tasks import wait_for_background_tasks
from ui.settings import values
from ui.settings.dialog import AppSettingsDialog, apply_appearance
from ui.settings.preferences import Preferences
from ui.wizard.dialog import AccountWizard

ANNA = "anna.li@company.example"


@pytest.fixture
def open_dialog(qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    def factory(db: Path, prefs: Preferences | None = None) -> AppSettingsDialog:
        dialog = AppSettingsDialog(db, prefs or Preferences())
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loaded):
            dialog.show()
        return dialog

    yield factory
    wait_for_background_tasks()
    apply_appearance("system")


def test_defaults_then_values_persist_in_the_profile(qtbot, demo_db: Path, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(demo_db, Preferences(language="zh_CN", minimise_to_tray=True))
    assert dialog.cache_mb.value() == 25 and dialog.interval.value() == 5
    assert dialog.appearance.currentData() == "system"
    assert dialog.language.currentData() == "zh_CN" and dialog.minimise_to_tray.isChecked()
    dialog.cache_mb.setValue(60)
    dialog.interval.setValue(15)
    dialog.appearance.setCurrentIndex(dialog.appearance.findData("dark"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()  # OK
    assert dialog.result() == AppSettingsDialog.DialogCode.Accepted
    assert dialog.preferences() == Preferences(language="en", minimise_to_tray=True)
    assert (QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
            or QApplication.palette().window().color().lightness() < 100)  # dark either way
    with Store.open(demo_db) as store:
        assert values.load_sync_settings(store) == values.SyncSettings(60, 15)
        assert values.load_appearance(store) == "dark"
    again = open_dialog(demo_db)
    assert again.cache_mb.value() == 60 and again.interval.value() == 15
    assert again.appearance.currentData() == "dark"


def test_out_of_range_values_are_refused_in_words_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "tradewind.db"
    Store.open(db).close()
    with pytest.raises(ValueError, match=r"sync.attachment_cache_mb must be between 0.1 and 10000"):
        values.save_settings(db, values.SyncSettings(0, 5), "system")
    with pytest.raises(ValueError, match="appearance"):
        values.save_settings(db, values.SyncSettings(25, 5), "purple")
    with Store.open(db) as store:
        store.set_setting(values.CACHE_MB_KEY, "lots")  # a hand-edited profile
        assert store.get_setting(values.APPEARANCE_KEY) is None
        assert values.load_sync_settings(store).attachment_cache_mb == 25


def test_accounts_are_listed_and_removed(qtbot, demo_db: Path, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(demo_db)
    assert dialog.account_list.count() == 1
    assert "demo account" in dialog.account_list.item(0).text()
    email = dialog.account_list.item(0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(dialog.accountsChanged):
        dialog.remove_account(email)
    qtbot.waitUntil(lambda: dialog.account_list.count() == 0)
    with Store.open(demo_db) as store:
        assert store.list_accounts() == []


def test_signature_values_the_policy_lets_the_rep_fill(qtbot, demo_db: Path, open_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(demo_db)
    demo_rep = "mei.lin@harbor-lighting.example"  # the demo's own policy: what Mei may fill
    assert set(dialog.signature_edits) == {(demo_rep, f) for f in ("whatsapp", "wechat", "linkedin")}
    private, public = generate_keys(tmp_path / "keys")
    write_example(tmp_path / "policy")
    sign_dir(tmp_path / "policy", private)
    with Store.open(demo_db) as store:
        provision.use_policy(store, str(tmp_path / "policy"), public.read_bytes())
        add_identity(store, store.list_accounts()[0].id, ANNA, "Anna Li")
        bundle = provision.policy_in_force(store)
        assert bundle is not None
        editable = bundle.directory.rep_editable
    assert editable, "the example policy lets reps fill some fields"
    dialog = open_dialog(demo_db)
    person = bundle.directory.person(ANNA)
    assert person is not None
    field = next(name for name in editable if name not in person.values)  # not set for Anna
    edit = dialog.signature_edits[(ANNA, field)]
    edit.setText("+86 574 8888 1234" if field in ("phone", "mobile", "whatsapp") else
                 "https://example.com/anna" if field == "linkedin" else "Export Sales")
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()
    with Store.open(demo_db) as store:
        assert provision.rep_values(store, ANNA)[field] == edit.text()


def test_main_window_menu_opens_settings_and_the_wizard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    actions = file_menu.actions()
    assert window.accounts.add_account_action in actions
    assert actions.index(window.accounts.add_account_action) < actions.index(window.settings_action)
    window.accounts.add_account_action.trigger()
    wizards = window.findChildren(AccountWizard)
    assert len(wizards) == 1 and wizards[0].isVisible()
    wizards[0].reject()
    window.settings_action.trigger()
    [dialog] = window.findChildren(AppSettingsDialog)
    qtbot.waitUntil(lambda: dialog.account_list.count() == 1)
    dialog.reject()


def test_main_window_reports_what_became_of_a_sent_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from client.smtp.sender import FlushReport
    from ui.composer.window import ComposerWindow

    composer = window.compose.open_composer("new")
    assert isinstance(composer, ComposerWindow)
    qtbot.waitUntil(lambda: composer.is_ready)
    composer.flushed.emit(None)  # the demo account has no server
    assert "waits in the outbox" in window.statusBar().currentMessage()
    window.compose.report_flush(FlushReport(sent=[1], filed=[1]))
    assert window.statusBar().currentMessage() == "Message sent."
    window.compose.report_flush(FlushReport(failed={2: "550 mailbox unavailable"}))
    assert "550 mailbox unavailable" in window.statusBar().currentMessage()
    composer.sent = True
    composer.close()
