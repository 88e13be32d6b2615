"""Settings → Accounts: the trusted authserv-id of the selected account (issue 19): its default
(the IMAP host's registrable domain) shown, a value checked by the core before it is stored
(the reason beside the field, nothing stored, OK keeps the dialog open), the default again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.security import risk_store
from client.store.db import Store
from tests.ui.settings.settings_dialog_fixture import opened_dialog
from ui.qt.tasks import wait_for_background_tasks
from ui.settings.authserv_box import AuthservBox, load_value
from ui.settings.dialog import AppSettingsDialog

EMAIL = "rep@northwind-export.test"


@pytest.fixture
def dialog(qtbot, demo_db: Path) -> Iterator[AppSettingsDialog]:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        store.add_account(EMAIL, imap_host="imap.mail.northwind-export.test", imap_port=993,
                          smtp_host="smtp.northwind-export.test", smtp_port=465, security="ssl")
    yield from opened_dialog(qtbot, demo_db)


def _select(qtbot, dialog: AppSettingsDialog) -> AuthservBox:  # type: ignore[no-untyped-def]
    box = dialog.authserv
    rows = dialog.account_list
    qtbot.waitUntil(lambda: rows.count() >= 1)
    item = next(rows.item(i) for i in range(rows.count()) if rows.item(i).data(256) == EMAIL)
    rows.setCurrentItem(item)
    qtbot.waitUntil(lambda: box.current is not None and box.current.email == EMAIL)
    return box


def _stored(db: Path) -> str | None:
    with Store.open(db) as store:
        account = store.get_account(EMAIL)
        assert account is not None
        return risk_store.authserv_id(store, account.id)


def test_the_default_is_shown_and_a_typed_server_is_stored(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    box = _select(qtbot, dialog)
    assert box.isEnabled() and box.edit.text() == ""
    assert box.edit.placeholderText() == "northwind-export.test"
    assert "northwind-export.test" in box.default_label.text()
    box.edit.setText("MX.Rep-Provider.test")
    with qtbot.waitSignal(box.stored):
        box.save()
    assert _stored(demo_db) == "mx.rep-provider.test"
    assert box.edit.text() == "mx.rep-provider.test" and "mx.rep-provider.test" in box.status.text()
    with qtbot.waitSignal(box.stored):
        box.use_default()
    assert _stored(demo_db) is None and box.edit.text() == ""


def test_a_refused_value_is_said_beside_the_field_and_nothing_is_stored(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    box = _select(qtbot, dialog)
    box.edit.setText("mx example;com")
    box.save()
    assert box.problem.isVisibleTo(box)
    assert box.problem.text() == "“mx example;com” is not a server name such as mx.example.com."
    dialog.tabs.setCurrentIndex(0)
    dialog.buttons.accepted.emit()  # OK with the refused value typed: the dialog stays open
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 1
    wait_for_background_tasks()
    assert _stored(demo_db) is None
    assert box.edit.text() == "mx example;com"  # what the rep typed is kept to correct


def test_ok_stores_an_edited_value(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    box = _select(qtbot, dialog)
    box.edit.setText("mx.provider.test")
    with qtbot.waitSignal(box.stored, timeout=10000):
        dialog.buttons.accepted.emit()
    assert _stored(demo_db) == "mx.provider.test"


def test_a_value_read_for_an_earlier_selection_does_not_replace_the_selected_accounts(
        qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    """The reads run on the pool and may finish out of order: the first row's value arriving
    after the rep selected another account is dropped (the box would show, and Save would
    store, the other account's server)."""
    box = _select(qtbot, dialog)
    with Store.open(demo_db) as store:
        first = next(a.email for a in store.list_accounts() if a.email != EMAIL)
    box._show(load_value(demo_db, first))  # the late answer of the first row's read
    assert box.current is not None and box.current.email == EMAIL
    assert box.edit.placeholderText() == "northwind-export.test"
