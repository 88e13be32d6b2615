"""Order of a big sync's phases: bodies are all stored before full-text indexing begins, and the
body pass stores bodies without re-parsing the headers the listing pass already stored."""

from __future__ import annotations

import pytest

from client.store.records import IncomingMessage
from client.sync import folder_sync
from client.sync.engine import sync_account
from client.sync.fetch_pool import FetchedBatch
from client.sync.folder_sync import SyncContext
from client.sync.indexer import BackgroundIndexer
from tests.client.sync.env import SyncEnv, make_message


@pytest.mark.parametrize("helpers", [0, 2])
def test_indexing_starts_once_every_body_is_stored(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, helpers: int
) -> None:
    env = sync_env
    for n in range(12):
        env.server.append(env.user, "INBOX", make_message(n, size=3_000))
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 3)
    waiting_bodies_at_start: list[int] = []
    real_start = BackgroundIndexer.start

    def start(self: BackgroundIndexer) -> BackgroundIndexer:
        with env.open() as store:
            waiting_bodies_at_start.append(store.conn.execute(
                "SELECT count(*) FROM messages WHERE body_state = 'none'").fetchone()[0])
        return real_start(self)

    monkeypatch.setattr(BackgroundIndexer, "start", start)
    report = sync_account(env.store_path, env.account, env.password, connections=helpers)
    assert report.error is None, report.error
    assert report.indexed == 12
    assert waiting_bodies_at_start == [0]  # started once, after the last body
    with env.open() as store:
        assert store.pending_index_count() == 0


def test_body_pass_keeps_the_listed_headers_and_parses_none(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = sync_env
    for n in range(5):
        env.server.append(env.user, "INBOX", make_message(n, size=2_000))
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    stored: list[IncomingMessage] = []
    real_store_batch = folder_sync._store_batch

    def spy(ctx: SyncContext, folder_id: int, result: FetchedBatch,
            watermark: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        if not result.batch.headers_only:
            stored.extend(result.messages)
        return real_store_batch(ctx, folder_id, result, watermark)

    monkeypatch.setattr(folder_sync, "_store_batch", spy)
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    assert len(stored) == 5 and all(m.headers is None for m in stored)
    with env.open() as store:
        rows = store.conn.execute(
            "SELECT subject, from_email, body_state FROM messages ORDER BY uid").fetchall()
    assert [state for _s, _f, state in rows] == ["full"] * 5
    assert all(subject and from_email for subject, from_email, _ in rows)
