"""`client.accounts.manager`: input parsing, settings precedence, rollback on keyring failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from client.accounts import manager as manager_module
from client.accounts.discover import DiscoveryResult
from client.accounts.manager import (
    AccountManager,
    HostPort,
    InvalidAccountError,
    format_fingerprint,
    normalise_email,
    normalise_fingerprint,
    parse_host_port,
)
from client.accounts.presets import ServerSettings
from client.profile import secrets
from client.store.db import Store


@pytest.fixture
def store(tmp_path: Path) -> Any:
    opened = Store.open(tmp_path / "t.db")
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("imap.example.com", HostPort("imap.example.com", None)),
        ("imap.example.com:993", HostPort("imap.example.com", 993)),
        ("127.0.0.1:1143", HostPort("127.0.0.1", 1143)),
        ("[::1]:993", HostPort("::1", 993)),
        ("[2001:db8::1]", HostPort("2001:db8::1", None)),
    ],
)
def test_parse_host_port_accepts(text: str, expected: HostPort) -> None:
    assert parse_host_port(text) == expected


@pytest.mark.parametrize(
    "text", ["", "bad host", "host:", "host:0", "host:70000", "host:port", "[::1", "-x.com", "a:b:c"]
)
def test_parse_host_port_rejects_in_words(text: str) -> None:
    with pytest.raises(InvalidAccountError):
        parse_host_port(text)


def test_email_validation() -> None:
    assert normalise_email("  rep@example.com ") == "rep@example.com"
    for bad in ("rep", "rep@", "@example.com", "a b@example.com", "rep@localhost"):
        with pytest.raises(InvalidAccountError, match="not an e-mail address"):
            normalise_email(bad)


def test_fingerprint_forms() -> None:
    plain = "ab" * 32
    colons = ":".join(["AB"] * 32)
    assert normalise_fingerprint(colons) == plain
    assert normalise_fingerprint("SHA256:" + plain.upper()) == plain
    assert format_fingerprint(plain) == colons
    with pytest.raises(InvalidAccountError):
        normalise_fingerprint("ab" * 31)


def _fake_discovery(monkeypatch: pytest.MonkeyPatch, result: object) -> list[str]:
    calls: list[str] = []

    def lookup(address: str) -> tuple[dict[str, Any], str, list[str]]:
        calls.append(address)
        if isinstance(result, Exception):
            raise result
        return manager_module._discovery_settings(result)

    monkeypatch.setattr(manager_module, "_lookup", lookup)
    return calls


def _preset() -> DiscoveryResult:
    return DiscoveryResult(
        email="rep@preset.test",
        imap=ServerSettings("imap.preset.test", 993, "ssl"),
        smtp=ServerSettings("smtp.preset.test", 465, "ssl"),
        source="preset",
        preset="presetmail",
        username="rep@preset.test",
        notes=("Use an app password.",),
    )


def test_manual_settings_win_and_skip_the_lookup(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fake_discovery(monkeypatch, _preset())
    result = AccountManager(store).add(
        "rep@preset.test", "pw", imap="mine.test:1993", smtp="out.test", security="starttls"
    )
    assert calls == []
    account = result.account
    assert (account.imap_host, account.imap_port) == ("mine.test", 1993)
    assert (account.smtp_host, account.smtp_port) == ("out.test", 587)
    assert (account.security, result.source, account.preset) == ("starttls", "manual", None)


def test_preset_used_when_only_the_email_is_given(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_discovery(monkeypatch, _preset())
    result = AccountManager(store).add("rep@preset.test", "pw")
    account = result.account
    assert (account.imap_host, account.imap_port, account.smtp_port) == ("imap.preset.test", 993, 465)
    assert (result.source, account.preset) == ("preset", "presetmail")
    assert "Use an app password." in result.notes


def test_failed_lookup_never_blocks(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_discovery(monkeypatch, RuntimeError("DNS timeout"))
    monkeypatch.setattr(
        manager_module, "_lookup",
        lambda address: ({}, "guess", ["Looking up the settings failed (DNS timeout)."]),
    )
    result = AccountManager(store).add("rep@nowhere.test", "pw")
    assert result.account.imap_host == "imap.nowhere.test"
    assert result.source == "guess"
    assert any("DNS timeout" in note for note in result.notes)


def test_lookup_wrapper_swallows_discovery_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    fake = types.ModuleType("client.accounts.discover")

    def explode(address: str) -> None:
        raise OSError("network down")

    fake.discover = explode  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "client.accounts.discover", fake)
    settings, source, notes = manager_module._lookup("rep@x.test")
    assert (settings, source) == ({}, "guess")
    assert any("network down" in note for note in notes)


def test_keyring_failure_rolls_the_account_back(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(email: str, secret: str) -> None:
        raise secrets.SecretsError("backend exploded")

    monkeypatch.setattr(secrets, "set_password", refuse)
    with pytest.raises(secrets.SecretsError):
        AccountManager(store).add("rep@x.test", "pw", imap="imap.x.test")
    assert store.list_accounts() == []


def test_missing_ca_file_is_refused(store: Any, tmp_path: Path) -> None:
    with pytest.raises(InvalidAccountError, match="CA file"):
        AccountManager(store).add("rep@x.test", "pw", imap="h.test", ca_file=str(tmp_path / "no.pem"))
