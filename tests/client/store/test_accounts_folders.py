"""Accounts and folders CRUD, folder state and unread counts."""

from __future__ import annotations

import pytest

from client.store import Folder, FolderRecord, Store

from .factories import incoming, make_raw


def test_add_get_list_update_account(store: Store) -> None:
    added = store.add_account("Rep@Tradewind.example", display_name="Rep", imap_host="imap.x",
                              ca_file="ca.pem", preset="gmail")
    assert added.username == "Rep@Tradewind.example" and added.status == "new"
    assert store.get_account("rep@tradewind.example") == added
    store.update_account(added.id, imap_port=143, security="starttls")
    store.set_account_status(added.id, "auth-failed", "The server refused the password.")
    again = store.account(added.id)
    assert again is not None and again.imap_port == 143 and again.security == "starttls"
    assert again.status == "auth-failed" and again.last_error.startswith("The server")
    assert [a.id for a in store.list_accounts()] == [added.id]


def test_duplicate_or_bad_account_is_refused(store: Store) -> None:
    store.add_account("rep@tradewind.example")
    with pytest.raises(ValueError, match="already exists"):
        store.add_account("rep@tradewind.example")
    with pytest.raises(ValueError, match="not an email"):
        store.add_account("no-at-sign")
    with pytest.raises(ValueError):
        store.update_account(1, password="x")


def test_accounts_table_has_no_secret_column(store: Store) -> None:
    columns = {r[1] for r in store.conn.execute("PRAGMA table_info(accounts)")}
    assert not {c for c in columns if "pass" in c or "secret" in c or "token" in c}


def test_remove_account_cascades(store: Store, account_id: int, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1))], 1)
    store.index_pending()
    store.remove_account(account_id)
    for table in ("folders", "messages", "bodies", "message_refs", "pending_ops", "messages_fts"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


def test_upsert_folder_keeps_state_and_updates_attrs(store: Store, account_id: int) -> None:
    folder = store.upsert_folder(account_id, FolderRecord("Sent Items", role="sent"))
    store.save_folder_state(folder.id, uidvalidity=42, uidnext=10, highestmodseq=99, exists=9,
                            synced_uid=9, last_sync=1.5, last_error=None)
    again = store.upsert_folder(account_id, FolderRecord("Sent Items", role="sent",
                                                         attrs=("\\Sent",), subscribed=False))
    assert again.id == folder.id and again.attrs == ("\\Sent",) and not again.subscribed
    assert (again.uidvalidity, again.uidnext, again.highestmodseq, again.exists_count,
            again.synced_uid) == (42, 10, 99, 9, 9)
    assert store.folder_by_role(account_id, "SENT") == again
    assert store.folder_by_name(account_id, "Sent Items") == again
    assert store.folder_by_name(account_id, "sent items") is None
    with pytest.raises(ValueError):
        store.save_folder_state(folder.id, bogus=1)
    with pytest.raises(ValueError):
        store.upsert_folder(account_id, FolderRecord("X", role="spam-ish"))


def test_folder_names_round_trip_exactly(store: Store, account_id: int) -> None:
    names = ["INBOX", "客户/报价", 'we"ird & co', "Entwürfe"]
    for name in names:
        store.upsert_folder(account_id, FolderRecord(name))
    assert sorted(f.name for f in store.folders(account_id)) == sorted(names)


def test_unread_counts(store: Store, inbox: Folder, sent: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1)), incoming(2, make_raw(2), ("\\Seen",)),
                                     incoming(3, make_raw(3), ("\\Deleted",))], 3)
    assert store.unread_counts() == {inbox.id: 1, sent.id: 0}


def test_remove_folder(store: Store, account_id: int, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1))], 1)
    store.remove_folder(inbox.id)
    assert store.folders(account_id) == []
    assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0


def test_remove_folder_keeps_local_only_rows_in_the_recovered_folder(
    store: Store, account_id: int, inbox: Folder, sent: Folder
) -> None:
    from client.store.local_rows import duplicate

    store.insert_messages(inbox.id, [incoming(1, make_raw(1, subject="Kept offer")),
                                     incoming(2, make_raw(2))], 2)
    store.insert_messages(sent.id, [incoming(5, make_raw(5))], 5)
    store.index_pending()
    first = store.conn.execute("SELECT id FROM messages WHERE folder_id = ? AND uid = 1",
                               (inbox.id,)).fetchone()[0]
    with store.transaction() as conn:  # a row that exists only in this cache, in Sent
        local = duplicate(conn, first, sent.id)
    assert local is not None
    assert store.remove_folder(sent.id) == 1
    recovered = store.folder_by_name(account_id, "Recovered (local)")
    assert recovered is not None and recovered.is_local and not inbox.is_local
    kept = store.get_message(local)
    assert kept is not None and kept.folder_id == recovered.id and kept.uid is None
    assert store.get_raw(local) == store.get_raw(first)
    assert sorted(r.id for r in store.search("subject:kept")) == sorted([first, local])
    # the server-backed row of Sent went; INBOX is untouched
    assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 3
    assert store.remove_folder(sent.id) == 0  # idempotent
    assert store.prune_local_folders(account_id) == []  # it holds a message
    assert store.recovered_folder(account_id) == recovered  # one per account


def test_recovered_folder_avoids_a_server_name_and_empty_ones_are_pruned(
    store: Store, account_id: int
) -> None:
    store.upsert_folder(account_id, FolderRecord("Recovered (local)"))
    made = store.recovered_folder(account_id)
    assert made.name == "Recovered (local) 2" and made.is_local
    assert store.prune_local_folders(account_id) == ["Recovered (local) 2"]
    assert [f.name for f in store.folders(account_id)] == ["Recovered (local)"]
