"""Fixtures of the queue and undo tests: a cache file with one account (no server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tradewind.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def account_id(store: Store) -> int:
    return store.add_account("rep@tradewind.example").id
