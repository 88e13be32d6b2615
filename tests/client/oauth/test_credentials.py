"""What an OAuth2 account's logins use, and the "sign in again" status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from client.accounts.manager import AccountManager
from client.oauth import tokens
from client.oauth.credentials import NEEDS_LOGIN, secret_for, secret_or_none
from client.oauth.errors import SignInRequired
from client.oauth.pkce_flow import sign_in
from client.oauth.providers import Provider
from client.store.db import Store
from tests.servers.oauth_server import OAuthServer

EMAIL = "alice@example.test"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "tradewind.db") as opened:
        yield opened


def _add(store: Store, provider: Provider, browser: Callable[[str], None]) -> None:
    record = sign_in(provider, open_url=browser, timeout=30)
    AccountManager(store).add_oauth(EMAIL, provider, record, imap="imap.example.test",
                                    smtp="smtp.example.test", lookup=False)


def test_an_oauth_account_logs_in_with_its_access_token(
        store: Store, provider: Provider, oauth_server: OAuthServer,
        browser: Callable[[str], None]) -> None:
    _add(store, provider, browser)
    account = store.get_account(EMAIL)
    assert account is not None and account.auth == "oauth2"
    token = secret_for(account, store)
    assert token is not None and oauth_server.active_user(token) == "alice"
    assert account.oauth_provider is not None and token not in account.oauth_provider


def test_a_revoked_sign_in_marks_the_account_needs_login(
        store: Store, provider: Provider, oauth_server: OAuthServer,
        browser: Callable[[str], None]) -> None:
    _add(store, provider, browser)
    oauth_server.revoke_refresh_tokens()
    account = store.get_account(EMAIL)
    assert account is not None
    with pytest.raises(SignInRequired):
        secret_for(account, store, force_refresh=True)
    marked = store.get_account(EMAIL)
    assert marked is not None and marked.status == NEEDS_LOGIN
    assert marked.last_error and "Sign in again" in marked.last_error
    stored = tokens.load(EMAIL)
    assert stored is not None
    tokens.save(EMAIL, tokens.TokenSet(stored.access_token, 0.0, stored.refresh_token, None))
    assert secret_or_none(account, store) is None  # best-effort work just waits


def test_signing_in_again_clears_needs_login(
        store: Store, provider: Provider, oauth_server: OAuthServer,
        browser: Callable[[str], None]) -> None:
    _add(store, provider, browser)
    account = store.get_account(EMAIL)
    assert account is not None
    store.set_account_status(account.id, NEEDS_LOGIN, "expired")
    again = sign_in(provider, open_url=browser, timeout=30)
    assert AccountManager(store).relogin(EMAIL, again).status == "ok"
    assert secret_for(account, store) == again.access_token


def test_removing_the_account_forgets_its_tokens(
        store: Store, provider: Provider, browser: Callable[[str], None]) -> None:
    _add(store, provider, browser)
    AccountManager(store).remove(EMAIL)
    assert tokens.load(EMAIL) is None


def test_removing_the_account_revokes_its_sign_in_at_the_provider(
        store: Store, provider: Provider, oauth_server: OAuthServer,
        browser: Callable[[str], None]) -> None:
    _add(store, provider, browser)
    stored = tokens.load(EMAIL)
    assert stored is not None and stored.refresh_token
    AccountManager(store).remove(EMAIL)
    with pytest.raises(SignInRequired):
        tokens.refresh(EMAIL, provider, stored)  # the provider no longer takes the token


def test_removing_works_offline_too(
        store: Store, provider: Provider, oauth_server: OAuthServer,
        browser: Callable[[str], None]) -> None:
    _add(store, provider, browser)
    oauth_server.stop()
    AccountManager(store).remove(EMAIL)
    assert tokens.load(EMAIL) is None and store.get_account(EMAIL) is None
