"""WAL checkpoints on their own thread: the writer's COMMIT no longer checkpoints, the thread
does, and the writer gets its automatic checkpoint back afterwards."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from client.sync.checkpointer import WalCheckpointer


def _writer(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS bodies(id INTEGER PRIMARY KEY, raw BLOB)")
    return conn


def test_the_thread_checkpoints_what_the_writer_commits(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    writer = _writer(path)
    writer.execute("PRAGMA wal_autocheckpoint = 1000")
    checkpointer = WalCheckpointer(path, restore_pages=1000, interval=0.01)
    checkpointer.start(writer)
    assert writer.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    blob = os.urandom(64 * 1024)
    for _n in range(40):  # ~2.5 MB of bodies in 40 commits
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO bodies(raw) VALUES (?)", (blob,))
        writer.execute("COMMIT")
    deadline = time.monotonic() + 60
    while checkpointer.checkpoints < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    checkpointer.stop()
    assert checkpointer.checkpoints >= 2
    assert writer.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # given back
    # the database file itself (read without its WAL, the writer still open) holds every row:
    # the thread's checkpoints copied them, the writer's COMMITs did not
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    reader = sqlite3.connect(str(copy))
    assert reader.execute("SELECT count(*) FROM bodies").fetchone()[0] == 40
    reader.close()
    writer.close()


def test_stop_without_start_and_twice_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    writer = _writer(path)
    checkpointer = WalCheckpointer(path, restore_pages=500)
    checkpointer.stop()
    checkpointer.start(writer)
    checkpointer.start(writer)  # idempotent: one thread
    checkpointer.stop()
    checkpointer.stop()
    assert writer.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 500
    writer.close()
