"""`mark`, `move`, `delete` on the sample cache: local change at once, queued for the server.

No server exists for this account (port 1), so these also show the commands work offline. The
replay against a real Dovecot is covered in test_sync_flow.py.
"""

from __future__ import annotations

from collections.abc import Callable

from client.cli.errors import ExitCode
from tests.client.cli.fixtures import CliResult
from tests.client.cli.sample_cache import Cache

Cli = Callable[..., CliResult]


def _inbox(cli: Cli) -> dict[int, dict]:
    return {m["id"]: m for m in cli("ls", "INBOX", "--json").json()["messages"]}


def test_mark_read_and_flag_changes_the_cache_and_queues(cli: Cli, cache: Cache) -> None:
    target = cache.inbox_ids[1]  # unread, unflagged
    result = cli("mark", "--read", "--flag", str(target), "--json")
    assert result.code == 0, result.err
    assert result.json() == {"action": "mark", "changed": [target], "unchanged": [], "pending_ops": 1,
                             "undo_id": 1}
    assert set(_inbox(cli)[target]["flags"]) == {"\\Seen", "\\Flagged"}


def test_mark_then_unmark_cancels_the_queued_change(cli: Cli, cache: Cache) -> None:
    target = str(cache.inbox_ids[1])
    assert cli("mark", "--read", target).code == 0
    undone = cli("mark", "--unread", target, "--json").json()
    assert undone["pending_ops"] == 0


def test_mark_already_read_reports_unchanged(cli: Cli, cache: Cache) -> None:
    already = cache.inbox_ids[0]  # \Seen
    result = cli("mark", "--read", str(already))
    assert result.code == 0
    assert f"nothing to do for: {already}" in result.out


def test_mark_needs_an_action(cli: Cli, cache: Cache) -> None:
    result = cli("mark", str(cache.inbox_ids[0]))
    assert result.code == ExitCode.USAGE and "--read" in result.err
    both = cli("mark", "--read", "--unread", str(cache.inbox_ids[0]))
    assert both.code == ExitCode.USAGE


def test_move_takes_the_message_to_the_folder(cli: Cli, cache: Cache) -> None:
    target = cache.inbox_ids[2]
    result = cli("move", str(target), "Archive", "--json")
    assert result.code == 0, result.err
    assert result.json()["changed"] == [target]
    assert target not in _inbox(cli)
    archived = cli("ls", "Archive", "--json").json()["messages"]
    assert [(m["id"], m["uid"]) for m in archived] == [(target, None)]  # waiting for the server


def test_move_into_a_local_only_folder_is_refused_in_words(cli: Cli, cache: Cache) -> None:
    from client.profile.config import Profile
    from client.store import Store

    with Store.open(Profile.resolve().database) as store:
        account = store.list_accounts()[0]
        store.recovered_folder(account.id)
    target = cache.inbox_ids[2]
    result = cli("move", str(target), "Recovered (local)")
    assert result.code == ExitCode.USAGE
    assert "exists only on this computer" in result.err and "Traceback" not in result.err
    assert target in _inbox(cli)


def test_delete_moves_to_trash(cli: Cli, cache: Cache) -> None:
    target = cache.inbox_ids[0]
    result = cli("delete", str(target), "--json")
    assert result.code == 0, result.err
    assert result.json()["changed"] == [target] and result.json()["pending_ops"] == 1
    assert [m["id"] for m in cli("ls", "Trash", "--json").json()["messages"]] == [target]


def test_bad_ids_change_nothing(cli: Cli, cache: Cache) -> None:
    good = str(cache.inbox_ids[1])
    unknown = cli("mark", "--read", good, "424242")
    assert unknown.code == ExitCode.NOT_FOUND and "424242" in unknown.err
    malformed = cli("delete", good, "x1")
    assert malformed.code == ExitCode.USAGE and "'x1' is not a message id" in malformed.err
    missing_folder = cli("move", good, "NoSuchFolder")
    assert missing_folder.code == ExitCode.NOT_FOUND
    assert "\\Seen" not in _inbox(cli)[int(good)]["flags"]
    assert len(_inbox(cli)) == 3
