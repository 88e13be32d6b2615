"""The wizard tells a rep at QQ, Exmail, NetEase or Alibaba to use the authorization code,
in the rep's language, and repeats it when the server's refusal says so (real Dovecot)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from client.accounts.discover import DiscoveryResult
from client.accounts.login_advice import ADVICE
from client.accounts.presets import ServerSettings
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.ui.wizard.test_wizard import _start
from ui.qt.i18n import install_translators
from ui.wizard import safe_login


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_the_wizard_text_is_the_core_advice_in_english(qapp: QApplication) -> None:
    for key, advice in ADVICE.items():
        assert safe_login.advice(key) == advice.en


def test_the_wizard_text_is_the_core_advice_in_chinese(chinese: None) -> None:
    for key, advice in ADVICE.items():
        assert safe_login.advice(key) == advice.zh_cn


def test_a_qq_address_shows_the_advice_before_the_password_is_tried(  # type: ignore[no-untyped-def]
        qtbot, make_wizard, db: Path, chinese: None) -> None:
    wizard = make_wizard(db, lambda email: None)
    wizard.email_field.setText("mei.lin@qq.com")
    assert wizard.safe_login_hint.isVisible()
    assert "授权码" in wizard.safe_login_hint.text()
    wizard.email_field.setText("mei.lin@company.test")
    assert not wizard.safe_login_hint.isVisible()


def test_the_providers_refusal_repeats_the_advice(  # type: ignore[no-untyped-def]
        qtbot, make_wizard, db: Path, dovecot: DovecotServer, imap_user: MailUser) -> None:
    def discover(email: str) -> DiscoveryResult:  # a NetEase Qiye domain hosted on the test bed
        return DiscoveryResult(email, ServerSettings(dovecot.host, dovecot.imaps_port, "ssl"),
                               ServerSettings(dovecot.host, free_port(), "starttls"),
                               "mx-preset", "netease-qiye", email)

    wizard = make_wizard(db, discover)
    assert _start(qtbot, wizard, imap_user, "the-web-password") == "failed"
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000):
        wizard.trust_button.click()  # the test server's certificate comes first
    assert "refused the password" in wizard.test_title.text()
    assert "client authorization code" in wizard.test_detail.text()
    assert "the-web-password" not in wizard.test_detail.text()
