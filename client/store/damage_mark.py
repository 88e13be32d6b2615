"""A small note beside the cache saying "SQLite found this file damaged".

Written by the store whenever a read or write meets a damaged page (``guard``), so the next
start of the app knows to run a full check and offer the rebuild even when the damage sits in
pages that start-up does not read. Removed by a rebuild and by a check that finds the file
sound. The note holds SQLite's reason only (no mail content). Any thread; never raises.
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".damaged"


def mark_path(db_path: str | os.PathLike[str]) -> Path:
    """``tradewind.db.damaged`` beside ``db_path``."""
    return Path(str(db_path) + SUFFIX)


def mark_damaged(db_path: str | os.PathLike[str], detail: str) -> None:
    """Record that ``db_path`` was found damaged (best effort: a failing disk may refuse)."""
    if not str(db_path):
        return
    target = mark_path(db_path)
    tmp = target.with_name(target.name + ".tmp")
    try:  # whole or not at all: a watcher may read it the moment it appears
        tmp.write_text(detail[:500] + "\n", encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass


def damage_mark(db_path: str | os.PathLike[str]) -> str | None:
    """SQLite's reason recorded for ``db_path``, or None when no damage was noted."""
    try:
        return mark_path(db_path).read_text(encoding="utf-8").strip() or "damaged"
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return "damaged"


def clear_damage_mark(db_path: str | os.PathLike[str]) -> None:
    """Forget the note (after a rebuild or a clean check). Idempotent."""
    try:
        mark_path(db_path).unlink(missing_ok=True)
    except OSError:
        pass
