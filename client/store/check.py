"""``check_cache(path, quick=False)``: is the cache file sound? (``tradewind cache check``,
and the app's start-up when the store noted damage.)

Opens its own Store (any thread; blocking disk work that reads the whole file: seconds on a
large cache), runs ``PRAGMA integrity_check`` or ``quick_check``, and keeps the damage note of
``damage_mark`` in step: written when problems are found, removed when the file is sound.
A file that cannot even be opened (not a database, truncated) is reported as damaged. Raises
``StoreVersionError`` (a newer Tradewind's file) and ``StoreWriteError`` only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from client.store.damage_mark import clear_damage_mark, mark_damaged
from client.store.db import Store
from client.store.errors import StoreCorruptError


@dataclass(frozen=True)
class CacheCheck:
    path: Path
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_cache(path: str | os.PathLike[str], *, quick: bool = False) -> CacheCheck:
    """Check the database at ``path`` (created empty if missing); see the module docstring."""
    db_path = Path(path)
    try:
        with Store.open(db_path) as store:
            problems = store.integrity_errors(quick=quick)
    except StoreCorruptError as exc:
        problems = [exc.detail]
    if problems:
        mark_damaged(db_path, problems[0])
    else:
        clear_damage_mark(db_path)
    return CacheCheck(db_path, tuple(problems))
