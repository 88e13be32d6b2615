"""Token records in the keyring (chunked), expiry, refresh and the refresh-once rule."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from client.oauth import tokens
from client.oauth.errors import SignInRequired
from client.oauth.pkce_flow import sign_in
from client.oauth.providers import Provider
from client.profile import secrets
from tests.servers.oauth_server import OAuthServer
from tests.support.memory_keyring import MemoryKeyring


def test_a_long_record_is_split_below_the_windows_limit(memory_keyring: MemoryKeyring) -> None:
    record = tokens.TokenSet("a" * 3000, time.time() + 3600, "r" * 1500, None)
    tokens.save("Rep@Example.test", record)
    stored = memory_keyring.stored()
    assert all(len(value) <= 1280 for value in stored.values())
    assert len(stored) >= 6
    assert tokens.load("rep@example.test") == record


def test_replacing_a_record_leaves_no_old_piece(memory_keyring: MemoryKeyring) -> None:
    tokens.save("rep@example.test", tokens.TokenSet("a" * 2500, 1.0, "r", None))
    tokens.save("rep@example.test", tokens.TokenSet("b", 2.0, "r", None))
    assert len(memory_keyring.stored()) == 2
    assert tokens.delete("rep@example.test") is True
    assert memory_keyring.stored() == {}
    assert tokens.delete("rep@example.test") is False


def test_a_missing_piece_reads_as_no_record(memory_keyring: MemoryKeyring) -> None:
    tokens.save("rep@example.test", tokens.TokenSet("a" * 2500, 1.0, "r", None))
    piece = next(user for (service, user) in memory_keyring.stored() if user.endswith(".2"))
    memory_keyring.delete_password(secrets.TOKEN_SERVICE, piece)
    assert tokens.load("rep@example.test") is None


def _signed_in(provider: Provider, browser: Callable[[str], None]) -> tokens.TokenSet:
    record = sign_in(provider, open_url=browser, timeout=30)
    tokens.save("alice@example.test", record)
    return record


def test_an_expired_access_token_is_refreshed_before_use(
        provider: Provider, oauth_server: OAuthServer, browser: Callable[[str], None]) -> None:
    first = _signed_in(provider, browser)
    tokens.save("alice@example.test", tokens.TokenSet(first.access_token, time.time() - 1,
                                                       first.refresh_token, None))
    fresh = tokens.access_token("alice@example.test", provider)
    assert fresh != first.access_token
    assert oauth_server.active_user(fresh) == "alice"
    assert tokens.access_token("alice@example.test", provider) == fresh  # no second refresh
    assert oauth_server.grants == ["authorization_code", "refresh_token"]


def test_a_refused_token_is_refreshed_once_never_in_a_loop(
        provider: Provider, oauth_server: OAuthServer, browser: Callable[[str], None]) -> None:
    _signed_in(provider, browser)
    tried: list[str] = []

    def attempt(token: str) -> str:
        tried.append(token)
        raise PermissionError("refused")

    with pytest.raises(PermissionError):
        tokens.with_access_token("alice@example.test", provider, attempt,
                                 lambda exc: isinstance(exc, PermissionError))
    assert len(tried) == 2 and tried[0] != tried[1]
    assert oauth_server.grants.count("refresh_token") == 1


def test_a_revoked_refresh_token_means_sign_in_again(
        provider: Provider, oauth_server: OAuthServer, browser: Callable[[str], None]) -> None:
    record = _signed_in(provider, browser)
    oauth_server.revoke_refresh_tokens()
    with pytest.raises(SignInRequired, match="Sign in again") as caught:
        tokens.access_token("alice@example.test", provider, force_refresh=True)
    assert record.refresh_token not in str(caught.value)
    assert tokens.load("alice@example.test") == record  # kept until a new sign-in replaces it


def test_no_record_means_sign_in_again(provider: Provider) -> None:
    with pytest.raises(SignInRequired):
        tokens.access_token("nobody@example.test", provider)
