"""Undo against the real Dovecot and Cyrus (``sync_env``): an action already replayed is undone
by the inverse operation on the server; one still queued is undone locally and never reaches
the server, also when a sync in between found the server unreachable."""

from __future__ import annotations

from dataclasses import replace

from client.ops import queue, undo
from client.sync import archive_create as archive
from client.sync.engine import sync_account
from tests.client.ops.test_replay import _folder_id, _message_ids, _row, _server_flags, _synced
from tests.client.sync.env import (
    SyncEnv,
    cache_snapshot,
    server_snapshot,
    sync_env,  # noqa: F401  (fixture)
)
from tests.servers.dovecot import DovecotServer, free_port


def _sync(env: SyncEnv) -> None:
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error


def _cache_matches_server(env: SyncEnv) -> None:
    cached = {(f, u, h.split(":")[0]) for f, u, _m, _fl, h in
              cache_snapshot(env.store_path, env.account.id)}
    assert cached == server_snapshot(env.server, env.user)


def test_a_replayed_move_is_undone_by_the_inverse_move(sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    _synced(env, 2)
    with env.open() as store:
        undo.move(store, [_row(store, "INBOX", 1)], _folder_id(store, "Junk"))
    _sync(env)
    assert _message_ids(env, "Junk") == ["m0@example.net"]
    with env.open() as store:
        result = undo.undo_last(store)
        assert result is not None and len(result.restored) == 1
        [op] = queue.pending(store, env.account.id)  # the inverse move, from its new UID
        assert (op.kind, op.uid is not None) == ("move", True)
    _sync(env)
    assert _message_ids(env, "INBOX") == ["m0@example.net", "m1@example.net"]
    assert _message_ids(env, "Junk") == []
    _cache_matches_server(env)


def test_a_move_undone_while_offline_never_reaches_the_server(sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    _synced(env, 2)
    with env.open() as store:
        undo.move(store, [_row(store, "INBOX", 1), _row(store, "INBOX", 2)],
                  _folder_id(store, "Junk"))
    offline = sync_account(env.store_path, replace(env.account, imap_port=free_port()),
                           env.password)
    assert offline.status == "offline"
    with env.open() as store:
        assert len(queue.pending(store, env.account.id)) == 2  # kept for later
        assert undo.undo_last(store) is not None
        assert queue.pending(store, env.account.id) == []
        assert _row(store, "INBOX", 1) and _row(store, "INBOX", 2)  # their own UIDs back
    report = sync_account(env.store_path, env.account, env.password)  # back online
    assert report.error is None and report.replayed == 0
    assert _message_ids(env, "INBOX") == ["m0@example.net", "m1@example.net"]
    _cache_matches_server(env)


def without_archive(env: SyncEnv) -> None:
    """Cyrus: take the archive folder away on the server. Dovecot's test config re-creates its
    special folders at every LIST ("auto = subscribe"), so there the cache alone forgets it
    (a cache listed before the folder existed); CREATE then finds it and lists it."""
    if isinstance(env.server, DovecotServer):
        with env.open() as store:
            folder = archive.archive_folder(store, env.account.id)
            assert folder is not None
            store.remove_folder(folder.id)
        return
    with env.server.imap_admin(env.user) as imap:
        wire = env.server.mailbox("Archive")
        # Cyrus refuses to delete a special-use folder: take its \\Archive use away first
        imap.xatom("SETMETADATA", wire, "(/private/specialuse NIL)")
        assert imap.delete(wire)[0] == "OK"
    _sync(env)


def test_archive_creates_the_missing_folder_then_undo_brings_the_mail_back(
        sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    _synced(env, 2)
    without_archive(env)
    with env.open() as store:
        assert archive.archive_folder(store, env.account.id) is None
        folder = archive.create_archive_online(store, env.account, env.password)
        assert folder.role == "archive" and folder.name == env.server.shown_name("Archive")
        again = archive.create_archive_online(store, env.account, env.password)
        assert again.id == folder.id  # idempotent
        undo.archive(store, [_row(store, "INBOX", 2)], folder.id)
    _sync(env)
    assert _message_ids(env, "Archive") == ["m1@example.net"]
    with env.open() as store:
        undo.undo_last(store)
    _sync(env)
    assert _message_ids(env, "Archive") == []
    assert _message_ids(env, "INBOX") == ["m0@example.net", "m1@example.net"]
    _cache_matches_server(env)


def test_delete_copy_and_flags_undone_after_their_replay(sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    _synced(env, 3)
    with env.open() as store:
        undo.delete(store, [_row(store, "INBOX", 1)])  # to Trash
        undo.copy(store, [_row(store, "INBOX", 2)], _folder_id(store, "Junk"))
        undo.mark(store, [_row(store, "INBOX", 3)], flagged=True)
    _sync(env)
    assert _message_ids(env, "Trash") == ["m0@example.net"]
    assert _message_ids(env, "Junk") == ["m1@example.net"]
    assert "\\Flagged" in _server_flags(env, "INBOX")[3]
    with env.open() as store:
        for _ in range(3):
            assert undo.undo_last(store) is not None
    _sync(env)
    assert _message_ids(env, "INBOX") == ["m0@example.net", "m1@example.net", "m2@example.net"]
    assert _message_ids(env, "Trash") == [] and _message_ids(env, "Junk") == []
    assert "\\Flagged" not in _server_flags(env, "INBOX")[3]
    _cache_matches_server(env)


def test_delete_for_good_is_undoable_until_the_server_expunged_it(sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    _synced(env, 2)
    with env.open() as store:
        undo.delete(store, [_row(store, "INBOX", 1)], for_good=True)
        assert undo.undo_last(store) is not None  # still queued: brought back
        undo.delete(store, [_row(store, "INBOX", 2)], for_good=True)
    _sync(env)
    assert _message_ids(env, "INBOX") == ["m0@example.net"]
    assert _message_ids(env, "Trash") == []
    with env.open() as store:
        result = undo.undo_last(store)
        assert result is not None and result.restored == []
        assert "already removed from the server" in result.notes[0]
    _cache_matches_server(env)
