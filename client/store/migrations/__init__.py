"""Numbered schema migrations (``NNNN_name.sql`` beside this file), recorded in ``user_version``.

``apply_migrations(conn, path, upto=None)`` runs every migration newer than the database's
``PRAGMA user_version``, each in its own ``BEGIN IMMEDIATE`` transaction together with the new
version number, so a crash leaves the database at a whole version. Idempotent; safe when two
processes open the same file at once (the version is re-read under the write lock). A database
newer than ``LATEST`` is refused with ``StoreVersionError`` before anything is written. Scripts
may call the SQL functions of ``register_functions`` (Python sort keys for backfills).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from client.store.derive import sender_key, subject_key
from client.store.errors import StoreVersionError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered migration script."""

    version: int
    name: str
    sql: str


def all_migrations() -> list[Migration]:
    """Every migration shipped with this code, in version order (versions must be 1..N: a gap
    would let a cache at version N skip a lower number added later, so a branch developed in
    parallel takes the next free number when it is merged)."""
    found: list[Migration] = []
    for entry in resources.files(__package__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..N: {[m.name for m in found]}")
    return found


LATEST = len(all_migrations())


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise RuntimeError(f"incomplete SQL statement in migration: {buffer[:80]!r}")
    return statements


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def register_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the deterministic functions migrations use: ``tw_sender_key(name, email)``
    and ``tw_subject_key(subject)`` (the same keys the store writes for new rows)."""
    conn.create_function(
        "tw_sender_key", 2, lambda name, email: sender_key(name or "", email or ""),
        deterministic=True,
    )
    conn.create_function(
        "tw_subject_key", 1, lambda subject: subject_key(subject or "")[0], deterministic=True
    )


def apply_migrations(conn: sqlite3.Connection, path: str, upto: int | None = None) -> int:
    """Bring the database to version ``upto`` (default: ``LATEST``); return the final version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) and not in a transaction.
    Raises ``StoreVersionError`` if the file is newer than this code.
    """
    target = LATEST if upto is None else upto
    current = user_version(conn)
    if current > LATEST:
        raise StoreVersionError(path, current, LATEST)
    if current < target:
        register_functions(conn)
    for migration in all_migrations():
        if migration.version <= current or migration.version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = user_version(conn)
            if current > LATEST:
                raise StoreVersionError(path, current, LATEST)
            if migration.version > current:
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.version:d}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        current = max(current, migration.version)
    return current
