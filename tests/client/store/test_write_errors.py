"""S2: a write refused by the disk rolls back, raises StoreWriteError and keeps the cache sound."""

from __future__ import annotations

import sqlite3

import pytest

from client.store import Folder, Store, StoreWriteError

from .factories import incoming, make_raw


def test_disk_full_rolls_back_and_keeps_previous_rows(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1))], 1)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = [incoming(uid, make_raw(uid, body="y" * 20000)) for uid in range(2, 40)]
    with pytest.raises(StoreWriteError) as info:
        store.insert_messages(inbox.id, big, 40)
    assert "disk is full" in str(info.value)
    assert not store.conn.in_transaction
    assert store.integrity_errors() == []
    assert [m.uid for m in store.list_messages(inbox.id)] == [1]
    folder = store.folder(inbox.id)
    assert folder is not None and folder.synced_uid == 1  # watermark not advanced
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    store.insert_messages(inbox.id, big, 40)  # once space is back the same batch goes in
    assert len(store.message_ids(inbox.id)) == 39


def test_io_error_inside_a_write_rolls_back(store: Store, account_id: int) -> None:
    """An EIO surfacing from an sqlite call mid-transaction (injected) is mapped and undone."""
    with pytest.raises(StoreWriteError) as info, store.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value_json) VALUES ('half', '1')")
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 10  # type: ignore[attr-defined]  # SQLITE_IOERR
        raise error
    assert "input/output error" in str(info.value) and "not saved" in str(info.value)
    assert store.get_setting("half") is None
    assert store.account(account_id) is not None
    assert store.integrity_errors() == []


def test_other_sqlite_errors_are_not_disguised(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError), store.transaction() as conn:
        conn.execute("SELECT * FROM no_such_table")
