"""Folders are matched by identity, never by a guess, and shown without the server's personal
namespace prefix — on Dovecot and on Cyrus (same-second UIDVALIDITYs, MAILBOXIDs, ``INBOX.``)."""

from __future__ import annotations

import json

import pytest

from client.imap import ImapSession
from client.ops import queue
from client.sync.engine import endpoint_for, sync_account
from tests.client.sync.env import SyncEnv, cache_snapshot, make_message, server_snapshot
from tests.servers.cyrus import CyrusServer

pytestmark = pytest.mark.server_identity  # folder identity, MAILBOXID, the namespace


ROLES = {"INBOX": "inbox", "Sent": "sent", "Drafts": "drafts", "Trash": "trash", "Junk": "junk",
         "Archive": "archive"}


def _bodies(env: SyncEnv) -> set[tuple[str, int, str]]:
    return {(f, uid, h.split(":")[0]) for f, uid, _m, _fl, h in
            cache_snapshot(env.store_path, env.account.id)}


def _create_in_one_second(env: SyncEnv, names: list[str]) -> dict[str, int]:
    """CREATE the folders back to back; on Cyrus retry until they share one UIDVALIDITY (the
    case under test). Returns {name: UIDVALIDITY}."""
    for _attempt in range(5):
        with env.server.imap_admin(env.user) as imap:
            for name in names:
                typ, data = imap.create(env.server.mailbox(name))
                assert typ == "OK", data
        found = {name: env.server.uidvalidity(env.user, name) for name in names}
        if len(set(found.values())) == 1 or not isinstance(env.server, CyrusServer):
            return found
        with env.server.imap_admin(env.user) as imap:
            for name in names:
                imap.delete(env.server.mailbox(name))
    raise AssertionError("could not create the folders within one second")


def _connect_without(env: SyncEnv, hidden: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.capabilities = frozenset(session.capabilities - set(hidden))
        return session

    return connect


@pytest.mark.parametrize("hidden", [(), ("OBJECTID",)], ids=["mailbox-ids", "no-mailbox-ids"])
def test_deleted_and_renamed_folder_never_shows_the_other_folders_messages(
    sync_env: SyncEnv, hidden: tuple[str, ...]
) -> None:
    env = sync_env
    connect = _connect_without(env, hidden)
    validity = _create_in_one_second(env, ["Orders", "Samples"])
    for n in (1, 2):  # same counts in both, so counting cannot tell them apart either
        env.server.append(env.user, "Orders", make_message(n, message_id=f"<orders-{n}@example.net>"))
        env.server.append(env.user, "Samples", make_message(n, message_id=f"<samples-{n}@example.net>"))
    first = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert first.error is None, first.error
    samples = env.server.shown_name("Samples")
    with env.open() as store:  # offline: flag a message of the folder about to be deleted
        row = store.conn.execute(
            "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE f.name = ? AND m.uid = 1", (samples,)).fetchone()[0]
        queue.mark(store, [row], flagged=True)
    with env.server.imap_admin(env.user) as imap:  # another client, behind our back
        assert imap.delete(env.server.mailbox("Samples"))[0] == "OK"
        assert imap.rename(env.server.mailbox("Orders"), env.server.mailbox("Orders 2026"))[0] == "OK"

    second = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert second.error is None, second.error
    renamed = (env.server.shown_name("Orders"), env.server.shown_name("Orders 2026"))
    unique_validity = validity["Orders"] != validity["Samples"]
    if unique_validity or not hidden:  # a MAILBOXID or an unambiguous match: a rename
        assert second.renamed_folders == (renamed,)
        assert second.removed_folders == (samples,)
    else:  # the same UIDVALIDITY and no MAILBOXID: a guess, so delete + create
        assert second.renamed_folders == ()
        assert set(second.removed_folders) == {renamed[0], samples}
        assert renamed[1] in second.created_folders
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        shown = {mid for (mid,) in store.conn.execute(
            "SELECT m.message_id FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE f.name = ?", (renamed[1],))}
        assert shown == {"orders-1@example.net", "orders-2@example.net"}
        assert store.conn.execute(
            "SELECT count(*) FROM messages WHERE message_id LIKE 'samples-%'").fetchone() == (0,)
        # the flag queued on the deleted folder points at no folder now, never at another one
        assert [op.folder_id for op in queue.pending(store, env.account.id)] in ([], [None])
        # the rep flags what the cache shows as the renamed folder's first message, offline
        row = store.conn.execute(
            "SELECT m.id FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE f.name = ? AND m.message_id = 'orders-1@example.net'", (renamed[1],)).fetchone()[0]
        queue.mark(store, [row], seen=True)
    third = sync_account(env.store_path, env.account, env.password, connect=connect)
    assert third.error is None and third.replayed == 1
    flags = env.server.flags(env.user, "Orders 2026")
    assert not any("\\Flagged" in f for f in flags.values())  # the deleted folder's flag
    seen = {uid for uid, f in flags.items() if "\\Seen" in f}
    assert len(seen) == 1
    raw = env.server.fetch_raw(env.user, "Orders 2026", seen.pop())
    assert b"<orders-1@example.net>" in raw


def test_folder_renamed_twice_and_swapped_keeps_its_messages(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Quotes")
    env.server.create_folder(env.user, "Offers")
    env.server.append(env.user, "Quotes", make_message(1, message_id="<q1@example.net>"))
    for n in (1, 2):
        env.server.append(env.user, "Offers", make_message(n, message_id=f"<o{n}@example.net>"))
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.server.imap_admin(env.user) as imap:  # swap the two names
        imap.rename(env.server.mailbox("Quotes"), env.server.mailbox("Tmp"))
        imap.rename(env.server.mailbox("Offers"), env.server.mailbox("Quotes"))
        imap.rename(env.server.mailbox("Tmp"), env.server.mailbox("Offers"))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert _bodies(env) == server_snapshot(env.server, env.user)
    if isinstance(env.server, CyrusServer):  # MAILBOXIDs prove the swap: nothing downloaded
        assert report.added == 0
        assert set(report.renamed_folders) == {("Quotes", "Offers"), ("Offers", "Quotes")}


def test_folders_are_shown_without_the_personal_namespace_prefix(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Customers")
    env.server.create_folder(env.user, "Customers/Hamburg")
    env.server.create_folder(env.user, 'R&D 2026')
    env.server.append(env.user, "Customers/Hamburg", make_message(1, message_id="<h1@example.net>"))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    with env.open() as store:
        folders = {f.name: f for f in store.folders(env.account.id)}
    assert {name: folders[name].role for name in ROLES} == ROLES
    assert not [name for name in folders if name.startswith("INBOX") and name != "INBOX"]
    hamburg = folders[env.server.shown_name("Customers/Hamburg")]
    delimiter = "." if isinstance(env.server, CyrusServer) else "/"
    assert hamburg.delimiter == delimiter
    assert hamburg.name.split(delimiter) == ["Customers", "Hamburg"]  # a child of Customers
    if isinstance(env.server, CyrusServer):
        assert all(f.mailbox_id for f in folders.values())
        assert len({f.mailbox_id for f in folders.values()}) == len(folders)
    # the shown names round-trip to the server's names: an offline move into both folders
    with env.open() as store:
        row = store.conn.execute("SELECT id FROM messages WHERE message_id = 'h1@example.net'"
                                 ).fetchone()[0]
        queue.copy(store, [row], folders['R&D 2026'].id)
        queue.move(store, [row], folders["Archive"].id)
    again = sync_account(env.store_path, env.account, env.password)
    assert again.error is None and again.replayed == 2, again.replay_notes
    assert len(env.server.uids(env.user, 'R&D 2026')) == 1
    assert len(env.server.uids(env.user, "Archive")) == 1
    assert env.server.uids(env.user, "Customers/Hamburg") == []
    assert _bodies(env) == server_snapshot(env.server, env.user)


def test_sync_json_reports_renames(sync_env: SyncEnv) -> None:
    from client.cli.sync_cmd import report_json

    env = sync_env
    env.server.create_folder(env.user, "Quotes")
    env.server.append(env.user, "Quotes", make_message(1))
    sync_account(env.store_path, env.account, env.password)
    with env.server.imap_admin(env.user) as imap:
        imap.rename(env.server.mailbox("Quotes"), env.server.mailbox("Quotes 2026"))
    report = sync_account(env.store_path, env.account, env.password)
    shape = json.loads(json.dumps(report_json(env.user.email, report)))
    assert shape["renamed_folders"] == [{"from": "Quotes", "to": "Quotes 2026"}]
    assert shape["created_folders"] == [] and shape["removed_folders"] == []


def test_cache_made_before_namespace_names_keeps_its_mail(sync_env: SyncEnv) -> None:
    """A cache that still holds ``INBOX.Sent`` (names before NAMESPACE was honoured, no
    mailbox ids) is carried over by the server's full name: nothing downloaded again."""
    env = sync_env
    if not isinstance(env.server, CyrusServer):
        pytest.skip("only a server with a personal namespace prefix had such caches")
    env.server.append(env.user, "Sent", make_message(1))
    env.server.append(env.user, "INBOX", make_message(2))
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.open() as store:
        store.conn.execute("UPDATE folders SET name = 'INBOX.' || name, mailbox_id = NULL "
                           "WHERE name != 'INBOX'")
        store.conn.execute("UPDATE folders SET mailbox_id = NULL")
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert (report.added, report.created_folders, report.removed_folders) == (0, (), ())
    assert ("INBOX.Sent", "Sent") in report.renamed_folders
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        assert all(f.mailbox_id for f in store.folders(env.account.id))


def test_folder_deleted_and_created_again_under_its_name_is_a_new_folder(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.create_folder(env.user, "Orders")
    env.server.append(env.user, "Orders", make_message(1, message_id="<old-1@example.net>"))
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.server.imap_admin(env.user) as imap:
        imap.delete(env.server.mailbox("Orders"))
        imap.create(env.server.mailbox("Orders"))
    env.server.append(env.user, "Orders", make_message(2, message_id="<new-1@example.net>"))
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    if isinstance(env.server, CyrusServer):  # another MAILBOXID: not the cached folder
        assert (report.removed_folders, report.created_folders) == (("Orders",), ("Orders",))
    assert _bodies(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        ids = {mid for (mid,) in store.conn.execute("SELECT message_id FROM messages")}
    assert ids == {"new-1@example.net"}
