"""The background full-text indexer: drains what the sync stores, stops at once on cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from client.store import Store
from client.sync.indexer import BackgroundIndexer
from tests.client.sync.env import store_with_messages


def test_finish_indexes_everything_stored(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store_with_messages(path, 450)
    indexer = BackgroundIndexer(path, threading.Event()).start()
    indexer.nudge()
    assert indexer.finish(timeout=120) == 450
    assert indexer.error is None
    with Store.open(path) as store:
        assert store.pending_index_count() == 0


def test_cancelled_indexer_leaves_rows_for_later(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store_with_messages(path, 450)
    cancel = threading.Event()
    cancel.set()
    indexer = BackgroundIndexer(path, cancel).start()
    assert indexer.finish(timeout=120) == 0
    with Store.open(path) as store:
        assert store.pending_index_count() == 450
