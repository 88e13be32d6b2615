"""`AccountManager.add` and `add_oauth` share one account-row path: the same checks and
refusals in words (also in Chinese for OAuth2 accounts, which had English-only copies), the
same server settings, and a failed keyring write leaves no row behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from client import i18n
from client.accounts.manager import AccountExistsError, AccountManager, InvalidAccountError
from client.oauth import tokens as token_store
from client.oauth.providers import Provider
from client.oauth.tokens import TokenSet
from client.profile import secrets
from client.store.db import Store

PROVIDER = Provider("example", "https://login.example.test/authorize",
                    "https://login.example.test/token", ("mail",), "client-1")
TOKENS = TokenSet("access-1", 4102444800.0, "refresh-1")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    with Store.open(tmp_path / "t.db") as opened:
        yield opened


def test_both_kinds_get_the_same_servers_and_their_own_secret(store: Any) -> None:
    manager = AccountManager(store)
    options = {"imap": "mail.x.test:1993", "smtp": "mail.x.test:1465", "security": "ssl",
               "lookup": False}
    password = manager.add("pw@x.test", "secret-1", **options).account
    oauth = manager.add_oauth("OAuth@X.test", PROVIDER, TOKENS, **options).account
    for account in (password, oauth):
        assert (account.imap_host, account.imap_port, account.smtp_port) == ("mail.x.test",
                                                                             1993, 1465)
    assert (password.auth, oauth.auth) == ("password", "oauth2")
    assert oauth.email.lower() == "oauth@x.test" and oauth.username == oauth.email
    assert secrets.get_password("pw@x.test") == "secret-1"
    assert token_store.load(oauth.email) == TOKENS
    assert "client-1" in (oauth.oauth_provider or "") and "refresh-1" not in (
        oauth.oauth_provider or "")


def test_oauth_refusals_are_the_same_words_in_chinese(store: Any) -> None:
    manager = AccountManager(store)
    manager.add("rep@x.test", "pw", imap="imap.x.test", lookup=False)
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(AccountExistsError) as exists:
            manager.add_oauth("REP@x.test", PROVIDER, TOKENS, imap="imap.x.test")
        assert str(exists.value) == "REP@x.test 的账户已经存在。"
        with pytest.raises(InvalidAccountError) as mode:
            manager.add_oauth("new@x.test", PROVIDER, TOKENS, imap="imap.x.test",
                              security="tls")
        assert "不是" in str(mode.value) and "tls" in str(mode.value)
    finally:
        i18n.set_language("en")


def test_a_failed_token_write_leaves_no_row(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(email: str, tokens: TokenSet) -> None:
        raise secrets.SecretsError("the keyring refused the entry")

    monkeypatch.setattr(token_store, "save", refuse)
    with pytest.raises(secrets.SecretsError):
        AccountManager(store).add_oauth("new@x.test", PROVIDER, TOKENS, imap="imap.x.test",
                                        lookup=False)
    assert store.list_accounts() == []
