"""S3: reading a damaged page raises the store's own error in words, never a raw sqlite3 one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from client.store import FolderRecord, Store, StoreCorruptError

from .damage import scribble, table_leaf_pages
from .factories import incoming, make_raw


def _cache_with_damaged_messages(path: Path) -> int:
    with Store.open(path) as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        batch = [incoming(i, make_raw(i, body="x" * 3000)) for i in range(1, 301)]
        store.insert_messages(inbox.id, batch, 300)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = sorted(table_leaf_pages(path, "messages"))
    bodies = sorted(table_leaf_pages(path, "bodies"))
    scribble(path, pages[1:-1] + bodies[2:-2])
    return inbox.id


def test_read_of_a_damaged_page_raises_store_corrupt_error(db_path: Path) -> None:
    inbox_id = _cache_with_damaged_messages(db_path)
    with Store.open(db_path) as store:  # header and schema are intact: opens
        with pytest.raises(StoreCorruptError) as info:
            store.list_messages(inbox_id, limit=1000)
        message = str(info.value)
        assert "damaged" in message and "tradewind cache rebuild" in message
        assert str(db_path) in message
        # every read path, including modules that use the connection directly
        with pytest.raises(StoreCorruptError):
            store.conn.execute("SELECT raw FROM bodies").fetchall()
        with pytest.raises(StoreCorruptError):
            for _row in store.conn.execute("SELECT * FROM messages"):
                pass
        with pytest.raises(StoreCorruptError):
            store.db.execute("SELECT count(*) FROM messages NOT INDEXED").fetchall()


def test_integrity_errors_of_a_damaged_file_are_listed(db_path: Path) -> None:
    _cache_with_damaged_messages(db_path)
    with Store.open(db_path) as store:
        problems = store.integrity_errors()
    assert problems and all(isinstance(p, str) for p in problems)


def test_a_locked_database_is_not_called_damaged(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.set_setting("k", 1)
        other = sqlite3.connect(str(db_path), isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            store.conn.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                store.set_setting("k", 2)
            assert store.get_setting("k") == 1  # readers still work under WAL
        finally:
            other.execute("ROLLBACK")
            other.close()
