"""Folder identity in the store (schema 8): the MAILBOXID column and renames that keep mail."""

from __future__ import annotations

import sqlite3

import pytest

from client.store import Folder, FolderRecord, Store

from .factories import incoming, make_raw


def test_mailbox_id_is_stored_and_kept_when_the_server_sends_none(
    store: Store, account_id: int
) -> None:
    first = store.upsert_folder(account_id, FolderRecord("Orders", ".", mailbox_id="id-1"))
    assert first.mailbox_id == "id-1"
    again = store.upsert_folder(account_id, FolderRecord("Orders", "."))
    assert again.id == first.id and again.mailbox_id == "id-1"
    changed = store.upsert_folder(account_id, FolderRecord("Orders", ".", mailbox_id="id-2"))
    assert changed.mailbox_id == "id-2"


def test_rename_folders_swaps_names_and_keeps_messages_and_state(
    store: Store, account_id: int, inbox: Folder
) -> None:
    a = store.upsert_folder(account_id, FolderRecord("Quotes"))
    b = store.upsert_folder(account_id, FolderRecord("Offers"))
    store.insert_messages(a.id, [incoming(1, make_raw(1))], 1)
    store.save_folder_state(a.id, uidvalidity=77, uidnext=2, exists_count=1)
    store.rename_folders({a.id: "Offers", b.id: "Quotes"})
    renamed = store.folder(a.id)
    assert renamed is not None and renamed.name == "Offers"
    assert (renamed.uidvalidity, renamed.uidnext, renamed.exists_count) == (77, 2, 1)
    assert store.folder_by_name(account_id, "Quotes") == store.folder(b.id)
    assert store.conn.execute("SELECT count(*) FROM messages WHERE folder_id = ?",
                              (a.id,)).fetchone() == (1,)
    with pytest.raises(sqlite3.IntegrityError):  # a name held by a folder not being renamed
        store.rename_folders({a.id: "INBOX"})
    assert store.folder(a.id).name == "Offers"  # type: ignore[union-attr]  # rolled back
    store.rename_folders({})
