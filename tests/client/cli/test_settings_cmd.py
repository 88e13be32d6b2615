"""`tradewind settings list|get|set|reset`: the definitions of `client.settings`, bad values
refused with exit 2 in words and nothing stored, and the app's readers seeing what the CLI set."""

from __future__ import annotations

from collections.abc import Callable

from client import settings
from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from ui.settings.preferences import load_preferences
from ui.settings.values import load_sync_settings

Cli = Callable[..., CliResult]


def test_list_shows_every_definition_with_its_value(cli: Cli, profile_dir: object) -> None:
    result = cli("settings", "list", "--json")
    assert result.code == 0, result.err
    entries = {e["key"]: e for e in result.json()["settings"]}
    assert list(entries) == list(settings.SETTINGS)
    interval = entries["sync.interval_minutes"]
    assert interval == {"key": "sync.interval_minutes", "type": "int", "default": 5,
                        "minimum": 1, "maximum": 1440, "choices": [],
                        "description": "Minutes between checks for mail on servers without IDLE",
                        "value": 5, "is_default": True}
    assert entries["ui.appearance"]["choices"] == ["system", "light", "dark"]
    assert "sync.interval_minutes = 5" in cli("settings").out  # `settings` alone lists


def test_set_then_get_and_the_app_reads_the_same_value(cli: Cli, profile_dir: object) -> None:
    assert cli("settings", "set", "sync.interval_minutes", "15").code == 0
    assert cli("settings", "set", "ui.language", "zh_CN", "--json").json() == {
        "key": "ui.language", "value": "zh_CN"}
    got = cli("settings", "get", "sync.interval_minutes", "--json").json()
    assert got["value"] == 15 and got["is_default"] is False
    with Store.open(Profile.resolve().database) as store:
        assert load_sync_settings(store).interval_minutes == 15  # the Settings dialog's reader
        assert load_preferences(store).language == "zh_CN"  # the main window's reader
    assert cli("settings", "reset", "sync.interval_minutes").code == 0
    assert cli("settings", "get", "sync.interval_minutes").out.strip() == "5"


def test_a_bad_value_exits_2_in_words_and_stores_nothing(cli: Cli, profile_dir: object) -> None:
    cli("settings", "set", "sync.interval_minutes", "15")
    bad = cli("settings", "set", "sync.interval_minutes", "0", "--json")
    assert bad.code == 2
    assert "sync.interval_minutes must be between 1 and 1440; 0 is not." in bad.err
    assert bad.json()["error"]["setting"] == "sync.interval_minutes"
    assert bad.json()["error"]["reason"] == "out-of-range"
    assert "Traceback" not in bad.err
    assert cli("settings", "get", "sync.interval_minutes").out.strip() == "15"
    heading = cli("settings", "set", "links.heading", '{"en": "' + "x" * 201 + '"}')
    assert heading.code == 2 and "1 to 200 characters" in heading.err
    unknown = cli("settings", "get", "sync.interval", "--json")
    assert unknown.code == 2 and unknown.json()["error"]["reason"] == "unknown-setting"


def test_messages_in_chinese_with_lang(cli: Cli, profile_dir: object) -> None:
    bad = cli("--lang", "zh_CN", "settings", "set", "ui.appearance", "pink")
    assert bad.code == 2 and "必须是" in bad.err


def test_links_settings_uses_the_same_rules(cli: Cli, profile_dir: object) -> None:
    bad = cli("links", "settings", "--heading", "x" * 201)
    assert bad.code == 2 and "1 to 200 characters" in bad.err
    assert cli("links", "settings", "--threshold-mb", "3").code == 0
    assert cli("settings", "get", "links.threshold_mb").out.strip() == "3.0"
