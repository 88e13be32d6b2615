"""`tradewind account ...` against the real Dovecot (in-process runner, in-memory keyring)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

import keyring
import pytest
from keyring.backends import null

from client.accounts.manager import format_fingerprint
from client.cli.errors import ExitCode
from tests.client.cli.fixtures import CliResult
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.support.memory_keyring import MemoryKeyring

Cli = Callable[..., CliResult]

ACCOUNT_KEYS = {
    "id", "email", "display_name", "imap_host", "imap_port", "smtp_host", "smtp_port",
    "security", "username", "ca_file", "pinned_sha256", "smtp_pinned_sha256", "preset", "status",
    "last_error", "auth",
}


def add_account(
    cli: Cli,
    server: DovecotServer,
    user: MailUser,
    *,
    security: str = "ssl",
    ca: bool = True,
    password: str | None = None,
    extra: tuple[str, ...] = (),
) -> CliResult:
    port = server.imaps_port if security == "ssl" else server.imap_port
    args = [
        "account", "add", "--email", user.email, "--username", user.username,
        "--imap", f"{server.host}:{port}", "--security", security, "--password-stdin", *extra,
    ]
    if ca:
        args += ["--ca-file", str(server.ca_file)]
    return cli(*args, input=(password or user.password) + "\n")


def test_add_list_test_over_implicit_tls(cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    added = add_account(cli, dovecot, imap_user, extra=("--json",))
    assert added.code == 0, added.err
    document = added.json()
    assert set(document) == {"account", "source", "notes"}
    assert set(document["account"]) == ACCOUNT_KEYS
    assert document["source"] == "manual"
    assert document["account"]["imap_port"] == dovecot.imaps_port

    listed = cli("account", "list", "--json")
    assert [a["email"] for a in listed.json()["accounts"]] == [imap_user.email]

    tested = cli("account", "test", imap_user.email, "--json")
    assert tested.code == 0, tested.err
    report = tested.json()
    assert set(report) == {"ok", "email", "host", "port", "security", "capabilities"}
    assert report["ok"] is True and "IDLE" in report["capabilities"]
    assert cli("account", "list", "--json").json()["accounts"][0]["status"] == "ok"


def test_starttls_port_with_ca_file(cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    assert add_account(cli, dovecot, imap_user, security="starttls").code == 0
    tested = cli("account", "test", imap_user.email)
    assert tested.code == 0, tested.err
    assert f"{dovecot.imap_port} (starttls)" in tested.out
    assert "CONDSTORE" in tested.out


def test_wrong_password_exit_code_and_words(cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    assert add_account(cli, dovecot, imap_user, password="not-the-password").code == 0
    tested = cli("account", "test", imap_user.email)
    assert tested.code == ExitCode.AUTH == 3
    assert "Traceback" not in tested.err
    assert "not-the-password" not in tested.err + tested.out
    assert re.search(r"password|rejected|authenticat", tested.err, re.I)
    account = cli("account", "list", "--json").json()["accounts"][0]
    assert account["status"] == "auth-failed"


def test_untrusted_certificate_shows_fingerprint_then_trust_makes_it_work(
    cli: Cli, dovecot: DovecotServer, imap_user: MailUser
) -> None:
    assert add_account(cli, dovecot, imap_user, ca=False).code == 0
    refused = cli("account", "test", imap_user.email)
    assert refused.code == ExitCode.TLS == 5
    expected = format_fingerprint(dovecot.cert_sha256)
    assert expected in refused.err
    command_line = next(
        line.strip() for line in refused.err.splitlines() if "account trust" in line
    )
    assert command_line == f"tradewind account trust {imap_user.email} {expected}"

    as_json = cli("--json", "account", "test", imap_user.email)
    assert as_json.json()["error"]["fingerprint"] == expected
    assert as_json.json()["error"]["kind"] == "tls"

    trusted = cli(*shlex.split(command_line)[1:])
    assert trusted.code == 0, trusted.err
    assert cli("account", "test", imap_user.email).code == 0


def test_a_pin_for_another_certificate_is_still_refused(
    cli: Cli, dovecot: DovecotServer, imap_user: MailUser
) -> None:
    assert add_account(cli, dovecot, imap_user, ca=False).code == 0
    assert cli("account", "trust", imap_user.email, "ab" * 32).code == 0
    assert cli("account", "test", imap_user.email).code == ExitCode.TLS


def test_trust_rejects_a_malformed_fingerprint(cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    assert add_account(cli, dovecot, imap_user).code == 0
    result = cli("account", "trust", imap_user.email, "not-hex")
    assert result.code == ExitCode.USAGE
    assert "SHA-256 fingerprint" in result.err


def test_unreachable_server_is_a_network_error(cli: Cli, imap_user: MailUser) -> None:
    result = cli(
        "account", "add", "--email", imap_user.email, "--imap", f"127.0.0.1:{free_port()}",
        "--password-stdin", input="pw\n",
    )
    assert result.code == 0
    tested = cli("account", "test", imap_user.email)
    assert tested.code == ExitCode.NETWORK == 4
    assert "Traceback" not in tested.err


def test_remove_drops_the_row_and_the_keyring_entry(
    cli: Cli, dovecot: DovecotServer, imap_user: MailUser, memory_keyring: MemoryKeyring
) -> None:
    assert add_account(cli, dovecot, imap_user).code == 0
    assert memory_keyring.stored() == {("Tradewind", imap_user.email.lower()): imap_user.password}
    removed = cli("account", "remove", imap_user.email, "--json")
    assert removed.code == 0
    assert removed.json() == {"removed": imap_user.email}
    assert memory_keyring.stored() == {}
    assert cli("account", "list", "--json").json() == {"accounts": []}
    again = cli("account", "remove", imap_user.email)
    assert again.code == ExitCode.NOT_FOUND and "no account" in again.err.lower()


def test_duplicate_and_invalid_input_are_usage_errors(cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    assert add_account(cli, dovecot, imap_user).code == 0
    duplicate = add_account(cli, dovecot, imap_user)
    assert duplicate.code == ExitCode.USAGE and "already exists" in duplicate.err
    for bad in (["--email", "not-an-address"], ["--email", "a@b.example", "--imap", "host:99999"],
                ["--email", "a@b.example", "--imap", "bad host"]):
        result = cli("account", "add", *bad, "--password-stdin", input="pw\n")
        assert result.code == ExitCode.USAGE, (bad, result.err)
        assert "Traceback" not in result.err


def test_password_is_never_accepted_as_an_argument(cli: Cli) -> None:
    result = cli("account", "add", "--email", "a@b.example", "--password", "hunter2")
    assert result.code == ExitCode.USAGE
    assert "unrecognized arguments" in result.err


def test_no_password_without_a_terminal_is_explained(cli: Cli) -> None:
    result = cli("account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1")
    assert result.code == ExitCode.USAGE
    assert "--password-stdin" in result.err
    assert cli("account", "list", "--json").json() == {"accounts": []}


def test_interactive_prompt_on_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                          memory_keyring: MemoryKeyring) -> None:
    prompts: list[str] = []
    monkeypatch.setattr(
        "client.cli.account_cmd.getpass.getpass",
        lambda prompt, stream=None: prompts.append(prompt) or "typed-secret",
    )
    result = cli("account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1", tty=True)
    assert result.code == 0, result.err
    assert prompts == ["Password for a@b.example: "]
    assert memory_keyring.stored() == {("Tradewind", "a@b.example"): "typed-secret"}


def test_refused_keyring_stores_nothing(cli: Cli) -> None:
    keyring.set_keyring(null.Keyring())
    result = cli("account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1",
                 "--password-stdin", input="pw\n")
    assert result.code == ExitCode.KEYRING == 8
    assert "system keyring" in result.err
    assert cli("account", "list", "--json").json() == {"accounts": []}


def test_email_only_uses_the_provider_preset(cli: Cli) -> None:
    result = cli("account", "add", "--email", "rep@qq.com", "--password-stdin", "--json", input="pw\n")
    assert result.code == 0, result.err
    document = result.json()
    assert document["source"] == "preset"
    assert document["account"]["preset"] == "qq"
    assert document["account"]["imap_host"].endswith("qq.com")
    assert document["account"]["security"] in ("ssl", "starttls")


def test_manual_imap_wins_over_the_preset(cli: Cli) -> None:
    result = cli(
        "account", "add", "--email", "rep@qq.com", "--imap", "mail.internal.example:1993",
        "--password-stdin", "--json", input="pw\n",
    )
    account = result.json()["account"]
    assert (account["imap_host"], account["imap_port"], account["preset"]) == (
        "mail.internal.example", 1993, None,
    )
    assert result.json()["source"] == "manual"
