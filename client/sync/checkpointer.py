"""WAL checkpoints on a thread of their own while a sync writes bodies.

With SQLite's automatic checkpoint the connection that commits copies the WAL into the database
file (and fsyncs both) inside its ``COMMIT``: during a body download that is the sync's one
writer, so every 16 MB of bodies it stopped storing to checkpoint. ``WalCheckpointer`` turns
that off for the writer's connection and runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own
connection instead (SQLite releases the GIL, so it overlaps the writer and the fetch threads).
Durability is unchanged: the same commits with the same ``synchronous`` setting, the same
checkpoints with the same fsyncs, only on another thread; a crash at any point leaves a WAL
SQLite recovers as before.

Use from the sync's thread: ``start(conn)`` (the writer's connection), ``stop()`` in a
``finally`` (idempotent; restores the writer's automatic checkpoint and runs a last passive
checkpoint). Never raises for SQLite trouble: a failed checkpoint is retried on the next tick
and the writer's own automatic checkpoint takes over after ``stop``.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading

log = logging.getLogger(__name__)

#: Seconds between checkpoints (each copies what was committed since the last).
INTERVAL = 0.25


class WalCheckpointer:
    """One checkpoint thread for one database file."""

    def __init__(self, db_path: str | os.PathLike[str], restore_pages: int,
                 interval: float = INTERVAL) -> None:
        self._path = os.fspath(db_path)
        self._restore = restore_pages
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._writer: sqlite3.Connection | None = None
        self.checkpoints = 0

    def start(self, writer: sqlite3.Connection) -> None:
        """Take checkpointing off ``writer`` (a per-connection setting) and start the thread
        (idempotent)."""
        if self._thread is not None:
            return
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        self._writer = writer
        self._thread = threading.Thread(target=self._run, name="tw-checkpoint", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread (after its current checkpoint) and give the writer back its own
        automatic checkpoint. Idempotent."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        thread.join()
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.execute(f"PRAGMA wal_autocheckpoint = {int(self._restore)}")
            except sqlite3.Error as exc:  # a closed or failing connection: nothing to restore
                log.info("could not restore the automatic checkpoint: %s", exc)

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, timeout=10.0, isolation_level=None,
                                   check_same_thread=True)
        except sqlite3.Error as exc:
            log.info("checkpoint thread could not open the store: %s", exc)
            return
        try:
            while True:
                stopping = self._stop.wait(self._interval)
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self.checkpoints += 1
                except sqlite3.Error as exc:  # busy or a full disk: the next tick tries again
                    log.info("checkpoint skipped: %s", exc)
                if stopping:
                    return
        finally:
            conn.close()
