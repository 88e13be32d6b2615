"""`copy`, `archive`, `delete --for-good` and `undo` on the sample cache (its server is port 1:
everything here works offline; the replay is covered by tests/client/ops/test_undo_replay.py)."""

from __future__ import annotations

from collections.abc import Callable

from client.cli.errors import ExitCode
from client.profile.paths import resolve_profile_dir
from client.store import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.sample_cache import Cache
from tests.client.ops.test_replay import _message_ids, _synced
from tests.client.ops.test_undo_replay import without_archive
from tests.client.sync.env import SyncEnv

Cli = Callable[..., CliResult]


def _ids(cli: Cli, folder: str) -> list[int]:
    return sorted(m["id"] for m in cli("ls", folder, "--json").json()["messages"])


def test_move_then_undo_puts_it_back_and_leaves_nothing_queued(cli: Cli, cache: Cache) -> None:
    target = cache.inbox_ids[0]
    moved = cli("move", str(target), "Archive", "--json").json()
    assert moved["undo_id"] is not None and moved["pending_ops"] == 1
    result = cli("undo", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"undone": {"id": moved["undo_id"], "action": "move", "messages": 1,
                                        "restored": [target], "notes": []}}
    assert _ids(cli, "INBOX") == sorted(cache.inbox_ids)
    assert cli("ls", "Archive", "--json").json()["messages"] == []
    assert cli("mark", "--read", str(cache.inbox_ids[1]), "--json").json()["pending_ops"] == 1
    again = cli("undo")  # the mark now
    assert again.code == 0 and "Undid the flag change of 1 message(s)" in again.out
    assert cli("undo", "--json").json() == {"undone": None}
    history = cli("undo", "--list", "--json").json()["history"]
    assert [(h["action"], h["undone"] is not None) for h in history] == [
        ("flags", True), ("move", True)]


def test_copy_and_its_undo(cli: Cli, cache: Cache) -> None:
    source = cache.inbox_ids[2]
    copied = cli("copy", str(source), "Archive", "--json")
    assert copied.code == 0, copied.err
    [copy_row] = copied.json()["changed"]
    assert _ids(cli, "Archive") == [copy_row] and source in _ids(cli, "INBOX")
    assert cli("undo").code == 0
    assert _ids(cli, "Archive") == [] and source in _ids(cli, "INBOX")


def test_archive_uses_the_folder_with_the_archive_role(cli: Cli, cache: Cache) -> None:
    target = cache.inbox_ids[1]
    result = cli("archive", str(target), "--json")
    assert result.code == 0, result.err
    assert result.json()["folder"] == "Archive" and result.json()["created_folder"] is False
    assert _ids(cli, "Archive") == [target]


def test_archive_without_an_archive_folder_asks_for_create_and_changes_nothing(
        cli: Cli, cache: Cache) -> None:
    with Store.open(resolve_profile_dir() / "tradewind.db") as store:
        store.conn.execute("UPDATE folders SET role = NULL WHERE role = 'archive'")
    result = cli("archive", str(cache.inbox_ids[0]), "--json")
    assert result.code == ExitCode.USAGE
    assert "--create" in result.err and "no archive folder" in result.err
    assert _ids(cli, "INBOX") == sorted(cache.inbox_ids)
    with Store.open(resolve_profile_dir() / "tradewind.db") as store:  # no folder of that name
        archive = store.folder_by_name(store.list_accounts()[0].id, "Archive")
        assert archive is not None
        store.remove_folder(archive.id)
    offline = cli("archive", "--create", str(cache.inbox_ids[0]), "--json")  # server: port 1
    assert offline.code == 0, offline.err  # created in the cache, its CREATE queued
    assert offline.json()["created_folder"] is True and offline.json()["folder_pending"] is True
    assert offline.json()["pending_ops"] == 2  # the CREATE, then the move
    assert _ids(cli, "Archive") == [cache.inbox_ids[0]]
    again = cli("archive", str(cache.inbox_ids[1]), "--json")  # the pending folder is used
    assert again.code == 0 and again.json()["folder_pending"] is True
    assert _ids(cli, "Archive") == sorted(cache.inbox_ids[:2])


def test_delete_for_good_outside_trash_and_its_undo(cli: Cli, cache: Cache) -> None:
    target = cache.inbox_ids[0]
    result = cli("delete", "--for-good", str(target), "--json")
    assert result.code == 0 and result.json()["changed"] == [target]
    assert target not in _ids(cli, "INBOX") and cli("ls", "Trash", "--json").json()[
        "messages"] == []
    undone = cli("undo", "--json").json()["undone"]
    assert (undone["action"], undone["restored"]) == ("purge", [target])
    assert target in _ids(cli, "INBOX")


def test_bad_ids_are_refused_before_anything_changes(cli: Cli, cache: Cache) -> None:
    result = cli("copy", "x1", "Archive")
    assert result.code == ExitCode.USAGE and "not a message id" in result.err
    missing = cli("archive", "99999")
    assert missing.code == ExitCode.NOT_FOUND
    assert cli("undo", "--json").json() == {"undone": None}


def test_archive_create_and_undo_reach_the_server(cli: Cli, sync_env: SyncEnv) -> None:
    """End to end with the real servers: `archive --create` makes the folder (Cyrus loses its
    archive here; Dovecot's test config always has one), `sync` replays, `undo` + `sync` bring
    the message back."""
    from client.profile import secrets
    env = sync_env
    _synced(env, 2)
    without_archive(env)
    secrets.set_password(env.account.email, env.password)
    [first, _second] = [m["id"] for m in cli("ls", "INBOX", "--json").json()["messages"]]
    result = cli("archive", "--create", str(first), "--json")
    assert result.code == 0, result.err
    assert result.json()["created_folder"] is True
    assert cli("sync", "--json").code == 0
    assert len(_message_ids(env, "Archive")) == 1
    assert cli("undo", "--json").json()["undone"]["action"] == "archive"
    assert cli("sync", "--json").code == 0
    assert _message_ids(env, "Archive") == [] and len(_message_ids(env, "INBOX")) == 2
