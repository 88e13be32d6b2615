"""The connection wrapper every store mixin builds on: transactions and write-error mapping.

A ``StoreBase`` (and so a ``Store``) belongs to the thread that opened it: sqlite3 enforces this
(``check_same_thread``) and raises ``sqlite3.ProgrammingError`` if another thread uses it. Open
one ``Store`` per thread; WAL mode lets readers and one writer work at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from client.i18n import _
from client.store.errors import StoreCorruptError, StoreWriteError
from client.store.listed_threads import ListedThreads

# Primary result codes (the low byte of sqlite_errorcode).
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_READONLY = 8
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def error_code(exc: sqlite3.Error) -> int:
    """The primary SQLite result code of ``exc`` (0 if unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def is_corruption(exc: sqlite3.Error) -> bool:
    """True if ``exc`` says the file is not a database or is malformed.

    Decided by the SQLite result code when sqlite3 gives one (so "database is locked" or a
    "malformed MATCH expression" is never corruption); by the message only when it does not.
    """
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = error_code(exc)
    if code:
        return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "database disk image is malformed" in text or "file is not a database" in text


def write_error(exc: sqlite3.Error) -> StoreWriteError | None:
    """A ``StoreWriteError`` in words for disk-full / I/O / read-only failures, else None."""
    code = error_code(exc)
    text = str(exc).lower()
    if code == _SQLITE_FULL or "disk is full" in text:
        reason = _("the disk is full (or the cache reached its size limit)")
    elif code == _SQLITE_IOERR or "disk i/o error" in text:
        reason = _("the disk reported an input/output error")
    elif code in (_SQLITE_READONLY, _SQLITE_CANTOPEN) or "readonly" in text:
        reason = _("the cache file cannot be written (read-only or missing)")
    else:
        return None
    return StoreWriteError(_(
        "Could not save to the local mail cache: {reason}. The change was not saved and "
        "nothing already stored was lost; free some space or check the disk, then try again.",
        reason=reason))


class StoreBase:
    """Owns one sqlite3 connection in autocommit mode; see ``transaction``."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._depth = 0
        #: Batches of header-listed rows waiting for their threads (``listed_threads``).
        self.listed_threads = ListedThreads()

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception.

        Nested use joins the outer transaction (and its durability: SQLite cannot change
        ``synchronous`` inside a transaction). ``durable=True`` commits with
        ``synchronous=FULL`` (user data: pending operations, outbox, drafts). Raises
        ``StoreWriteError`` (rolled back) when the disk is full or failing, and
        ``StoreCorruptError`` when SQLite finds the file malformed.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        conn = self.conn
        try:
            if durable:
                conn.execute("PRAGMA synchronous = FULL")
            conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0
        except sqlite3.Error as exc:
            mapped = write_error(exc)
            if mapped is not None:
                raise mapped from exc
            if is_corruption(exc):
                raise StoreCorruptError(str(self.path), str(exc)) from exc
            raise
        finally:
            if durable:
                conn.execute("PRAGMA synchronous = NORMAL")
