"""``Store``: the profile's SQLite cache (``PROFILE/tradewind.db``).

Open with ``Store.open(path)`` on the thread that will use it; a Store is never shared between
threads (sqlite3 raises ``ProgrammingError`` if you try). Every thread that needs the cache opens
its own Store on the same file: WAL mode lets the UI read while a sync worker writes, and a
10 s busy timeout absorbs short write contention. Use it as a context manager or call
``close()``.

``open`` raises ``StoreVersionError`` (file made by a newer Tradewind; nothing is written) and
``StoreCorruptError`` (not a database, truncated, malformed: see
``client.store.recovery.quarantine_and_rebuild``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from client.store.accounts import AccountsMixin
from client.store.base import StoreBase, is_corruption, write_error
from client.store.errors import StoreCorruptError
from client.store.folders import FoldersMixin
from client.store.guard import GuardedConnection
from client.store.indexing import IndexingMixin
from client.store.listing import ListingMixin
from client.store.messages import MessagesMixin
from client.store.migrations import apply_migrations
from client.store.rederive import RederiveMixin
from client.store.search import SearchMixin

_MAGIC = b"SQLite format 3\x00"
#: Page size of newly created caches (bytes).
PAGE_SIZE = 16384

# Stores open per database file in this process. Opening and closing the database file with
# Python (as `check_file_header` does) releases every POSIX lock this process holds on it,
# including those of live SQLite connections; another process could then believe it is the
# last connection and checkpoint and delete the WAL under them ("database disk image is
# malformed"). So the header is checked only while no Store of this process has the file open.
_OPEN_LOCK = threading.Lock()
_OPEN_COUNTS: dict[str, int] = {}


def _file_key(path: Path) -> str:
    return os.path.normcase(str(path.resolve()))


def _release(key: str) -> None:
    with _OPEN_LOCK:
        left = _OPEN_COUNTS.get(key, 0) - 1
        if left > 0:
            _OPEN_COUNTS[key] = left
        else:
            _OPEN_COUNTS.pop(key, None)


def check_file_header(path: Path) -> None:
    """Cheap structural check of an existing database file; raises ``StoreCorruptError``.

    Catches a foreign or zeroed file and a file truncated below the size its header records
    (only checked when no WAL holds newer pages).
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or header[:16] != _MAGIC:
        raise StoreCorruptError(str(path), "the file is not an SQLite database")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    version_valid_for = struct.unpack(">I", header[92:96])[0]
    if page_size < 512 or page_size & (page_size - 1):
        raise StoreCorruptError(str(path), f"invalid page size {page_size}")
    wal = Path(str(path) + "-wal")
    wal_has_pages = wal.exists() and wal.stat().st_size > 32
    if change_counter == version_valid_for and not wal_has_pages:
        expected = page_count * page_size
        if size < expected:
            raise StoreCorruptError(
                str(path), f"the file is truncated: {size} of {expected} bytes are present"
            )


class Store(
    AccountsMixin, FoldersMixin, MessagesMixin, ListingMixin, IndexingMixin, RederiveMixin,
    SearchMixin, StoreBase,
):
    """The cache API; see the mixins for accounts, folders, messages, indexing and search."""

    _open_key: str | None = None  # this Store's entry in _OPEN_COUNTS while open

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, verify: bool = False) -> Store:
        """Open (creating if needed) and migrate the database at ``path``.

        ``verify=True`` also runs ``PRAGMA quick_check`` (seconds on a large cache). Raises
        ``StoreVersionError``, ``StoreCorruptError`` or ``StoreWriteError``.
        """
        db_path = Path(path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        key = _file_key(db_path)
        with _OPEN_LOCK:
            if not _OPEN_COUNTS.get(key):
                check_file_header(db_path)
            _OPEN_COUNTS[key] = _OPEN_COUNTS.get(key, 0) + 1
        try:
            conn = sqlite3.connect(
                str(db_path), isolation_level=None, timeout=10.0, factory=GuardedConnection
            )
            conn.db_path = str(db_path)
        except BaseException:
            _release(key)
            raise
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            # Bodies are blobs of tens of KB: bigger pages mean fewer overflow pages to chain
            # and write. Applies only to a new, empty file; an existing one keeps its size.
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            apply_migrations(conn, str(db_path))
            if verify:
                problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise StoreCorruptError(str(db_path), "; ".join(problems[:3]))
        except sqlite3.Error as exc:
            conn.close()
            _release(key)
            if is_corruption(exc):
                raise StoreCorruptError(str(db_path), str(exc)) from exc
            mapped = write_error(exc)
            if mapped is not None:
                raise mapped from exc
            raise
        except BaseException:
            conn.close()
            _release(key)
            raise
        store = cls(conn, db_path)
        store._open_key = key
        return store

    def close(self) -> None:
        """Close the connection (idempotent)."""
        try:
            self.conn.close()
        except sqlite3.ProgrammingError:
            pass
        key, self._open_key = self._open_key, None
        if key is not None:
            _release(key)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def integrity_errors(self, *, quick: bool = False) -> list[str]:
        """``PRAGMA integrity_check`` (``quick_check`` when ``quick``) problems: an empty list
        when the file is sound. A check that SQLite itself aborts on a damaged page returns that
        error as the one problem. Reads the whole file (seconds on a large cache)."""
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = [str(row[0]) for row in self.conn.execute(f"PRAGMA {pragma}")]
        except StoreCorruptError as exc:
            return [exc.detail]
        return [] if rows == ["ok"] else rows

    @property
    def db(self) -> Any:
        """A ``sqlite_utils.Database`` over this connection, for inspection and exports.

        Read-only use only: sqlite-utils' write helpers manage their own transactions.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn, recursive_triggers=False)

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A value from ``settings`` (JSON-decoded), or ``default``."""
        row = self.conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON-serialisable value in ``settings``."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value_json) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json",
                (key, json.dumps(value, ensure_ascii=False)),
            )
