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
