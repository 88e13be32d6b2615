"""Opening, pragmas, transactions and thread ownership of the Store."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from client.store import Store
from client.store.migrations import LATEST


def test_open_creates_file_with_wal_and_pragmas(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conn = store.conn
        assert db_path.exists()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert store.integrity_errors() == []


def test_open_creates_missing_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "tradewind.db"
    Store.open(path).close()
    assert path.exists()


def test_reopen_keeps_data_and_version(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_account("rep@tradewind.example")
    with Store.open(db_path) as store:
        assert [a.email for a in store.list_accounts()] == ["rep@tradewind.example"]


def test_transaction_rolls_back_on_exception(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value_json) VALUES ('x', '1')")
        raise RuntimeError("boom")
    assert store.get_setting("x") is None
    assert not store.conn.in_transaction


def test_nested_transaction_joins_outer(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.set_setting("inner", 1)  # uses its own transaction() -> joins
        raise RuntimeError("outer fails")
    assert store.get_setting("inner") is None


def test_durable_transaction_restores_normal_sync(store: Store) -> None:
    with store.transaction(durable=True) as conn:
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_settings_round_trip(store: Store) -> None:
    store.set_setting("layout", {"columns": ["from", "主题"]})
    assert store.get_setting("layout") == {"columns": ["from", "主题"]}
    assert store.get_setting("missing", 5) == 5


def test_store_refuses_use_from_another_thread(store: Store) -> None:
    errors: list[BaseException] = []

    def use() -> None:
        try:
            store.list_accounts()
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            errors.append(exc)

    worker = threading.Thread(target=use)
    worker.start()
    worker.join()
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)


def test_second_store_on_same_file_sees_commits(db_path: Path, store: Store) -> None:
    store.add_account("one@tradewind.example")
    with Store.open(db_path) as reader:
        assert reader.get_account("ONE@tradewind.example") is not None


def test_sqlite_utils_view(store: Store) -> None:
    store.add_account("rep@tradewind.example")
    assert store.db["accounts"].count == 1


def test_reader_thread_and_writer_thread_work_at_once(db_path: Path) -> None:
    """The UI reads through its own Store while a sync worker writes through another."""
    from client.store import FolderRecord

    from .factories import incoming, make_raw

    with Store.open(db_path) as setup:
        account = setup.add_account("rep@tradewind.example")
        folder_id = setup.upsert_folder(account.id, FolderRecord("INBOX")).id
    errors: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        try:
            with Store.open(db_path) as writer:
                for start in range(1, 201, 20):
                    batch = [incoming(u, make_raw(u)) for u in range(start, start + 20)]
                    writer.insert_messages(folder_id, batch, start + 19)
                    writer.index_pending()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            done.set()

    worker = threading.Thread(target=write)
    with Store.open(db_path) as reader:
        worker.start()
        seen_counts = set()
        while not done.is_set():
            ids = reader.message_ids(folder_id)
            reader.rows_by_ids(ids[:50])
            reader.search("quotation")
            seen_counts.add(len(ids))
        worker.join()
        assert errors == []
        assert len(reader.message_ids(folder_id)) == 200
        assert all(count % 20 == 0 for count in seen_counts)  # never a half batch
