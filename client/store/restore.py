"""Put exported local rows back into a fresh cache (the import half of a rebuild).

``import_local_rows(store, tables, sequences) -> ImportReport`` inserts the rows of every
``LocalTable`` (in registry order) with their own ids, Message-IDs and states, in ONE durable
transaction: either everything that could be imported is there, or nothing (then the export
file still has it all). A row whose required reference is gone (its account, its folder) or
that breaks a constraint is skipped and listed in words; an optional reference that is gone
becomes NULL. ``AUTOINCREMENT`` counters continue from the old file's, so new outbox or draft
ids never repeat old ones. Runs on the Store's thread; raises ``StoreWriteError`` when the disk
refuses the write.
"""

from __future__ import annotations

import base64
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from client.store.db import Store
from client.store.local_tables import LOCAL_TABLES, LocalTable


@dataclass(frozen=True)
class SkippedRow:
    """A recovered row that could not be put back, and why (in words)."""

    table: str
    row_id: Any
    reason: str


@dataclass
class ImportReport:
    imported: dict[str, int] = field(default_factory=dict)
    skipped: list[SkippedRow] = field(default_factory=list)


def _value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"base64"}:
        return base64.b64decode(value["base64"])
    return value


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _present(conn: sqlite3.Connection, table: str, row_id: Any) -> bool:
    found = conn.execute(f'SELECT 1 FROM "{table}" WHERE rowid = ?', (row_id,)).fetchone()
    return found is not None


def _row_key(row: Mapping[str, Any]) -> Any:
    for key in ("id", "message_id", "key"):
        if key in row:
            return row[key]
    return None


def _import_table(
    conn: sqlite3.Connection, entry: LocalTable, rows: list[dict[str, Any]], report: ImportReport
) -> None:
    columns = _columns(conn, entry.table)
    if not columns:
        if rows:
            report.skipped.extend(
                SkippedRow(entry.name, _row_key(r), f"this Tradewind has no table {entry.table}")
                for r in rows
            )
        return
    verb = "INSERT OR REPLACE" if entry.replace else "INSERT"
    count = 0
    for exported in rows:
        row = {k: _value(v) for k, v in exported.items() if k in columns}
        row.update(entry.reset)
        key = _row_key(exported)
        missing = [
            column for column, target in entry.required.items()
            if row.get(column) is None or not _present(conn, target, row[column])
        ]
        if missing:
            report.skipped.append(SkippedRow(
                entry.name, key, f"what it belongs to ({', '.join(missing)}) was not recovered"
            ))
            continue
        for column, target in entry.optional.items():
            if row.get(column) is not None and not _present(conn, target, row[column]):
                row[column] = None
        names = list(row)
        quoted = ", ".join('"' + n + '"' for n in names)
        marks = ", ".join("?" for _ in names)
        sql = f'{verb} INTO "{entry.table}" ({quoted}) VALUES ({marks})'
        try:
            conn.execute("SAVEPOINT local_row")
            conn.execute(sql, [row[n] for n in names])
            if entry.after_insert is not None:
                entry.after_insert(conn, row)
            conn.execute("RELEASE local_row")
        except sqlite3.IntegrityError as exc:
            conn.execute("ROLLBACK TO local_row")
            conn.execute("RELEASE local_row")
            report.skipped.append(SkippedRow(entry.name, key, f"it conflicts with the cache: {exc}"))
            continue
        count += 1
    report.imported[entry.name] = count


def _continue_sequences(conn: sqlite3.Connection, sequences: Mapping[str, int]) -> None:
    if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone() is None:
        return
    for name, seq in sequences.items():
        if not _columns(conn, name):
            continue
        changed = conn.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (int(seq), name)
        ).rowcount
        if not changed:
            conn.execute("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)", (name, int(seq)))


def import_local_rows(
    store: Store,
    tables: Mapping[str, list[dict[str, Any]]],
    sequences: Mapping[str, int] | None = None,
) -> ImportReport:
    """Insert exported local rows into ``store`` (a fresh cache); see the module docstring."""
    report = ImportReport()
    with store.transaction(durable=True) as conn:
        for entry in LOCAL_TABLES:
            rows = list(tables.get(entry.name, []))
            if rows:
                _import_table(conn, entry, rows, report)
        _continue_sequences(conn, sequences or {})
    return report
