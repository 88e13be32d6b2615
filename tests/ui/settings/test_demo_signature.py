"""The demo shows the product: its company signature policy is in force, so a new user sees the
locked signature in new mail, in replies and in the Settings preview (no set-up needed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.signatures import provision
from client.signatures.render import SignatureRequest, render_signature
from client.store.db import Store
from tests.ui.composer.test_composer import _first_inbox_row
from tests.ui.settings.test_settings_signature import _page_html, _select
from ui.qt.tasks import wait_for_background_tasks
from ui.settings.dialog import AppSettingsDialog, apply_appearance
from ui.settings.preferences import Preferences

MEI = "mei.lin@harbor-lighting.example"


def _expected(db: Path, reply: bool) -> str:
    with Store.open(db) as store:
        bundle = provision.policy_in_force(store)
        assert bundle is not None
        return render_signature(bundle, SignatureRequest(MEI, reply=reply)).block.text


def test_new_mail_in_the_demo_shows_the_locked_company_signature(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    qtbot.waitUntil(lambda: composer.signature is not None and composer.signature_view.isVisible())
    shown = composer.signature_view.toPlainText()
    assert "Mei Lin" in shown and "Ningbo Harbor Lighting" in shown
    assert composer.signature is not None
    assert composer.signature.text == _expected(demo_db, reply=False)
    assert "\ufffc" in shown  # the logo, drawn inline in the locked HTML block
    assert composer.signature_view.isReadOnly() and not composer.error_label.isVisible()


def test_a_reply_in_the_demo_shows_the_reply_form_of_the_signature(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db, "reply", _first_inbox_row(demo_db, MEI))
    qtbot.waitUntil(lambda: composer.signature is not None and composer.signature_view.isVisible())
    shown = composer.signature_view.toPlainText()
    assert "Mei Lin" in shown
    assert composer.signature is not None
    assert composer.signature.text == _expected(demo_db, reply=True) != _expected(demo_db, False)


@pytest.fixture
def settings(qtbot, demo_db: Path) -> Iterator[AppSettingsDialog]:  # type: ignore[no-untyped-def]
    opened = AppSettingsDialog(demo_db, Preferences())
    qtbot.addWidget(opened)
    with qtbot.waitSignal(opened.loaded):
        opened.show()
    opened.tabs.setCurrentWidget(opened.signature_tab)
    yield opened
    wait_for_background_tasks()
    apply_appearance("system")


def test_the_settings_preview_shows_the_demo_signature(qtbot, settings: AppSettingsDialog) -> None:  # type: ignore[no-untyped-def]
    tab = settings.signature_tab
    _select(qtbot, tab, MEI)
    assert not tab.preview_error.isVisible()
    assert tab.read_only[(MEI, "full_name")].text() == "Mei Lin"
    assert (MEI, "wechat") in tab.edits  # the policy lets the demo rep fill her WeChat
    assert "Export Sales Manager" in tab.text_view.toPlainText()
    assert 'src="data:image/png;base64,' in tab.last_document
    page = _page_html(qtbot, tab)
    assert "Mei Lin" in page and "Ningbo Harbor Lighting" in page
