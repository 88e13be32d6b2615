"""The command line speaks English by default and Chinese with `--lang zh_CN` or
`TRADEWIND_LANG` (real Dovecot: a refused password, an untrusted certificate)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from client import i18n
from client.cli.errors import ExitCode
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def _no_language_from_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TRADEWIND_LANG", *i18n.LOCALE_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_sync_errors_in_english_by_default_and_in_chinese_when_asked(
        cli: Cli, dovecot: DovecotServer, imap_user: MailUser,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert add_account(cli, dovecot, imap_user, password="wrong-密码").code == 0
    english = cli("sync")
    assert english.code == ExitCode.AUTH
    assert "sync failed" in english.err and "rejected the user name or password" in english.err

    chinese = cli("--lang", "zh_CN", "sync")
    assert chinese.code == ExitCode.AUTH
    assert f"{imap_user.email}：同步失败：服务器 " in chinese.err
    assert "拒绝了用户名或密码" in chinese.err and "请删除该账户" in chinese.err
    assert "wrong-密码" not in chinese.err + chinese.out
    assert i18n.get_language() == "en"  # an in-process run leaves the caller's language

    as_json = cli("--lang", "zh_CN", "--json", "account", "test", imap_user.email)
    assert as_json.code == ExitCode.AUTH
    assert as_json.json()["error"]["kind"] == "auth"  # the stable part stays English
    assert "拒绝了用户名或密码" in as_json.json()["error"]["message"]

    monkeypatch.setenv("TRADEWIND_LANG", "zh_CN")
    by_variable = cli("account", "test", imap_user.email)
    assert by_variable.code == ExitCode.AUTH and "拒绝了用户名或密码" in by_variable.err
    assert "rejected" in cli("--lang", "en", "account", "test", imap_user.email).err


def test_certificate_reason_in_chinese(cli: Cli, dovecot: DovecotServer,
                                       imap_user: MailUser) -> None:
    assert add_account(cli, dovecot, imap_user, ca=False).code == 0
    refused = cli("--lang", "zh_CN", "account", "test", imap_user.email)
    assert refused.code == ExitCode.TLS
    first = refused.err.splitlines()[0]
    assert first.endswith(f"{dovecot.host}:{dovecot.imaps_port} 的证书不受信任（该证书由这台电脑不认识的机构颁发）。")
    assert "其 SHA-256 指纹为" in refused.err
    assert "tradewind account trust" in refused.err  # the command itself is not translated
    english = cli("account", "test", imap_user.email)
    assert "is not trusted (the certificate was issued by an authority" in english.err


def test_an_unknown_language_is_a_usage_error(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli("--lang", "tlh", "account", "list")
    assert result.code == ExitCode.USAGE == 2
    assert "does not speak 'tlh'" in result.err and "zh_CN" in result.err
    assert "Traceback" not in result.err
    monkeypatch.setenv("TRADEWIND_LANG", "de_DE")  # from the environment: English, no error
    variable_only = cli("account", "list")
    assert variable_only.code == 0
