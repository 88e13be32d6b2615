"""The app's sync workers and IDLE watcher get an OAuth2 account's access token."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from client.imap.errors import AuthenticationError
from client.oauth import tokens
from client.oauth.providers import from_metadata
from client.store.db import Store
from tests.servers.oauth_server import OAuthServer
from tests.ui.sync.test_sync_driver import WAIT_MS
from ui.sync.driver import keyring_password


def test_an_oauth_account_gets_a_token_and_a_revoked_one_an_auth_error(tmp_path: Path) -> None:
    server = OAuthServer().start()
    try:
        provider = from_metadata(server.provider_json(), name="testbed")
        with Store.open(tmp_path / "tradewind.db") as store:
            account = store.add_account("rep@example.test", imap_host="imap.example.test",
                                        auth="oauth2", oauth_provider=provider.public_json())
        tokens.save(account.email, tokens.TokenSet("at-live", time.time() + 3600, "rt-x", None))
        assert keyring_password(account) == "at-live"
        tokens.save(account.email, tokens.TokenSet("at-old", 0.0, "rt-unknown", None))
        with pytest.raises(AuthenticationError, match="Sign in again") as caught:
            keyring_password(account)  # the refresh is refused: invalid_grant
        assert "rt-unknown" not in str(caught.value)
    finally:
        server.stop()


def test_a_revoked_sign_in_shows_sign_in_again_and_one_click_brings_the_account_back(  # type: ignore[no-untyped-def]
        open_app, bed, user, profile_dir: Path, qtbot) -> None:
    import requests

    from client.accounts.manager import AccountManager
    from client.oauth.pkce_flow import sign_in
    from client.profile.paths import DATABASE_NAME
    from tests.client.sync.env import make_message

    provider = from_metadata(bed.oauth.provider_json(), name="testbed")
    record = sign_in(provider, open_url=lambda url: requests.get(url, timeout=30), timeout=30)
    with Store.open(profile_dir / DATABASE_NAME) as store:
        account = AccountManager(store).add_oauth(
            user.email, provider, record, imap=f"{bed.dovecot.host}:{bed.dovecot.imaps_port}",
            smtp=f"127.0.0.1:{bed.sub.starttls_port}", security="ssl",
            username=user.username, ca_file=str(bed.dovecot.ca_file), lookup=False).account
    bed.oauth.revoke_refresh_tokens()
    bed.dovecot.deliver(user, make_message(7, subject="After the sign-in"))
    app = open_app()
    driver = app.driver
    qtbot.waitUntil(lambda: account.id in driver.states
                    and driver.states[account.id].state == "needs-login", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: app.controls.fix_button.isVisible(), timeout=WAIT_MS)
    assert app.controls.fix_button.text() == "Sign in again…"
    browsed: list[str] = []

    def browser(url: str) -> None:  # the pool thread: the rep's browser follows the redirect
        browsed.append(url)
        requests.get(url, timeout=30)

    driver.open_url = browser
    app.controls.fix_button.click()
    dialog = app.controls.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: driver.states[account.id].state == "ok", timeout=WAIT_MS)
    assert len(browsed) == 1 and not dialog.isVisible()
    qtbot.waitUntil(lambda: "After the sign-in" in app.subjects(), timeout=WAIT_MS)


def test_cancel_leaves_the_account_waiting_for_a_sign_in(  # type: ignore[no-untyped-def]
        open_app, bed, user, profile_dir: Path, qtbot) -> None:
    from client.profile.paths import DATABASE_NAME

    provider = from_metadata(bed.oauth.provider_json(), name="testbed")
    with Store.open(profile_dir / DATABASE_NAME) as store:
        account = store.add_account(
            user.email, imap_host=bed.dovecot.host, imap_port=bed.dovecot.imaps_port,
            security="ssl", username=user.username, ca_file=str(bed.dovecot.ca_file),
            auth="oauth2", oauth_provider=provider.public_json())
    app = open_app()
    driver = app.driver
    qtbot.waitUntil(lambda: account.id in driver.states
                    and driver.states[account.id].state == "needs-login", timeout=WAIT_MS)
    driver.open_url = lambda url: None  # the browser never comes back
    app.controls.fix_button.click()
    dialog = app.controls.sign_in_dialog
    dialog.reject()
    qtbot.waitUntil(lambda: "cancelled" in driver.states[account.id].message, timeout=WAIT_MS)
    assert driver.states[account.id].state == "needs-login"


def test_a_refused_access_token_is_refreshed_once_by_the_app(  # type: ignore[no-untyped-def]
        open_app, bed, user, profile_dir: Path, qtbot) -> None:
    import requests

    from client.accounts.manager import AccountManager
    from client.oauth.pkce_flow import sign_in
    from client.profile.paths import DATABASE_NAME
    from tests.client.sync.env import make_message

    provider = from_metadata(bed.oauth.provider_json(), name="testbed")
    record = sign_in(provider, open_url=lambda url: requests.get(url, timeout=30), timeout=30)
    with Store.open(profile_dir / DATABASE_NAME) as store:
        account = AccountManager(store).add_oauth(
            user.email, provider, record, imap=f"{bed.dovecot.host}:{bed.dovecot.imaps_port}",
            smtp=f"127.0.0.1:{bed.sub.starttls_port}", security="ssl",
            username=user.username, ca_file=str(bed.dovecot.ca_file), lookup=False).account
    bed.oauth.expire_access_tokens()  # the stored token still looks valid to the app
    bed.dovecot.deliver(user, make_message(8, subject="Refreshed"))
    app = open_app(idle_seconds=3600)
    qtbot.waitUntil(lambda: "Refreshed" in app.subjects(), timeout=WAIT_MS)
    assert tokens.load(user.email).access_token != record.access_token  # type: ignore[union-attr]
    assert account.id in app.driver.states
