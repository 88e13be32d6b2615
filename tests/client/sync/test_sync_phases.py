"""Order of a big sync's phases: full-text indexing runs in the index process while bodies are
stored (the thread indexer only when that process is missing), and the body pass stores bodies
without re-parsing the headers the listing pass already stored."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from client.store.records import IncomingMessage
from client.sync import engine, folder_sync, index_worker
from client.sync.engine import sync_account
from client.sync.fetch_pool import FetchedBatch
from client.sync.folder_sync import SyncContext
from client.sync.index_worker import IndexWorker
from client.sync.indexer import BackgroundIndexer
from tests.client.sync.env import SyncEnv, make_message


@pytest.mark.parametrize("helpers", [0, 2])
def test_bodies_are_indexed_in_the_index_process_during_the_body_pass(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, helpers: int
) -> None:
    env = sync_env
    for n in range(12):
        env.server.append(env.user, "INBOX", make_message(n, size=3_000))
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 3)
    monkeypatch.setattr(index_worker, "PROCESS_MIN_ROWS", 1)
    waiting_bodies_at_nudge: list[int] = []
    real_nudge = IndexWorker.nudge

    def nudge(self: IndexWorker, rows: int | None = None) -> None:
        with env.open() as store:
            waiting_bodies_at_nudge.append(store.conn.execute(
                "SELECT count(*) FROM messages WHERE body_state = 'none'").fetchone()[0])
        real_nudge(self, rows)

    thread_started: list[bool] = []
    monkeypatch.setattr(IndexWorker, "nudge", nudge)
    monkeypatch.setattr(BackgroundIndexer, "start",
                        lambda self: thread_started.append(True) or self)
    report = sync_account(env.store_path, env.account, env.password, connections=helpers)
    assert report.error is None, report.error
    assert report.indexed == 12
    assert waiting_bodies_at_nudge[0] > 0  # told after the first body batch, not at the end
    assert thread_started == []  # the process did it all
    with env.open() as store:
        assert store.pending_index_count() == 0


def test_a_few_new_mails_are_indexed_without_starting_the_index_process(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An IDLE-triggered sync brings a mail or two: no process start (0.3-2 s) for them."""
    env = sync_env
    for n in range(3):
        env.server.append(env.user, "INBOX", make_message(n, size=2_000))
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 1)
    started: list[object] = []
    real_popen = index_worker.subprocess.Popen
    monkeypatch.setattr(index_worker.subprocess, "Popen",
                        lambda *a, **k: started.append(a) or real_popen(*a, **k))
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    assert report.indexed == 3 and started == []
    with env.open() as store:
        assert store.pending_index_count() == 0


def test_without_the_index_process_the_thread_indexes_everything(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = sync_env
    for n in range(6):
        env.server.append(env.user, "INBOX", make_message(n, size=2_000))
    monkeypatch.setattr(index_worker, "PROCESS_MIN_ROWS", 1)
    monkeypatch.setattr(index_worker, "child_command", lambda _p: [str(env.store_path.parent / "missing")])
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    assert report.indexed == 6
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


def test_after_body_batch_hooks_get_every_row_whose_body_arrived(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store pass's per-batch hook point: listed rows whose bodies are filled in come as
    updated rows; header-only batches call no hook."""
    env = sync_env
    for n in range(7):
        env.server.append(env.user, "INBOX", make_message(n, size=2_000))
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 3)
    calls: list[tuple[int, tuple[int, ...], int]] = []

    class Recording(SyncContext):
        def __init__(self, **fields: Any) -> None:
            super().__init__(**fields)

            def hook(folder_id: int, rows: tuple[int, ...]) -> None:
                waiting = self.store.conn.execute(
                    "SELECT count(*) FROM messages WHERE body_state = 'none' AND id IN "
                    f"({','.join(map(str, rows)) or 'NULL'})").fetchone()[0]
                calls.append((folder_id, rows, int(waiting)))
            self.after_body_batch.append(hook)

    monkeypatch.setattr(engine, "SyncContext", Recording)
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    with env.open() as store:
        ids = sorted(int(r) for (r,) in store.conn.execute("SELECT id FROM messages"))
    assert sorted(i for _f, rows, _w in calls for i in rows) == ids  # each row once
    assert len(calls) == 3 and all(waiting == 0 for _f, _rows, waiting in calls)


def test_a_cancel_while_the_index_drains_ends_the_sync_as_cancelled(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = sync_env
    for n in range(4):
        env.server.append(env.user, "INBOX", make_message(n, size=2_000))
    cancel = threading.Event()
    real_finish = IndexWorker.finish

    def finish(self: IndexWorker, **options: Any) -> int:
        cancel.set()  # the user cancels while the sync waits for the index
        return real_finish(self, **options)

    monkeypatch.setattr(IndexWorker, "finish", finish)
    report = sync_account(env.store_path, env.account, env.password, cancel=cancel,
                          connections=0)
    assert report.cancelled and report.status == "ok"
    assert report.error == "The sync was cancelled."
    with env.open() as store:  # the bodies are kept; unindexed rows wait for the next sync
        assert store.conn.execute(
            "SELECT count(*) FROM messages WHERE body_state = 'full'").fetchone()[0] == 4
        assert store.pending_index_count() == 4 - report.indexed
