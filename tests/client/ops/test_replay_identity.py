"""Replay checks the queued change's Message-ID against the server's message at that UID
before any STORE, MOVE, COPY or EXPUNGE, and drops the change with a note when they differ.

Real Dovecot: the folder is renumbered under the SAME UIDVALIDITY (a broken server, or one
restored from a backup), so UID 1 names another message while nothing tells the client."""

from __future__ import annotations

import pytest

from client.ops import queue
from client.store import Store
from client.sync.engine import sync_account
from tests.client.ops.test_replay import _folder_id, _message_ids, _row, _server_flags
from tests.client.sync.env import SyncEnv, make_message
from tests.servers import dovecot_mail


def _renumber_keeping_uidvalidity(env: SyncEnv, folder: str) -> None:
    """Messages 1..n become n..1; UIDVALIDITY stays what it was."""
    validity = env.server.uidvalidity(env.user, folder)
    dovecot_mail._rewrite_uidlist(env.server._maildir(env.user, folder), validity)
    assert env.server.uidvalidity(env.user, folder) == validity


def _dropped(store: Store, account_id: int) -> dict[int, str]:
    return {int(op.uid or 0): op.last_error or "" for op in queue.failures(store, account_id)
            if op.state == "dropped"}


@pytest.mark.dovecot_only  # rewrites Dovecot's uidlist file
def test_changes_queued_for_a_uid_that_now_holds_another_message_are_dropped(
        sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.append_many(env.user, "INBOX", [
        make_message(n, message_id=f"<m{n}@example.net>") for n in range(5)])
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.open() as store:  # offline
        queue.mark(store, [_row(store, "INBOX", 1), _row(store, "INBOX", 3)], seen=True)
        queue.move(store, [_row(store, "INBOX", 2)], _folder_id(store, "Archive"))
        queue.copy(store, [_row(store, "INBOX", 5)], _folder_id(store, "Junk"))
        queue.mark(store, [_row(store, "INBOX", 4)], flagged=True)
    _renumber_keeping_uidvalidity(env, "INBOX")  # UID 3 still holds m2; 1<->5, 2<->4 swapped
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    flags = _server_flags(env, "INBOX")
    assert "\\Seen" in flags[3]  # m2 is still at UID 3: its change was made
    assert "\\Seen" not in flags[1] and "\\Flagged" not in flags[4]  # m4 and m1: untouched
    assert _message_ids(env, "Archive") == [] and _message_ids(env, "Junk") == []
    assert len(_message_ids(env, "INBOX")) == 5
    assert report.replayed == 1
    with env.open() as store:
        dropped = _dropped(store, env.account.id)
        assert queue.pending(store, env.account.id) == []
    assert sorted(dropped) == [1, 2, 4, 5]
    assert all("different message" in why for why in dropped.values()), dropped
    assert sum("different message" in note for note in report.replay_notes) == 4


@pytest.mark.dovecot_only  # rewrites Dovecot's uidlist file
def test_delete_of_a_uid_that_now_holds_another_message_is_dropped(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.append_many(env.user, "Trash", [
        make_message(n, message_id=f"<t{n}@example.net>") for n in range(3)])
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.open() as store:
        queue.delete(store, [_row(store, "Trash", 1)])  # in Trash: expunged for good
    _renumber_keeping_uidvalidity(env, "Trash")
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert _message_ids(env, "Trash") == ["t0@example.net", "t1@example.net", "t2@example.net"]
    with env.open() as store:
        assert list(_dropped(store, env.account.id)) == [1]
