"""S3: rebuild a damaged cache without losing what exists only on this computer.

``quarantine_and_rebuild(path)`` must run while no Store of this process has the file open
(and, across processes, under the profile's writer lock: ``tradewind cache rebuild`` and the
app's start-up take it). Steps, each safe to be interrupted:

1. read every local-only row still readable from the damaged file (``client.store.salvage``,
   on a copy; rows on damaged pages are skipped and listed);
2. write them to ``tradewind.db.local-export-<UTC>.json`` beside the database, durably
   (fsync, then rename) — this file is kept;
3. build a fresh, migrated cache under a temporary name and import the rows into it in one
   transaction (``client.store.restore``: same ids, Message-IDs and states);
4. keep the damaged file (and its -wal/-shm) as ``tradewind.db.corrupt-<UTC>`` (a hard link,
   then one atomic replace puts the new file in place, so a crash leaves either the damaged
   cache, to rebuild again, or the complete new one). Nothing is ever deleted.

The next sync fills the mail in again. Blocking disk work: in the app, call it on a worker
thread. Raises ``OSError`` if a file cannot be written or moved (the damaged file is then
still in place), ``StoreWriteError`` if the disk refuses the fresh cache and
``StoreVersionError`` (nothing changed) for a file a newer Tradewind made.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from client.store.damage_mark import clear_damage_mark
from client.store.db import Store
from client.store.errors import StoreVersionError
from client.store.local_tables import LOCAL_TABLES
from client.store.migrations import LATEST
from client.store.restore import SkippedRow, import_local_rows
from client.store.salvage import Salvage, UnreadableRow, salvage

EXPORT_FORMAT = 1


@dataclass(frozen=True)
class QuarantineResult:
    """Where the damaged file and the export went, what was recovered and what was not.

    ``exported``/``imported``: rows per local table; ``unreadable``: tables that could not be
    listed completely (table -> SQLite's reason; ``"*"`` = the file could not be read at all);
    ``unreadable_rows``: rows named by an index or scan but on a damaged page; ``skipped``:
    rows recovered but not put back (their account was lost, a conflict)."""

    moved_to: Path
    export_path: Path | None
    exported: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)
    imported: dict[str, int] = field(default_factory=dict)
    unreadable_rows: tuple[UnreadableRow, ...] = ()
    skipped: tuple[SkippedRow, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every local row that was found was also put back."""
        return not (self.unreadable or self.unreadable_rows or self.skipped)

    def as_json(self) -> dict[str, Any]:
        return {
            "moved_to": str(self.moved_to),
            "export": None if self.export_path is None else str(self.export_path),
            "recovered": dict(self.exported),
            "imported": dict(self.imported),
            "incomplete": dict(self.unreadable),
            "unreadable_rows": [
                {"table": r.table, "id": r.row_id, "reason": r.reason} for r in self.unreadable_rows
            ],
            "skipped": [{"table": s.table, "id": s.row_id, "reason": s.reason}
                        for s in self.skipped],
            "complete": self.complete,
        }


def labels() -> dict[str, str]:
    """Words for each local table's rows ("outbox messages"), by export name."""
    return {entry.name: entry.label for entry in LOCAL_TABLES}


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":
        return  # directories cannot be opened for fsync on Windows; NTFS logs the rename
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_export(db_path: Path, stamp: str, found: Salvage) -> Path:
    """Write ``found`` durably beside ``db_path``; return the export file's path."""
    export_path = db_path.with_name(f"{db_path.name}.local-export-{stamp}.json")
    payload = {
        "format": EXPORT_FORMAT,
        "source": db_path.name,
        "exported_at": stamp,
        "tables": found.tables,
        "sequences": found.sequences,
        "incomplete": found.incomplete,
        "unreadable_rows": [
            {"table": r.table, "id": r.row_id, "reason": r.reason} for r in found.unreadable
        ],
    }
    tmp = export_path.with_name(export_path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(payload, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(export_path)
    _fsync_dir(export_path.parent)
    return export_path


def _move(source: Path, target: Path) -> None:
    if source.exists():
        source.rename(target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(source) + suffix)
        if side.exists():
            side.rename(Path(str(target) + suffix))


def _stamp(db_path: Path) -> str:
    """A UTC time stamp no earlier rebuild of this file used (two in one second get -2, -3)."""
    base = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    stamp, n = base, 1
    while any(db_path.parent.glob(f"{db_path.name}.*-{stamp}*")):
        n += 1
        stamp = f"{base}-{n}"
    return stamp


def _swap(db_path: Path, building: Path, moved_to: Path) -> None:
    """Keep the damaged file as ``moved_to`` and put ``building`` in its place so that at
    every instant ``db_path`` is either the damaged cache or the complete new one: a hard
    link keeps the old file, then one atomic replace. Where links are not supported (FAT),
    two renames."""
    linked = False
    if db_path.exists():
        try:
            os.link(db_path, moved_to)
            linked = True
        except OSError:
            db_path.rename(moved_to)
    for suffix in ("-wal", "-shm"):  # the old file's; the new one closed cleanly without them
        side = Path(str(db_path) + suffix)
        if side.exists():
            side.rename(Path(str(moved_to) + suffix))
    if linked:
        os.replace(building, db_path)
    else:
        _move(building, db_path)
    _fsync_dir(db_path.parent)


def quarantine_and_rebuild(path: str | os.PathLike[str]) -> QuarantineResult:
    """Export local-only rows, build a fresh cache with them, move the damaged file aside."""
    db_path = Path(path)
    stamp = _stamp(db_path)
    found = salvage(db_path) if db_path.exists() else Salvage()
    if found.schema_version is not None and found.schema_version > LATEST:
        # A newer Tradewind's file: this version would rebuild it with less than it holds.
        raise StoreVersionError(str(db_path), found.schema_version, LATEST)
    export_path = write_export(db_path, stamp, found) if any(found.tables.values()) else None
    building = db_path.with_name(f"{db_path.name}.rebuilding-{stamp}")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)  # our own half-built file of an interrupted attempt
    with Store.open(building) as fresh:
        report = import_local_rows(fresh, found.tables, found.sequences)
    moved_to = db_path.with_name(f"{db_path.name}.corrupt-{stamp}")
    _swap(db_path, building, moved_to)
    clear_damage_mark(db_path)
    return QuarantineResult(
        moved_to=moved_to,
        export_path=export_path,
        exported={name: len(rows) for name, rows in found.tables.items() if rows},
        unreadable=dict(found.incomplete),
        imported={name: n for name, n in report.imported.items() if n},
        unreadable_rows=tuple(found.unreadable),
        skipped=tuple(report.skipped),
    )
