"""`account add` picks OAuth2 for Microsoft/Google addresses; a Chinese provider's refusal
repeats the authorization-code advice (real Dovecot refusal)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]


def test_an_outlook_address_signs_in_with_oauth2_by_default(cli: Cli) -> None:
    result = cli("account", "add", "--email", "rep@outlook.com", "--no-browser")
    assert result.code == 2
    assert "ships no client id" in result.err and "--client-id" in result.err
    assert "Traceback" not in result.err
    listing = cli("account", "list", "--json").json()
    assert listing["accounts"] == []  # nothing half-added


def test_an_app_password_still_works_for_gmail(cli: Cli) -> None:
    result = cli("account", "add", "--email", "rep@gmail.com", "--password-stdin", "--json",
                 input="app-password-1234\n")
    assert result.code == 0, result.err
    assert result.json()["account"]["auth"] == "password"


def test_a_netease_refusal_repeats_the_authorization_code_advice(
        cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    added = add_account(cli, dovecot, imap_user, password="the-web-password")
    assert added.code == 0, added.err
    with Store.open(Profile.resolve().database) as store:
        account = store.get_account(imap_user.email)
        assert account is not None
        store.update_account(account.id, preset="netease")
    result = cli("account", "test", imap_user.email)
    assert result.code == 3
    assert "authorization code (授权码)" in result.err
    assert "the-web-password" not in result.err


def test_a_refused_keyring_stops_before_the_browser_opens(
        cli: Cli, tmp_path: Path) -> None:
    import json

    import keyring
    from keyring.backends import fail

    provider = tmp_path / "idp.json"
    provider.write_text(json.dumps({
        "authorization_endpoint": "https://idp.example.test/auth",
        "token_endpoint": "https://idp.example.test/token", "client_id": "c", "scopes": ["m"]}))
    keyring.set_keyring(fail.Keyring())
    result = cli("account", "add", "--email", "rep@example.test", "--imap", "imap.example.test",
                 "--oauth", str(provider), "--no-browser")
    assert result.code == 8
    assert "Open this address" not in result.err and "keyring" in result.err
