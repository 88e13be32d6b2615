"""The bulk demo mailbox used by the speed benchmarks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from client.demo.large import build_large_profile
from client.profile.paths import DATABASE_NAME
from client.store.db import Store

ANCHOR = date(2026, 11, 27)


def test_large_profile_has_the_count_with_unique_ids(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    stored = build_large_profile(tmp_path, 2500, anchor=ANCHOR, progress=lambda d, c: calls.append((d, c)))
    assert stored == 2500 and calls[-1] == (2500, 2500)
    with Store.open(tmp_path / DATABASE_NAME) as store:
        total, distinct = store.conn.execute(
            "SELECT count(*), count(DISTINCT message_id) FROM messages"
        ).fetchone()
        assert total == distinct == 2500
        assert store.pending_index_count() == 0
        for folder in store.folders(1):
            uids = [u for (u,) in store.conn.execute(
                "SELECT uid FROM messages WHERE folder_id = ? ORDER BY uid", (folder.id,))]
            assert uids == list(range(1, len(uids) + 1))  # UIDs continue after the demo's
            assert folder.uidnext == len(uids) + 1


def test_large_profile_is_deterministic(tmp_path: Path) -> None:
    build_large_profile(tmp_path / "a", 600, anchor=ANCHOR, index=False)
    build_large_profile(tmp_path / "b", 600, anchor=ANCHOR, index=False)

    def snapshot(p: Path) -> list[tuple[object, ...]]:
        with Store.open(p / DATABASE_NAME) as store:
            return store.conn.execute(
                "SELECT folder_id, uid, message_id, flags_json FROM messages ORDER BY folder_id, uid"
            ).fetchall()

    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
