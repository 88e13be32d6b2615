"""The Settings dialog's Signature tab: read-only policy values, values checked as typed, and a
live preview (HTML with the logo as a data: URL, plain text) that follows the typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from client.compose.identities import add_identity
from client.signatures import provision
from client.store.db import Store
from tests.client.signatures.fixtures import Keys
from ui.qt.tasks import wait_for_background_tasks
from ui.settings.dialog import AppSettingsDialog, apply_appearance
from ui.settings.preferences import Preferences
from ui.settings.signature_tab import SignatureTab

ANNA = "anna.li@company.example"
OMAR = "omar.haddad@company.example"


@pytest.fixture
def dialog(qtbot, demo_db: Path, make_policy: Callable[..., Path], keys: Keys) -> Iterator[AppSettingsDialog]:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        policy = make_policy(edit=lambda _p, d: d["people"][ANNA].pop("wechat"))
        provision.use_policy(store, str(policy), keys.public.read_bytes())
        account = store.list_accounts()[0].id
        add_identity(store, account, ANNA, "Anna Li")
        add_identity(store, account, OMAR, "Omar Haddad")
    opened = AppSettingsDialog(demo_db, Preferences())
    qtbot.addWidget(opened)
    with qtbot.waitSignal(opened.loaded):
        opened.show()
    opened.tabs.setCurrentWidget(opened.signature_tab)
    yield opened
    wait_for_background_tasks()
    apply_appearance("system")


def _select(qtbot, tab: SignatureTab, address: str, language: str = "") -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(tab.previewUpdated):
        tab.identity_box.setCurrentIndex(tab.identity_box.findData(address))
        tab.render_preview()  # the same address again emits no change signal
    if language:
        with qtbot.waitSignal(tab.previewUpdated):
            tab.language_box.setCurrentIndex(tab.language_box.findData(language))


def _page_html(qtbot, tab: SignatureTab) -> str:  # type: ignore[no-untyped-def]
    assert tab.html_view is not None
    got: list[str] = []
    qtbot.waitUntil(lambda: tab.html_view.url().path().endswith(  # type: ignore[union-attr]
        f"signature-preview-{tab.preview_count}/body"))
    tab.html_view.loadFinished.connect(lambda _ok: None)

    def ask() -> bool:
        tab.html_view.page().toHtml(got.append)  # type: ignore[union-attr]
        return bool(got) and "<body" in got[-1] and len(got[-1]) > 200

    qtbot.waitUntil(ask, timeout=10000)
    return got[-1]


def test_preview_follows_typing_and_shows_the_logo(qtbot, dialog: AppSettingsDialog) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.signature_tab
    _select(qtbot, tab, ANNA)
    full_name = tab.read_only[(ANNA, "full_name")]
    assert full_name.text() == "Anna Li" and full_name.isReadOnly()  # from the directory
    assert (ANNA, "full_name") not in tab.edits and (ANNA, "wechat") in tab.edits
    # the policy lets reps fill "mobile", but Anna's directory entry sets it: shown, read-only
    assert (ANNA, "mobile") not in tab.edits and tab.read_only[(ANNA, "mobile")].isReadOnly()
    assert "Anna Li" in tab.text_view.toPlainText()
    tab.edits[(ANNA, "wechat")].setText("anna_new_wechat")
    assert "anna_new_wechat" not in tab.text_view.toPlainText()  # not before the pause
    qtbot.waitUntil(lambda: "WeChat anna_new_wechat" in tab.text_view.toPlainText())
    assert "WeChat: anna_new_wechat" in tab.last_document
    assert 'src="data:image/png;base64,' in tab.last_document  # the logo, never a link
    page = _page_html(qtbot, tab)
    assert "anna_new_wechat" in page and "data:image/png;base64," in page
    assert tab.html_view is not None and tab.html_view.interceptor.blocked() == []


def test_refused_value_is_said_in_words_and_only_that_value_is_not_saved(qtbot, dialog: AppSettingsDialog, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.signature_tab
    _select(qtbot, tab, ANNA)
    tab.edits[(ANNA, "whatsapp")].setText("call me maybe")
    tab.edits[(ANNA, "wechat")].setText("anna_saved")
    error = tab.errors[(ANNA, "whatsapp")]
    assert error.isVisible() and "Not a phone number" in error.text()
    assert tab.invalid_fields() == [(ANNA, "whatsapp")]
    qtbot.waitUntil(lambda: "anna_saved" in tab.text_view.toPlainText())
    assert "call me maybe" not in tab.text_view.toPlainText()  # left out of the preview too
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()  # OK
    assert dialog.isVisible() and "not valid" in dialog.error_label.text()
    assert "WhatsApp" in dialog.error_label.text()
    assert tab.edits[(ANNA, "whatsapp")].text() == "call me maybe"  # nothing typed is lost
    with Store.open(demo_db) as store:
        stored = provision.rep_values(store, ANNA)
    assert stored.get("wechat") == "anna_saved" and "whatsapp" not in stored
    tab.edits[(ANNA, "whatsapp")].setText("+86 138 0000 9999")
    assert not error.isVisible() and tab.invalid_fields() == []
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.accepted.emit()
    assert dialog.result() == AppSettingsDialog.DialogCode.Accepted
    with Store.open(demo_db) as store:
        assert provision.rep_values(store, ANNA)["whatsapp"] == "+86 138 0000 9999"


def test_a_signature_that_cannot_render_is_explained(qtbot, dialog: AppSettingsDialog) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.signature_tab
    demo_address = next(tab.identity_box.itemData(i) for i in range(tab.identity_box.count())
                        if tab.identity_box.itemData(i) not in (ANNA, OMAR))
    _select(qtbot, tab, demo_address)
    assert tab.preview_error.isVisible()
    assert "cannot be shown" in tab.preview_error.text()
    assert "needs full_name, title" in tab.preview_error.text()
    assert tab.text_view.toPlainText() == "" and tab.last_document == ""


def test_chinese_and_arabic_variants(qtbot, dialog: AppSettingsDialog) -> None:  # type: ignore[no-untyped-def]
    tab = dialog.signature_tab
    _select(qtbot, tab, ANNA, "zh")
    assert tab.language_box.currentText() == "简体中文 (zh)"
    tab.edits[(ANNA, "wechat")].setText("李安娜_外贸")  # setText: keyClicks aborts on non-ASCII
    qtbot.waitUntil(lambda: "微信 李安娜_外贸" in tab.text_view.toPlainText())
    assert tab.text_view.toPlainText().splitlines()[0] == "李安娜"
    assert "<b>李安娜</b>" in tab.last_document
    _select(qtbot, tab, OMAR, "ar")
    assert tab.text_view.toPlainText().splitlines()[0] == "عمر حداد"
    assert '<div dir="rtl" lang="ar"' in tab.last_document
    option = tab.text_view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    page = _page_html(qtbot, tab)
    assert "عمر حداد" in page and 'dir="rtl"' in page


def test_a_kept_policy_that_no_longer_verifies_is_said_not_crashed_on(qtbot, demo_db: Path, make_policy: Callable[..., Path], keys: Keys) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
        store.set_setting(provision.CURRENT_KEY, {"files": {}})  # a damaged profile
    opened = AppSettingsDialog(demo_db, Preferences())
    qtbot.addWidget(opened)
    with qtbot.waitSignal(opened.loaded):
        opened.show()
    texts = " ".join(label.text() for label in opened.signature_tab.findChildren(QLabel))
    assert "The company signature policy cannot be used" in texts and "no longer verifies" in texts
    assert opened.signature_edits == {}
    wait_for_background_tasks()
