"""Read what can still be read of the local tables of a damaged cache, row by row.

``salvage(path) -> Salvage`` works on a temporary copy (the damaged file is never written,
and no Store may have it open in this process: see docs/internals.md on file locks). For
each ``LocalTable`` it lists the row ids from every source SQLite can still walk (a table
scan, a scan without indexes, each index of the table), then reads each row on its own: a
row on a damaged page is skipped and listed with SQLite's reason; the others are kept. When
no source could list the whole table, ``incomplete`` says so (rows there may be missing
without an id to name). Blocking disk work: call it on a worker thread in the app. Never
raises for damage; raises ``OSError`` only if the copy cannot be made.
"""

from __future__ import annotations

import base64
import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from client.store.local_tables import LOCAL_TABLES, LocalTable


@dataclass(frozen=True)
class UnreadableRow:
    """A row that an index or a scan names but whose page cannot be read."""

    table: str
    row_id: int
    reason: str


@dataclass
class Salvage:
    """What was read: ``tables[name]`` rows as JSON-ready dicts (blobs as ``{"base64": …}``)."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unreadable: list[UnreadableRow] = field(default_factory=list)
    incomplete: dict[str, str] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)
    schema_version: int | None = None


def jsonable(value: Any) -> Any:
    """A column value for JSON: blobs become ``{"base64": "..."}``."""
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def readable_copy(path: Path, workdir: Path) -> Path:
    """Copy the damaged file (and its WAL) into ``workdir``; if it is truncated, shrink the
    page count in the copy's header to what is present so SQLite reads the surviving pages."""
    copy = workdir / "damaged.db"
    shutil.copyfile(path, copy)
    wal = Path(str(path) + "-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(copy) + "-wal"))
    data = bytearray(copy.read_bytes()[:100])
    if len(data) == 100:
        page_size = struct.unpack(">H", data[16:18])[0]
        page_size = 65536 if page_size == 1 else page_size
        present = copy.stat().st_size // page_size if page_size else 0
        if page_size and struct.unpack(">I", data[28:32])[0] > present:
            with copy.open("r+b") as handle:
                handle.seek(28)
                handle.write(struct.pack(">I", present))
    return copy


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return row is not None


def _row_ids(conn: sqlite3.Connection, entry: LocalTable) -> tuple[set[int], str | None]:
    """Row ids from every source that works; the first damage seen if none was complete."""
    where = f" WHERE {entry.where}" if entry.where else ""
    quoted = f'"{entry.table}"'
    sources = [f"SELECT rowid FROM {quoted}{where}", f"SELECT rowid FROM {quoted} NOT INDEXED{where}"]
    try:
        indexes = [str(r[1]) for r in conn.execute(f"PRAGMA index_list({quoted})")]
    except sqlite3.DatabaseError:
        indexes = []
    sources += [f'SELECT rowid FROM {quoted} INDEXED BY "{name}"{where}' for name in indexes]
    ids: set[int] = set()
    complete = False
    damage: str | None = None
    for sql in sources:
        try:
            for (row_id,) in conn.execute(sql):
                ids.add(int(row_id))
        except sqlite3.OperationalError as exc:
            if "no query solution" in str(exc):
                continue  # that index cannot serve this filter: not damage
            damage = damage or str(exc)
            continue
        except sqlite3.DatabaseError as exc:
            damage = damage or str(exc)
            continue
        complete = True
    return ids, None if complete else (damage or "the table could not be listed")


def _salvage_table(conn: sqlite3.Connection, entry: LocalTable, out: Salvage) -> None:
    ids, damage = _row_ids(conn, entry)
    if damage is not None:
        out.incomplete[entry.name] = damage
    rows: list[dict[str, Any]] = []
    for row_id in sorted(ids):
        try:
            cursor = conn.execute(f'SELECT * FROM "{entry.table}" WHERE rowid = ?', (row_id,))
            names = [d[0] for d in cursor.description]
            found = cursor.fetchone()
        except sqlite3.DatabaseError as exc:
            out.unreadable.append(UnreadableRow(entry.name, row_id, str(exc)))
            continue
        if found is None:
            out.unreadable.append(
                UnreadableRow(entry.name, row_id, "named by an index but missing from the table")
            )
            continue
        rows.append({name: jsonable(value) for name, value in zip(names, found, strict=True)})
    out.tables[entry.name] = rows


def salvage(path: Path) -> Salvage:
    """Every local-only row still readable from the (possibly damaged) database at ``path``."""
    out = Salvage()
    with tempfile.TemporaryDirectory(prefix="tradewind-recover-") as workdir:
        copy = readable_copy(path, Path(workdir))
        try:
            conn = sqlite3.connect(str(copy), isolation_level=None)
        except sqlite3.Error as exc:
            out.incomplete["*"] = str(exc)
            return out
        try:
            try:
                out.schema_version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            except sqlite3.DatabaseError:
                out.schema_version = None
            try:
                present = {e.name for e in LOCAL_TABLES if _exists(conn, e.table)}
            except sqlite3.DatabaseError as exc:  # not a database, or its schema is damaged
                out.incomplete["*"] = str(exc)
                return out
            for entry in LOCAL_TABLES:
                if entry.name in present:
                    _salvage_table(conn, entry, out)
            try:
                if _exists(conn, "sqlite_sequence"):
                    out.sequences = {
                        str(name): int(seq)
                        for name, seq in conn.execute("SELECT name, seq FROM sqlite_sequence")
                    }
            except sqlite3.DatabaseError:
                pass  # ids then continue from the highest one recovered
        finally:
            conn.close()
    return out
