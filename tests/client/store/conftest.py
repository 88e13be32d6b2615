"""Fixtures for store tests: a fresh database file per test and a few folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.store import Folder, FolderRecord, Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tradewind.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def account_id(store: Store) -> int:
    return store.add_account("rep@tradewind.example", display_name="Rep").id


@pytest.fixture
def inbox(store: Store, account_id: int) -> Folder:
    return store.upsert_folder(account_id, FolderRecord("INBOX", role="inbox"))


@pytest.fixture
def sent(store: Store, account_id: int) -> Folder:
    return store.upsert_folder(account_id, FolderRecord("Sent", role="sent"))


@pytest.fixture
def trash(store: Store, account_id: int) -> Folder:
    return store.upsert_folder(account_id, FolderRecord("Trash", role="trash"))
