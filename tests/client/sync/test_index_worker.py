"""The index process: indexes what the sync stores, drains on finish, loses nothing when it
stops early or cannot start."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from client.store import Store
from client.sync import index_worker
from client.sync.index_worker import IndexWorker, child_main
from tests.client.sync.env import store_with_messages


def _body_hits(path: Path, word: str) -> int:
    with Store.open(path) as store:
        return int(store.conn.execute(
            "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?",
            (f'body:"{word}"',)).fetchone()[0])


def test_finish_drains_every_stored_body_in_the_child(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store_with_messages(path, 250)
    worker = IndexWorker(path)
    worker.nudge()
    assert worker.started
    assert worker.finish(timeout=120) == 250
    assert worker.error is None and not worker.failed
    with Store.open(path) as store:
        assert store.pending_index_count() == 0
    assert _body_hits(path, "quotation") == 250


def test_no_nudge_starts_no_process(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store_with_messages(path, 3)
    worker = IndexWorker(path)
    assert worker.finish(timeout=30) == 0  # a no-change sync pays nothing
    assert not worker.started
    with Store.open(path) as store:
        assert store.pending_index_count() == 3


def _pending(path: Path) -> int:
    with Store.open(path) as store:
        return store.pending_index_count()


def _wait_until(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_before_finish_rows_without_their_body_wait(tmp_path: Path) -> None:
    """During the body pass the child skips rows listed from their headers only (they would
    be indexed twice); ``finish`` indexes them too."""
    path = tmp_path / "t.db"
    store_with_messages(path, 4, listed_only=3)
    read_end, write_end = os.pipe()
    out = io.StringIO()
    with open(read_end, encoding="utf-8") as commands, open(write_end, "w", encoding="utf-8") as tell:
        child = threading.Thread(target=child_main, args=(str(path), commands, out))
        child.start()
        tell.write("more\n")
        tell.flush()
        assert _wait_until(lambda: _pending(path) == 3)  # the 4 bodies, not the 3 headers
        tell.write("finish\n")
        tell.flush()
        child.join(60)
    assert json.loads(out.getvalue()) == {"indexed": 7, "error": None}
    assert _pending(path) == 0


def test_parent_gone_stops_the_child_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store_with_messages(path, 600)
    worker = IndexWorker(path)
    worker.nudge()
    proc = worker._proc
    assert proc is not None and proc.stdin is not None
    proc.stdin.close()  # what the child sees when the sync process dies
    assert proc.wait(timeout=120) == 0
    indexed = json.loads(proc.stdout.read() if proc.stdout else "{}")["indexed"]
    assert indexed + _pending(path) == 600
    assert _body_hits(path, "quotation") == indexed


@pytest.mark.parametrize("command", ["missing", "dies"])
def test_a_child_that_cannot_start_or_dies_leaves_its_rows_for_the_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    path = tmp_path / "t.db"
    store_with_messages(path, 5)
    argv = ([str(tmp_path / "no-such-python")] if command == "missing"
            else [index_worker.sys.executable, "-c", "raise SystemExit(3)"])
    monkeypatch.setattr(index_worker, "child_command", lambda _p: argv)
    worker = IndexWorker(path)
    worker.nudge()
    assert worker.started == (command == "dies")
    assert worker.finish(timeout=30) == 0
    assert worker.failed
    assert _pending(path) == 5  # left for the thread indexer


def test_the_frozen_apps_index_child_argument_runs_the_child(tmp_path: Path) -> None:
    """A frozen build starts the index child as ``Tradewind --index-child STORE``."""
    from client.cli import main as cli_main

    assert cli_main.INDEX_CHILD_ARGUMENT == index_worker.CHILD_ARGUMENT
    path = tmp_path / "t.db"
    store_with_messages(path, 4)
    out = io.StringIO()
    code = cli_main.main([index_worker.CHILD_ARGUMENT, str(path)], stdin=io.StringIO("finish\n"),
                         stdout=out)
    assert code == 0 and json.loads(out.getvalue()) == {"indexed": 4, "error": None}
    assert _pending(path) == 0


def test_kill_9_of_the_child_mid_index_keeps_the_cache_sound(tmp_path: Path) -> None:
    """Checklist S1 for the index process: a SIGKILL while it indexes leaves a database that
    passes integrity_check, no row marked indexed without its text, and the next run converges."""
    path = tmp_path / "t.db"
    store_with_messages(path, 900)
    worker = IndexWorker(path)
    worker.nudge()
    proc = worker._proc
    assert proc is not None
    assert _wait_until(lambda: _pending(path) < 900)  # at least one chunk committed
    proc.kill()
    proc.wait(timeout=60)
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done = 900 - store.pending_index_count()
    assert _body_hits(path, "quotation") == done  # what is marked indexed is searchable
    again = IndexWorker(path)
    again.nudge()
    assert again.finish(timeout=120) == 900 - done
    assert _pending(path) == 0 and _body_hits(path, "quotation") == 900


def test_a_cancel_during_the_drain_stops_the_child_after_its_chunk(tmp_path: Path) -> None:
    """The sync stays cancellable while it waits for the index (checklist T12)."""
    path = tmp_path / "t.db"
    store_with_messages(path, 3000)
    cancel = threading.Event()
    worker = IndexWorker(path, cancel)
    worker.nudge()
    cancel.set()
    indexed = worker.finish(drain=True, timeout=120)
    assert not worker.failed and worker.error is None
    assert indexed + _pending(path) == 3000
    assert _pending(path) > 0  # stopped, not drained: the rest waits for the next sync


def test_child_checkpoints_no_more_often_than_the_sync(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # SQLite's default period (1,000 pages) made the child's frequent commits checkpoint the
    # WAL the body writer fills nearly every time (issue 17)
    path = tmp_path / "t.db"
    store_with_messages(path, 5)
    seen: list[int] = []
    real = Store.index_pending

    def spy(self: Store, *args: object, **kwargs: object) -> int:
        seen.append(int(self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "index_pending", spy)
    out = io.StringIO()
    assert child_main(str(path), io.StringIO("finish\n"), out) == 0
    assert json.loads(out.getvalue())["indexed"] == 5
    assert seen and set(seen) == {index_worker.WAL_AUTOCHECKPOINT_PAGES}
    from client.sync import engine
    assert engine.SYNC_WAL_AUTOCHECKPOINT_PAGES == index_worker.WAL_AUTOCHECKPOINT_PAGES
