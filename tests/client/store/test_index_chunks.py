"""``index_pending`` chunks: bounded by bytes as well as by count, and able to skip rows whose
body has not arrived yet."""

from __future__ import annotations

from pathlib import Path

from client.store import FolderRecord, IncomingMessage, Store
from client.store.derive import header_columns
from tests.client.sync.env import make_message


def _store(path: Path) -> Store:
    store = Store.open(path)
    account = store.add_account("rep@example.test")
    folder = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    big = [IncomingMessage(uid=n + 1, raw=make_message(n, size=400_000)) for n in range(3)]
    store.insert_messages(folder.id, big, 3)
    listed = [IncomingMessage(uid=4, raw=b"", body_state="none",
                              headers=header_columns(make_message(4)))]
    store.insert_messages(folder.id, listed, 4)
    return store


def test_a_chunk_stops_at_its_byte_budget_but_takes_at_least_one(tmp_path: Path) -> None:
    with _store(tmp_path / "t.db") as store:
        assert store.index_pending(10, max_bytes=700_000) == 1  # two would be ~800 KB
        assert store.index_pending(10, max_bytes=1) == 1  # one message is always taken
        assert store.index_pending(10, max_bytes=10_000_000) == 2  # the last big + the listed
        assert store.pending_index_count() == 0


def test_bodies_only_leaves_rows_still_waiting_for_their_body(tmp_path: Path) -> None:
    with _store(tmp_path / "t.db") as store:
        assert store.index_pending(10, bodies_only=True) == 3
        assert store.index_pending(10, bodies_only=True) == 0
        assert store.pending_index_count() == 1
        assert store.index_pending(10) == 1
