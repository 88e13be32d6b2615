"""S3: move a damaged cache aside and start a fresh one, exporting local-only data first.

``quarantine_and_rebuild(path)`` must be called while no Store has the file open (at start-up,
after ``Store.open`` raised ``StoreCorruptError``). It reads whatever it still can of the
local-only data: ``pending_ops``, messages with ``uid IS NULL`` (offline copies and moves)
with their bodies, and any table named in ``LOCAL_ONLY_TABLES`` (drafts, outbox, …) into a JSON
file beside the database; then renames the database and its -wal/-shm files with a
``.corrupt-<UTC time>`` suffix (nothing is deleted) and opens a fresh, migrated cache.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import sqlite3
import struct
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from client.store.db import Store

#: Tables whose rows exist only on this computer (other modules may add theirs here).
LOCAL_ONLY_TABLES = ["pending_ops", "outbox", "drafts", "identities", "settings"]


@dataclass(frozen=True)
class QuarantineResult:
    """Where the damaged file went and what could be saved from it."""

    moved_to: Path
    export_path: Path | None
    exported: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _read_rows(db: sqlite_utils.Database, sql: str) -> list[dict[str, Any]]:
    return [{k: _jsonable(v) for k, v in row.items()} for row in db.query(sql)]


def _readable_copy(path: Path, workdir: Path) -> Path:
    """Copy the damaged file (and its WAL) aside; if it is truncated, shrink the page count in
    the copy's header to what is present so SQLite will read the surviving pages."""
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


def export_local_data(path: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Read every local-only row still readable from a (possibly damaged) database.

    Works on a temporary copy; the original file is never written.
    """
    tables: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    queries = {name: f'SELECT * FROM "{name}"' for name in LOCAL_ONLY_TABLES}
    queries["local_messages"] = "SELECT * FROM messages WHERE uid IS NULL"
    queries["local_bodies"] = (
        "SELECT b.* FROM bodies b JOIN messages m ON m.id = b.message_id WHERE m.uid IS NULL"
    )
    queries["folders"] = "SELECT id, account_id, name, role FROM folders"
    queries["accounts"] = "SELECT * FROM accounts"
    with tempfile.TemporaryDirectory(prefix="tradewind-recover-") as workdir:
        try:
            copy = _readable_copy(path, Path(workdir))
            conn = sqlite3.connect(str(copy), isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            return tables, {"*": str(exc)}
        try:
            for name, sql in queries.items():
                try:
                    tables[name] = _read_rows(sqlite_utils.Database(conn, recursive_triggers=False), sql)
                except sqlite3.Error as exc:
                    if "no such table" not in str(exc):
                        errors[name] = str(exc)
        finally:
            conn.close()
    return tables, errors


def quarantine_and_rebuild(path: str | os.PathLike[str]) -> QuarantineResult:
    """Export local-only rows, move the damaged file aside, create a fresh cache at ``path``.

    Never deletes anything. Returns where the file and the export went and what failed to
    read. Raises ``OSError`` if the file cannot be moved (then nothing was changed).
    """
    db_path = Path(path)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    tables, errors = export_local_data(db_path) if db_path.exists() else ({}, {})
    export_path: Path | None = None
    if any(tables.values()):
        export_path = db_path.with_name(f"{db_path.name}.local-export-{stamp}.json")
        payload = {"source": db_path.name, "exported_at": stamp, "tables": tables,
                   "unreadable": errors}
        tmp = export_path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(export_path)
    moved_to = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    if db_path.exists():
        db_path.rename(moved_to)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db_path) + suffix)
        if side.exists():
            side.rename(Path(str(moved_to) + suffix))
    Store.open(db_path).close()
    return QuarantineResult(
        moved_to=moved_to,
        export_path=export_path,
        exported={name: len(rows) for name, rows in tables.items() if rows},
        unreadable=errors,
    )
