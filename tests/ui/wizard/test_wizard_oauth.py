"""The wizard's "Sign in with Microsoft" for a company domain hosted at Microsoft 365 (found by
MX), against the test bed: the browser sign-in runs off the GUI thread, the account is stored
with its tokens, and the login is tested with XOAUTH2/OAUTHBEARER on the real Dovecot."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from client.accounts.discover import DiscoveryResult
from client.accounts.presets import ServerSettings
from client.oauth import providers, tokens
from client.store.db import Store
from tests.client.oauth.bed import Bed
from tests.servers.dovecot import MailUser


@pytest.fixture
def microsoft_is_the_test_bed(bed: Bed, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = bed.oauth.base_url
    monkeypatch.setitem(providers.BUILTIN, "microsoft", providers._Template(
        label="Microsoft", authorization_endpoint=base + "/authorize",
        token_endpoint=base + "/token", scopes=("mail",), hosts=(), redirect_host="localhost"))
    with Store.open(db) as store:
        store.set_setting("oauth.microsoft.client_id", bed.oauth.client_id)


def _found_at_microsoft(bed: Bed, user: MailUser):  # type: ignore[no-untyped-def]
    def discover(email: str) -> DiscoveryResult:
        return DiscoveryResult(
            email, ServerSettings(bed.dovecot.host, bed.dovecot.imaps_port, "ssl"),
            ServerSettings("127.0.0.1", bed.sub.starttls_port, "starttls"), "mx-preset",
            "microsoft365", user.username)
    return discover


def test_sign_in_with_microsoft_adds_and_tests_the_account(  # type: ignore[no-untyped-def]
        qtbot, make_wizard, db: Path, bed: Bed, user: MailUser,
        microsoft_is_the_test_bed: None) -> None:
    wizard = make_wizard(db, _found_at_microsoft(bed, user))
    wizard.email_field.setText(user.email)
    assert not wizard.oauth_button.isVisible()  # a company domain: known only after discovery
    wizard.password_field.setText("not-a-password")
    # the outer blocker listens before the click, so the test's outcome cannot be missed
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000,
                          check_params_cb=lambda step: step != "found"):
        with qtbot.waitSignal(wizard.stepFinished) as found:
            wizard.next_button.click()
        assert found.args == ["found"]
    wizard.back_button.click()
    wizard.back_button.click()
    assert wizard.oauth_button.isVisible() and wizard.oauth_button.text() == "Sign in with Microsoft"
    browsed: list[str] = []

    def browser(url: str) -> None:
        browsed.append(url)
        requests.get(url, timeout=30)

    wizard.open_url = browser
    with qtbot.waitSignal(wizard.stepFinished, timeout=30000) as outcome:
        wizard.oauth_button.click()
        assert wizard.sign_in_dialog is not None and wizard.sign_in_dialog.isVisible()
    if outcome.args == ["failed"]:  # the test server's certificate comes first
        assert "certificate" in wizard.test_title.text(), wizard.test_detail.text()
        with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as outcome:
            wizard.trust_button.click()
    assert outcome.args == ["tested"], wizard.test_detail.text()
    assert len(browsed) == 1 and not wizard.sign_in_dialog.isVisible()
    with Store.open(db) as store:
        account = store.get_account(user.email)
        assert account is not None and account.auth == "oauth2"
    assert tokens.load(user.email) is not None


def test_without_a_registered_app_the_wizard_says_what_is_missing(  # type: ignore[no-untyped-def]
        qtbot, make_wizard, db: Path) -> None:
    wizard = make_wizard(db, lambda email: None)
    wizard.email_field.setText("mei.lin@outlook.com")
    assert wizard.oauth_button.isVisible()
    wizard.open_url = lambda url: None
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as outcome:
        wizard.oauth_button.click()
    assert outcome.args == ["failed"]
    assert "ships no client id" in wizard.test_detail.text()


def test_cancel_stops_the_wait_and_stores_nothing(  # type: ignore[no-untyped-def]
        qtbot, make_wizard, db: Path, bed: Bed, user: MailUser,
        microsoft_is_the_test_bed: None) -> None:
    wizard = make_wizard(db, _found_at_microsoft(bed, user))
    wizard.email_field.setText("mei.lin@outlook.com")
    wizard.open_url = lambda url: None  # the browser never comes back
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as outcome:
        wizard.oauth_button.click()
        wizard.sign_in_dialog.reject()
    assert outcome.args == ["failed"]
    assert "cancelled" in wizard.test_detail.text()
    with Store.open(db) as store:
        assert store.get_account("mei.lin@outlook.com") is None


def test_microsoft_365_behind_a_mail_filter_is_offered_the_microsoft_sign_in(  # type: ignore[no-untyped-def]
        qtbot, make_wizard, db: Path) -> None:
    # The real discovery, with a resolver that answers like a company whose MX is a filter
    # and whose autodiscover CNAME points at Microsoft.
    from client.accounts.discover import discover
    from tests.client.accounts.test_discover import FakeResolver

    resolver = FakeResolver(mx={"dragon-export.cn": ["eu-smtp-inbound-1.mimecast.com"]},
                            cname={"autodiscover.dragon-export.cn": ["autodiscover.outlook.com"]})
    wizard = make_wizard(db, lambda email: discover(email, resolver=resolver,
                                                    http_get=lambda url: None))
    wizard.email_field.setText("li.wei@dragon-export.cn")
    assert not wizard.oauth_button.isVisible()
    wizard.password_field.setText("not-a-password")
    with qtbot.waitSignal(wizard.stepFinished, timeout=20000) as found:
        wizard.next_button.click()
    assert found.args == ["found"]
    assert wizard.found_preset == "microsoft365"
    qtbot.waitSignal(wizard.stepFinished, timeout=20000).wait()  # the password test (no network)
    wizard.back_button.click()
    wizard.back_button.click()
    assert wizard.oauth_button.isVisible() and wizard.oauth_button.text() == "Sign in with Microsoft"
