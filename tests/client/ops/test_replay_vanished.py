"""Queued operations on folders the server deleted, against the real Dovecot and Cyrus: every
such op ends (dropped with a note naming the folder, the local change undone), nothing is done
to another folder, and no local-only row is lost when the folder leaves the cache."""

from __future__ import annotations

import json

import pytest

from client.cli.sync_cmd import report_json
from client.ops import queue
from client.store import Store
from client.sync.engine import sync_account
from tests.client.sync.env import SyncEnv, cache_snapshot, make_message, server_snapshot

pytestmark = pytest.mark.server_identity  # deleted and renamed folders on the server


def _row(store: Store, folder: str, message_id: str) -> int:
    found = store.conn.execute(
        "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id "
        "WHERE f.name = ? AND m.message_id = ?", (folder, message_id)).fetchone()
    assert found is not None, (folder, message_id)
    return int(found[0])


def _folder_id(store: Store, name: str) -> int:
    found = store.conn.execute("SELECT id FROM folders WHERE name = ?", (name,)).fetchone()
    assert found is not None, name
    return int(found[0])


def _where(store: Store) -> set[tuple[str, int | None, str]]:
    """(folder, uid, message-id) of every cached row."""
    rows = store.conn.execute(
        "SELECT f.name, m.uid, m.message_id FROM messages m JOIN folders f ON f.id = m.folder_id")
    return {(name, uid, mid) for name, uid, mid in rows}


def _delete_on_server(env: SyncEnv, *names: str) -> None:
    with env.server.imap_admin(env.user) as imap:  # another client, behind our back
        for name in names:
            typ, data = imap.delete(env.server.mailbox(name))
            assert typ == "OK", data


def _server_ids(env: SyncEnv, folder: str) -> dict[int, bytes]:
    """{uid: raw} of a server folder."""
    return {uid: env.server.fetch_raw(env.user, folder, uid)
            for uid in env.server.uids(env.user, folder)}


def test_ops_on_deleted_folders_are_dropped_with_a_note_and_undone(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Orders")
    env.server.create_folder(env.user, "Samples")
    for n in range(1, 5):
        env.server.append(env.user, "Orders", make_message(n, message_id=f"<o{n}@example.net>"))
    env.server.append(env.user, "INBOX", make_message(9, message_id="<i1@example.net>"))
    assert sync_account(env.store_path, env.account, env.password).error is None
    orders, samples = env.server.shown_name("Orders"), env.server.shown_name("Samples")
    inbox_before = _server_ids(env, "INBOX")
    archive_before = _server_ids(env, "Archive")
    trash_before = _server_ids(env, "Trash")
    inbox_flags = env.server.flags(env.user, "INBOX")
    with env.open() as store:  # offline
        archive = _folder_id(store, "Archive")
        queue.mark(store, [_row(store, orders, "o1@example.net")], flagged=True, seen=True)
        queue.move(store, [_row(store, orders, "o2@example.net")], archive)
        queue.copy(store, [_row(store, orders, "o3@example.net")], archive)
        queue.delete(store, [_row(store, orders, "o4@example.net")])  # a move to Trash
        queue.move(store, [_row(store, "INBOX", "i1@example.net")], _folder_id(store, samples))
        assert len(queue.pending(store, env.account.id)) == 5
    _delete_on_server(env, "Orders", "Samples")

    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert set(report.removed_folders) == {orders, samples}
    assert report.replayed == 0
    with env.open() as store:
        assert queue.pending(store, env.account.id) == []  # nothing left to retry
        ended = queue.failures(store, env.account.id)
        assert [op.state for op in ended] == ["dropped"] * 5
        for op in ended:
            name = samples if op.payload.get("message_id") == "i1@example.net" else orders
            assert f"The folder “{name}” was deleted on the server" in (op.last_error or "")
        where = _where(store)
    # the move into the deleted folder is undone: the message is back in INBOX at its UID
    assert where == {("INBOX", 1, "i1@example.net")}
    # nothing was done on the server: not to INBOX, not to Archive or Trash
    assert _server_ids(env, "INBOX") == inbox_before
    assert env.server.flags(env.user, "INBOX") == inbox_flags
    assert _server_ids(env, "Archive") == archive_before
    assert _server_ids(env, "Trash") == trash_before
    # the rep is told, in words and in the JSON
    assert sum(samples in note for note in report.replay_notes) == 1
    assert sum(orders in note for note in report.replay_notes) == 4
    shape = json.loads(json.dumps(report_json(env.user.email, report)))
    assert shape["replay_notes"] == report.replay_notes
    cached = {(f, u, h.split(":")[0]) for f, u, _m, _fl, h in
              cache_snapshot(env.store_path, env.account.id)}
    assert cached == server_snapshot(env.server, env.user)
    again = sync_account(env.store_path, env.account, env.password)
    assert again.error is None
    assert (again.added, again.removed, again.replayed, again.replay_notes) == (0, 0, 0, [])


def test_local_only_rows_of_a_deleted_folder_are_kept_and_can_be_uploaded(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Orders")
    env.server.append(env.user, "Orders", make_message(1, message_id="<o1@example.net>"))
    for n in (1, 2, 3):
        env.server.append(env.user, "INBOX", make_message(n, message_id=f"<i{n}@example.net>"))
    assert sync_account(env.store_path, env.account, env.password).error is None
    orders = env.server.shown_name("Orders")
    inbox_before = _server_ids(env, "INBOX")
    with env.open() as store:  # offline
        target = _folder_id(store, orders)
        queue.move(store, [_row(store, "INBOX", "i1@example.net")], target)  # move into Orders
        queue.copy(store, [_row(store, "INBOX", "i2@example.net")], target)  # copy into Orders
        # copies the replay made on a server that sent no COPYUID: rows with no server UID
        # and no op, which exist only here once Orders is gone
        leftovers = [queue.copy(store, [_row(store, "INBOX", "i3@example.net")], target)[0]
                     for _ in range(2)]
        for op in queue.pending(store, env.account.id):
            if op.message_row in leftovers:
                queue.begin(store, op.id)
                queue.complete(store, op.id, None)
        leftover_raw = store.get_raw(leftovers[0])
    _delete_on_server(env, "Orders")

    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert report.removed_folders == (orders,)
    recovered = "Recovered (local)"
    with env.open() as store:
        assert queue.pending(store, env.account.id) == []
        ended = queue.failures(store, env.account.id)
        assert [op.state for op in ended] == ["dropped", "dropped"]
        assert all(f"The folder “{orders}” was deleted on the server" in (op.last_error or "")
                   for op in ended)
        where = _where(store)
        folder = store.folder_by_name(env.account.id, recovered)
        assert folder is not None and folder.is_local
        kept = [r for (r,) in store.conn.execute(
            "SELECT id FROM messages WHERE folder_id = ? ORDER BY id", (folder.id,))]
        assert kept == leftovers
        assert all(store.get_raw(r) == leftover_raw for r in kept)
    assert where == {  # the move came back, the copy went, the local-only row was kept
        ("INBOX", 1, "i1@example.net"), ("INBOX", 2, "i2@example.net"),
        ("INBOX", 3, "i3@example.net"), (recovered, None, "i3@example.net"),
    }
    assert _server_ids(env, "INBOX") == inbox_before
    assert len(report.replay_notes) == 3
    assert report.replay_notes[-1] == (
        f"The folder “{orders}” was deleted on the server; 2 messages of it that existed only "
        f"on this computer are kept in “{recovered}”.")
    again = sync_account(env.store_path, env.account, env.password)  # the folder stays local
    assert again.error is None and again.removed_folders == () and again.created_folders == ()
    env.server.create_folder(env.user, recovered)  # a server folder takes the local name
    fourth = sync_account(env.store_path, env.account, env.password)
    assert fourth.error is None and fourth.created_folders == (env.server.shown_name(recovered),)
    recovered_2 = recovered + " 2"
    with env.open() as store:
        assert (recovered_2, None, "i3@example.net") in _where(store)
        moved_aside = store.folder_by_name(env.account.id, recovered_2)
        server_one = store.folder_by_name(env.account.id, env.server.shown_name(recovered))
        assert moved_aside is not None and moved_aside.is_local
        assert server_one is not None and not server_one.is_local
        # the rep puts one kept message back on the server and deletes the other (to Trash)
        queue.move(store, [kept[0]], _folder_id(store, "Archive"))
        queue.delete(store, [kept[1]])
    third = sync_account(env.store_path, env.account, env.password)
    assert third.error is None and third.replayed == 2, third.replay_notes
    [uid] = env.server.uids(env.user, "Archive")
    assert env.server.fetch_raw(env.user, "Archive", uid) == leftover_raw
    [trash_uid] = env.server.uids(env.user, "Trash")
    assert env.server.fetch_raw(env.user, "Trash", trash_uid) == leftover_raw
    with env.open() as store:
        assert store.folder_by_name(env.account.id, recovered_2) is None  # empty: gone
        assert {("Archive", uid, "i3@example.net"), ("Trash", trash_uid, "i3@example.net")} <= \
            _where(store)
        assert queue.pending(store, env.account.id) == []
    cached = {(f, u, h.split(":")[0]) for f, u, _m, _fl, h in
              cache_snapshot(env.store_path, env.account.id)}
    assert cached == server_snapshot(env.server, env.user)


def test_ops_on_a_folder_renamed_on_the_server_are_kept_and_replayed(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Orders")
    for n in (1, 2):
        env.server.append(env.user, "Orders", make_message(n, message_id=f"<o{n}@example.net>"))
    env.server.append(env.user, "INBOX", make_message(3, message_id="<i1@example.net>"))
    assert sync_account(env.store_path, env.account, env.password).error is None
    orders = env.server.shown_name("Orders")
    with env.open() as store:
        queue.mark(store, [_row(store, orders, "o1@example.net")], flagged=True)
        queue.move(store, [_row(store, "INBOX", "i1@example.net")], _folder_id(store, orders))
    with env.server.imap_admin(env.user) as imap:
        typ, data = imap.rename(env.server.mailbox("Orders"), env.server.mailbox("Orders 2026"))
        assert typ == "OK", data
    first = sync_account(env.store_path, env.account, env.password)
    assert first.error is None, first.error
    renamed = env.server.shown_name("Orders 2026")
    assert first.renamed_folders == ((orders, renamed),)
    with env.open() as store:
        assert queue.failures(store, env.account.id) == []  # a rename is no deletion
    second = sync_account(env.store_path, env.account, env.password)
    assert second.error is None and second.replayed == 2, second.replay_notes
    flags = env.server.flags(env.user, "Orders 2026")
    by_id = {env.server.fetch_raw(env.user, "Orders 2026", uid).split(b"Message-ID: ")[1][:16]: f
             for uid, f in flags.items()}
    assert "\\Flagged" in by_id[b"<o1@example.net>"]
    assert b"<i1@example.net>" in by_id
    assert env.server.uids(env.user, "INBOX") == []
    with env.open() as store:
        assert queue.pending(store, env.account.id) == []
        assert queue.failures(store, env.account.id) == []


def test_an_op_whose_folder_left_the_cache_is_dropped_not_applied_elsewhere(sync_env: SyncEnv) -> None:
    """A cache from an older Tradewind: the folder was removed while its op stayed queued
    (folder NULL). The same message also sits in Archive; it must not get the change."""
    env = sync_env
    env.server.create_folder(env.user, "Orders")
    raw = make_message(1, message_id="<same@example.net>")
    env.server.append(env.user, "Orders", raw)
    env.server.append(env.user, "Archive", raw)
    assert sync_account(env.store_path, env.account, env.password).error is None
    orders = env.server.shown_name("Orders")
    with env.open() as store:
        queue.mark(store, [_row(store, orders, "same@example.net")], flagged=True)
        queue.delete(store, [_row(store, "Archive", "same@example.net")])
        [flag_op, delete_op] = queue.pending(store, env.account.id)
        queue.drop(store, delete_op.id, "test: only the flag op stays")
        queue.dismiss_failures(store, env.account.id)
    _delete_on_server(env, "Orders")
    with env.open() as store:  # what the older Tradewind did at its next LIST
        store.remove_folder(_folder_id(store, orders))
        [op] = queue.pending(store, env.account.id)
        assert op.folder_id is None
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert report.replayed == 0
    with env.open() as store:
        assert queue.pending(store, env.account.id) == []
        [dropped] = queue.failures(store, env.account.id)
        assert dropped.state == "dropped" and "deleted on the server" in (dropped.last_error or "")
    assert all("\\Flagged" not in f for f in env.server.flags(env.user, "Archive").values())
