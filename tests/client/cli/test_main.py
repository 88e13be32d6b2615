"""The command skeleton: usage errors, exit codes, JSON error documents, the desktop-app hand-off."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable

import pytest

from client.cli import app_launch
from client.cli.errors import CliError, ExitCode, classify
from tests.client.cli.fixtures import CliResult

Cli = Callable[..., CliResult]


def test_help_exits_zero_and_lists_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "account" in result.out


def test_unknown_command_is_a_usage_error_in_words(cli: Cli) -> None:
    result = cli("frobnicate")
    assert result.code == ExitCode.USAGE == 2
    assert "invalid choice" in result.err and "--help" in result.err
    assert "Traceback" not in result.err


def test_missing_required_option_is_a_usage_error(cli: Cli) -> None:
    result = cli("account", "add")
    assert result.code == 2
    assert "--email" in result.err


def test_global_options_work_before_and_after_the_command(cli: Cli, tmp_path) -> None:
    before = cli("--profile", str(tmp_path / "p1"), "--json", "account", "list")
    after = cli("account", "list", "--json", "--profile", str(tmp_path / "p2"))
    assert before.code == after.code == 0
    assert before.json() == after.json() == {"accounts": []}
    assert (tmp_path / "p1" / "tradewind.db").exists()
    assert (tmp_path / "p2" / "tradewind.db").exists()


def test_profile_that_is_a_file_gives_words_not_a_traceback(cli: Cli, tmp_path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = cli("--profile", str(blocker), "account", "list")
    assert result.code == ExitCode.GENERAL
    assert "not a directory" in result.err
    assert "Traceback" not in result.err


def test_json_mode_errors_are_a_json_document(cli: Cli) -> None:
    result = cli("--json", "account", "test", "nobody@example.com")
    assert result.code == ExitCode.NOT_FOUND
    assert result.json() == {
        "error": {
            "code": 6,
            "kind": "not_found",
            "message": result.json()["error"]["message"],
        }
    }
    assert "nobody@example.com" in result.err


def test_classify_maps_core_errors_by_class_name() -> None:
    from client.profile.paths import ProfileLockedError
    from client.profile.secrets import KeyringUnavailableError

    locked = classify(ProfileLockedError(__import__("pathlib").Path("/p"), 42))
    assert locked is not None and locked.code == ExitCode.LOCKED and "42" in locked.message
    keyring_error = classify(KeyringUnavailableError("no keyring"))
    assert keyring_error is not None and keyring_error.code == ExitCode.KEYRING
    assert classify(ValueError("a bug")) is None  # unexpected stays unexpected
    assert CliError("x", ExitCode.TLS, {"fingerprint": "AB"}).to_json()["error"]["fingerprint"] == "AB"


def test_an_unexpected_error_prints_a_traceback_and_exits_1(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from client.accounts import manager

    def broken(self: object) -> list[object]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(manager.AccountManager, "list_accounts", broken)
    result = cli("account", "list")
    assert result.code == 1
    assert "this is a bug" in result.err and "ZeroDivisionError" in result.err


def test_no_command_hands_argv_to_the_desktop_app(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    fake = types.ModuleType("fake_ui_app")
    fake.run = lambda argv: seen.append(argv) or 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_ui_app", fake)
    monkeypatch.setattr(app_launch, "APP_MODULE", "fake_ui_app")
    assert cli().code == 7
    assert cli("--demo").code == 7
    assert seen == [[], ["--demo"]]


def test_missing_desktop_app_is_explained(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_launch, "APP_MODULE", "no_such_package_tradewind.app")
    result = cli("--demo")
    assert result.code == ExitCode.UNAVAILABLE
    assert "desktop app cannot start" in result.err
    assert "Traceback" not in result.err


def test_python_dash_m_and_console_script_run(cli_process: Callable[..., CliResult]) -> None:
    result = cli_process("--json", "account", "list")
    assert result.code == 0, result.err
    assert result.json() == {"accounts": []}


def test_a_cache_from_a_newer_tradewind_is_refused_in_words(cli: Cli, profile_dir) -> None:
    import sqlite3

    assert cli("account", "list").code == 0  # creates the database
    with sqlite3.connect(profile_dir / "tradewind.db") as conn:
        conn.execute("PRAGMA user_version = 9999")
    result = cli("account", "list")
    assert result.code == ExitCode.DATA == 9
    assert "newer Tradewind" in result.err and "Traceback" not in result.err


def test_a_damaged_cache_is_reported_not_crashed_on(cli: Cli, profile_dir) -> None:
    (profile_dir / "tradewind.db").write_bytes(b"this is not a database" * 200)
    result = cli("folders")
    assert result.code == ExitCode.DATA
    assert "damaged" in result.err and "Traceback" not in result.err
