"""Replay of offline operations against the real Dovecot and Cyrus (through ``sync_account``,
which replays before it compares), including interrupted and conflicting operations."""

from __future__ import annotations

import re

import pytest

from client.imap import Endpoint, ImapSession
from client.ops import queue
from client.ops.replay import replay_pending
from client.store import Store
from client.sync.engine import sync_account
from tests.client.sync.env import SyncEnv, cache_snapshot, make_message, server_snapshot

pytestmark = pytest.mark.server_identity  # how replayed MOVE/COPY/STORE/EXPUNGE land


def _row(store: Store, folder: str, uid: int) -> int:
    found = store.conn.execute(
        "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id "
        "WHERE f.name = ? AND m.uid = ?", (folder, uid)).fetchone()
    assert found is not None, (folder, uid)
    return int(found[0])


def _folder_id(store: Store, name: str) -> int:
    return int(store.conn.execute("SELECT id FROM folders WHERE name = ?", (name,)).fetchone()[0])


def _server_flags(env: SyncEnv, folder: str) -> dict[int, set[str]]:
    with env.server.imap_admin(env.user) as imap:
        imap.select(env.server.mailbox(folder), readonly=True)
        _typ, data = imap.uid("FETCH", "1:*", "(UID FLAGS)")
    out: dict[int, set[str]] = {}
    for line in data:
        if isinstance(line, bytes):
            m = re.search(rb"UID (\d+) FLAGS \(([^)]*)\)", line) or re.search(
                rb"FLAGS \(([^)]*)\) UID (\d+)", line)
            if m and m.re.pattern.startswith(b"UID"):
                out[int(m.group(1))] = set(m.group(2).decode().split())
            elif m:
                out[int(m.group(2))] = set(m.group(1).decode().split())
    return out


def _message_ids(env: SyncEnv, folder: str) -> list[str]:
    with env.server.imap_admin(env.user) as imap:
        imap.select(env.server.mailbox(folder), readonly=True)
        _typ, data = imap.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    return sorted(
        re.search(rb"<([^>]+)>", item[1]).group(1).decode()  # type: ignore[union-attr]
        for item in data if isinstance(item, tuple)
    )


def _synced(env: SyncEnv, n: int) -> None:
    for i in range(n):
        env.server.append(env.user, "INBOX", make_message(i, message_id=f"<m{i}@example.net>"))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error


def test_offline_flags_move_copy_delete_replayed_after_restart(sync_env: SyncEnv) -> None:
    env = sync_env
    _synced(env, 4)
    with env.open() as store:  # "offline": only the local half runs, then the app quits
        queue.mark(store, [_row(store, "INBOX", 1)], seen=True, flagged=True)
        queue.move(store, [_row(store, "INBOX", 2)], _folder_id(store, "Archive"))
        queue.copy(store, [_row(store, "INBOX", 3)], _folder_id(store, "Archive"))
        queue.delete(store, [_row(store, "INBOX", 4)])  # to Trash
    report = sync_account(env.store_path, env.account, env.password)  # after a "restart"
    assert report.error is None, report.error
    assert report.replayed == 4
    assert _server_flags(env, "INBOX")[1] >= {"\\Seen", "\\Flagged"}
    assert _message_ids(env, "INBOX") == ["m0@example.net", "m2@example.net"]
    assert _message_ids(env, "Archive") == ["m1@example.net", "m2@example.net"]
    assert _message_ids(env, "Trash") == ["m3@example.net"]
    with env.open() as store:
        assert queue.pending(store, env.account.id) == []
        assert queue.failures(store, env.account.id) == []
        local_only = store.conn.execute("SELECT count(*) FROM messages WHERE uid IS NULL")
        assert local_only.fetchone()[0] == 0
    cached = {(f, u, h.split(":")[0]) for f, u, _m, _fl, h in
              cache_snapshot(env.store_path, env.account.id)}
    assert cached == server_snapshot(env.server, env.user)
    again = sync_account(env.store_path, env.account, env.password)
    assert (again.added, again.removed, again.replayed) == (0, 0, 0)


def test_message_deleted_on_server_drops_the_op_with_a_note(sync_env: SyncEnv) -> None:
    env = sync_env
    _synced(env, 2)
    with env.open() as store:
        queue.mark(store, [_row(store, "INBOX", 1)], flagged=True)
    with env.server.imap_admin(env.user) as imap:
        imap.select("INBOX")
        imap.uid("STORE", "1", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None
    assert report.replayed == 0
    assert any("deleted on the server" in note for note in report.replay_notes)
    with env.open() as store:
        [failure] = queue.failures(store, env.account.id)
        assert failure.state == "dropped"
        uids = store.conn.execute("SELECT uid FROM messages ORDER BY uid").fetchall()
    assert uids == [(2,)]


def test_message_moved_on_server_is_found_by_message_id(sync_env: SyncEnv) -> None:
    env = sync_env
    _synced(env, 2)
    with env.open() as store:
        queue.mark(store, [_row(store, "INBOX", 2)], seen=True)
    with env.server.imap_admin(env.user) as imap:
        imap.select("INBOX")
        imap.uid("MOVE", "2", env.server.mailbox("Junk"))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None and report.replayed == 1
    assert _server_flags(env, "Junk")[1] >= {"\\Seen"}


def test_interrupted_move_already_done_on_server_is_not_repeated(sync_env: SyncEnv) -> None:
    env = sync_env
    _synced(env, 2)
    with env.open() as store:
        queue.move(store, [_row(store, "INBOX", 1)], _folder_id(store, "Archive"))
        [op] = queue.pending(store, env.account.id)
        queue.begin(store, op.id)  # the replay started ...
    with env.server.imap_admin(env.user) as imap:  # ... the server did the MOVE ...
        imap.select("INBOX")
        imap.uid("MOVE", "1", env.server.mailbox("Archive"))
    # ... and the process died before ``complete``. A COPY-then-move replay would duplicate.
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert report.replayed == 1
    assert _message_ids(env, "Archive") == ["m0@example.net"]
    assert _message_ids(env, "INBOX") == ["m1@example.net"]
    with env.open() as store:
        rows = store.conn.execute(
            "SELECT f.name, m.uid FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE m.message_id = 'm0@example.net'").fetchall()
    assert rows == [("Archive", 1)]


def test_interrupted_copy_is_not_doubled(sync_env: SyncEnv) -> None:
    env = sync_env
    _synced(env, 1)
    with env.open() as store:
        queue.copy(store, [_row(store, "INBOX", 1)], _folder_id(store, "Archive"))
        [op] = queue.pending(store, env.account.id)
        queue.begin(store, op.id)
    with env.server.imap_admin(env.user) as imap:
        imap.select("INBOX")
        imap.uid("COPY", "1", env.server.mailbox("Archive"))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None and report.replayed == 1
    assert _message_ids(env, "Archive") == ["m0@example.net"]


def test_move_to_a_folder_deleted_on_server_is_dropped_and_undone(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Old")
    _synced(env, 1)
    with env.open() as store:
        queue.move(store, [_row(store, "INBOX", 1)], _folder_id(store, "Old"))
    with env.server.imap_admin(env.user) as imap:
        imap.delete(env.server.mailbox("Old"))
    endpoint = Endpoint(env.server.host, env.server.imaps_port, "ssl", str(env.server.ca_file))
    with env.open() as store, ImapSession.connect(endpoint, env.user.username,
                                                  env.password) as session:
        # the replay alone cannot tell a deleted folder from a renamed one: the op waits
        outcome = replay_pending(store, session, env.account.id)
        assert (outcome.failed, outcome.done, outcome.kept) == (0, 0, 1)
        assert queue.failures(store, env.account.id) == []
    report = sync_account(env.store_path, env.account, env.password)  # LIST: deleted
    assert report.error is None and report.removed_folders == ("Old",)
    with env.open() as store:
        [ended] = queue.failures(store, env.account.id)
        assert ended.state == "dropped"
        assert "The folder “Old” was deleted on the server" in (ended.last_error or "")
        assert queue.pending(store, env.account.id) == []
        row = store.conn.execute(
            "SELECT f.name, m.uid FROM messages m JOIN folders f ON f.id = m.folder_id").fetchall()
    assert row == [("INBOX", 1)]  # the local move was undone
    assert _message_ids(env, "INBOX") == ["m0@example.net"]
    assert report.replay_notes == [ended.last_error]


def test_many_flag_changes_go_to_the_server_in_one_store(sync_env: SyncEnv) -> None:
    from client.sync.engine import endpoint_for

    env = sync_env
    _synced(env, 30)
    with env.open() as store:
        rows = [_row(store, "INBOX", uid) for uid in range(1, 31)]
        queue.mark(store, rows, seen=True)
    calls: list[int] = []

    class Counting(ImapSession):
        def store_flags(self, uids, flags, add):  # type: ignore[no-untyped-def,override]
            calls.append(len(list(uids)))
            return super().store_flags(uids, flags, add)

    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.__class__ = Counting
        return session

    with env.server.imap_admin(env.user) as imap:  # one message went away meanwhile
        imap.select("INBOX")
        imap.uid("STORE", "7", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    report = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert report.error is None, report.error
    assert calls == [29]
    assert report.replayed == 29
    assert all("\\Seen" in flags for flags in _server_flags(env, "INBOX").values())
    with env.open() as store:
        [dropped] = queue.failures(store, env.account.id)
        assert dropped.state == "dropped" and dropped.uid == 7
        assert queue.pending(store, env.account.id) == []
