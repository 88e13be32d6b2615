"""One place where SQLite's "the file is damaged" errors become ``StoreCorruptError``.

``GuardedConnection`` is the ``sqlite3.Connection`` factory of every ``Store``: its
``execute``/``executemany``/``executescript`` and the cursors it hands out (including row
iteration and ``fetch*``) turn a ``sqlite3.DatabaseError`` that means corruption
(``SQLITE_CORRUPT``, ``SQLITE_NOTADB``; see ``base.is_corruption``) into
``StoreCorruptError`` (in words, naming ``tradewind cache rebuild``) and leave the damage note
of ``damage_mark`` beside the file. Every other error
("database is locked", constraint failures, disk full) passes through unchanged, so callers
that map or retry them keep working. Same threading rules as sqlite3 (one thread per
connection).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from client.store.base import is_corruption
from client.store.damage_mark import mark_damaged
from client.store.errors import StoreCorruptError


def _mapped(exc: sqlite3.DatabaseError, path: str) -> BaseException:
    if is_corruption(exc):
        mark_damaged(path, str(exc))
        return StoreCorruptError(path, str(exc))
    return exc


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose reads raise ``StoreCorruptError`` for a damaged file."""

    _BATCH = 256

    def _path(self) -> str:
        return str(getattr(self.connection, "db_path", ""))

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        try:
            super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> GuardedCursor:
        try:
            super().executemany(sql, seq_of_parameters)
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc
        return self

    def executescript(self, sql_script: str, /) -> GuardedCursor:
        try:
            super().executescript(sql_script)
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc
        return self

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc

    def fetchmany(self, size: int | None = None) -> list[Any]:
        try:
            return super().fetchmany(self.arraysize if size is None else size)
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            raise _mapped(exc, self._path()) from exc

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        # Batches keep the per-row cost of a Python-level guard small on long result sets.
        fetch = super().fetchmany
        while True:
            try:
                batch = fetch(self._BATCH)
            except sqlite3.DatabaseError as exc:
                raise _mapped(exc, self._path()) from exc
            if not batch:
                return
            yield from batch


class GuardedConnection(sqlite3.Connection):
    """``sqlite3.Connection`` whose statements run on ``GuardedCursor``s; ``db_path`` names
    the file in error messages."""

    db_path: str = ""

    def cursor(self, factory: Any = GuardedCursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        cursor: GuardedCursor = self.cursor()
        return cursor.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> GuardedCursor:
        cursor: GuardedCursor = self.cursor()
        return cursor.executemany(sql, parameters)

    def executescript(self, sql_script: str, /) -> GuardedCursor:
        cursor: GuardedCursor = self.cursor()
        return cursor.executescript(sql_script)
