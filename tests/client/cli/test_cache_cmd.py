"""`tradewind cache check | rebuild`, and every reading command on a cache with damaged pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from client.cli.errors import ExitCode
from client.profile.config import Profile
from client.profile.paths import ProfileLock
from client.store.damage_mark import damage_mark
from tests.client.cli.fixtures import CliResult
from tests.client.store.test_rebuild import build_cache_with_local_work, damage_messages_sparing

Cli = Callable[..., CliResult]


@pytest.fixture
def damaged(profile_dir: Path) -> dict[str, Any]:
    database = Profile.resolve().database
    built = build_cache_with_local_work(database)
    built["lost"] = damage_messages_sparing(database, {built["moved"]})
    assert built["lost"]
    return built


def _no_traceback(result: CliResult) -> None:
    assert "Traceback" not in result.err and "sqlite3." not in result.err


def test_check_of_a_sound_cache(cli: Cli, cache: object) -> None:
    result = cli("cache", "check", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["ok"] is True and doc["problems"] == [] and doc["check"] == "integrity"
    assert doc["path"] == str(Profile.resolve().database)
    plain = cli("cache", "check", "--quick")
    assert plain.code == 0 and "sound" in plain.out


def test_reading_commands_on_damaged_pages_exit_9_in_words(cli: Cli, damaged: dict[str, Any]) -> None:
    for args in (("ls", "INBOX", "--limit", "500"), ("search", "Quotation"),
                 ("show", str(damaged["lost"][0]))):
        result = cli(*args)
        assert result.code == ExitCode.DATA, (args, result.out, result.err)
        _no_traceback(result)
        assert "is damaged" in result.err and "tradewind cache rebuild" in result.err
        as_json = cli(*args, "--json")
        assert as_json.code == ExitCode.DATA
        error = as_json.json()["error"]
        assert error["kind"] == "data" and "tradewind cache rebuild" in error["message"]
        assert error["repair_command"] == "tradewind cache rebuild"
    assert damage_mark(Profile.resolve().database) is not None  # the app will offer a rebuild
    # the other reading commands: what they need is readable (local tables, indexes) or they
    # say in words that it is not; never a traceback
    for args in (("folders",), ("account", "list"), ("outbox",), ("drafts",),
                 ("identity", "list", "--account", "rep@tradewind.example"),
                 ("ls", "Archive"), ("save-attachment", str(damaged["lost"][-1]))):
        result = cli(*args)
        _no_traceback(result)
        assert result.code in (0, ExitCode.DATA), (args, result.err)
        if result.code == ExitCode.DATA:
            assert "tradewind cache rebuild" in result.err


def test_check_finds_the_damage_and_rebuild_recovers_the_local_work(
    cli: Cli, damaged: dict[str, Any]
) -> None:
    check = cli("cache", "check")
    assert check.code == ExitCode.DATA
    _no_traceback(check)
    assert "damaged" in check.err and "tradewind cache rebuild" in check.err
    doc = cli("cache", "check", "--json")
    assert doc.code == ExitCode.DATA and doc.json()["ok"] is False and doc.json()["problems"]

    refused = cli("cache", "rebuild")  # not a terminal and no --yes: nothing happens
    assert refused.code == ExitCode.USAGE and "--yes" in refused.err
    assert cli("cache", "check", "--quick").code == ExitCode.DATA

    rebuilt = cli("cache", "rebuild", "--yes", "--json")
    assert rebuilt.code == 0, rebuilt.err
    report = rebuilt.json()
    assert report["complete"] is True
    assert report["recovered"]["outbox"] == 3 and report["imported"]["outbox"] == 3
    assert report["imported"]["drafts"] == 1 and report["imported"]["pending_ops"] == 2
    assert Path(report["export"]).exists() and Path(report["moved_to"]).exists()
    assert report["next"] == "tradewind sync"

    assert cli("cache", "check").code == 0
    items = cli("outbox", "--json").json()["items"]
    assert sorted(i["state"] for i in items) == ["failed", "queued", "uncertain"]
    assert [d["subject"] for d in cli("drafts", "--json").json()["drafts"]] == ["报价 draft"]
    [local] = cli("ls", "Archive", "--json").json()["messages"]
    assert local["id"] == damaged["moved"] and local["uid"] is None
    assert damage_mark(Profile.resolve().database) is None


def test_rebuild_in_words_and_on_a_terminal(cli: Cli, damaged: dict[str, Any]) -> None:
    declined = cli("cache", "rebuild", input="n\n", tty=True)
    assert declined.code == ExitCode.GENERAL and "Nothing was changed" in declined.err
    assert cli("cache", "check", "--quick").code == ExitCode.DATA
    result = cli("cache", "rebuild", input="y\n", tty=True)
    assert result.code == 0, result.err
    assert "3 outbox messages" in result.out and "1 drafts" in result.out
    assert "tradewind sync" in result.out


def test_rebuild_needs_the_profile_lock(cli: Cli, damaged: dict[str, Any]) -> None:
    lock = ProfileLock(Profile.resolve().directory).acquire()
    try:
        result = cli("cache", "rebuild", "--yes")
    finally:
        lock.release()
    assert result.code == ExitCode.LOCKED
    assert cli("cache", "check", "--quick").code == ExitCode.DATA  # untouched


def test_damaged_cache_in_a_real_process(cli_process: Cli, damaged: dict[str, Any]) -> None:
    result = cli_process("ls", "INBOX", "--limit", "500")
    assert result.code == ExitCode.DATA
    _no_traceback(result)
    assert "tradewind cache rebuild" in result.err


def test_rebuild_names_the_rows_it_could_not_read(cli: Cli, profile_dir: Path) -> None:
    from client.smtp.outbox import Outbox
    from client.store.db import Store
    from tests.client.store.damage import scribble, table_leaf_pages

    database = Profile.resolve().database
    with Store.open(database) as store:
        account = store.add_account("rep@example.test")
        for i in range(30):
            Outbox(store).enqueue(account.id, b"Subject: q\r\n\r\n" + b"z" * 6000,
                                  message_id=f"q{i}@example.test", sender=account.email,
                                  recipients=["buyer@importer.example"])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leaves = table_leaf_pages(database, "outbox")
    victim = sorted(leaves)[1]
    scribble(database, [victim])
    result = cli("cache", "rebuild", "--yes")
    assert result.code == 0, result.err
    for row_id in leaves[victim]:
        assert f"One of the outbox messages (id {row_id}) could not be read" in result.err
    assert "Traceback" not in result.err
    assert f"{30 - len(leaves[victim])} outbox messages" in result.out
