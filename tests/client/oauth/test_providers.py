"""The provider table, FILE and ISSUER_URL providers, and client ids from settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from client.oauth.errors import ProviderConfigError
from client.oauth.providers import (
    builtin,
    from_public_json,
    load_provider,
    provider_for_host,
)
from tests.servers.oauth_server import OAuthServer


def test_microsoft_asks_for_imap_smtp_and_offline_access() -> None:
    ms = builtin("microsoft", {"oauth.microsoft.client_id": "abc"})
    assert set(ms.scopes) == {"https://outlook.office.com/IMAP.AccessAsUser.All",
                              "https://outlook.office.com/SMTP.Send", "offline_access"}
    assert ms.client_id == "abc" and ms.redirect_host == "localhost"


def test_no_client_id_is_shipped() -> None:
    with pytest.raises(ProviderConfigError, match="ships no client id"):
        builtin("microsoft", {})


def test_google_needs_its_desktop_secret_and_asks_for_offline_access() -> None:
    with pytest.raises(ProviderConfigError, match="client secret"):
        builtin("google", {"oauth.google.client_id": "g"})
    google = builtin("google", {"oauth.google.client_id": "g", "oauth.google.client_secret": "s"})
    assert google.scopes == ("https://mail.google.com/",)
    assert google.auth_params["access_type"] == "offline"


def test_hosts_map_to_their_provider() -> None:
    assert provider_for_host("Outlook.Office365.com") == "microsoft"
    assert provider_for_host("imap.gmail.com") == "google"
    assert provider_for_host("imap.example.test") is None


def test_a_file_provider_is_read_and_stored_without_its_secret(tmp_path: Path) -> None:
    path = tmp_path / "idp.json"
    path.write_text(json.dumps({
        "authorization_endpoint": "https://idp.example.test/auth",
        "token_endpoint": "https://idp.example.test/token", "client_id": "cid",
        "client_secret": "not-in-the-row", "scopes": ["mail", "offline_access"]}))
    provider = load_provider(str(path), {})
    assert provider.client_secret == "not-in-the-row"
    assert "not-in-the-row" not in provider.public_json()
    assert from_public_json(provider.public_json(), "not-in-the-row") == provider


@pytest.mark.parametrize("content, words", [
    ("{", "not valid JSON"),
    ("[]", "one JSON object"),
    (json.dumps({"authorization_endpoint": "http://idp.example.test/a",
                 "token_endpoint": "https://idp.example.test/t", "client_id": "c",
                 "scopes": ["m"]}), "https://"),
    (json.dumps({"authorization_endpoint": "https://idp.example.test/a",
                 "token_endpoint": "https://idp.example.test/t", "client_id": "c"}), "scopes"),
])
def test_a_bad_file_is_refused_in_words(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "idp.json"
    path.write_text(content)
    with pytest.raises(ProviderConfigError, match=words):
        load_provider(str(path), {})


def test_an_issuer_url_is_read_from_its_metadata(oauth_server: OAuthServer) -> None:
    provider = load_provider(oauth_server.base_url, {
        "oauth.custom.client_id": "tradewind-test", "oauth.custom.scopes": ["mail"]})
    assert provider.token_endpoint == oauth_server.base_url + "/token"
    assert provider.client_id == "tradewind-test"


def test_neither_file_nor_address_is_refused() -> None:
    with pytest.raises(ProviderConfigError, match="none of these"):
        load_provider("no-such-file.json", {})
