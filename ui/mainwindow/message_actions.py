"""Flag changes the rep makes in the app, through the core's offline-operation queue.

``set_flag(db_path, ids, flag, value)`` runs on a worker thread (opens its own Store): it changes
the local rows and records pending operations in one transaction (``client.ops.queue``), so the
change shows at once, survives a restart and is replayed to the server later. Idempotent.
"""

from __future__ import annotations

from pathlib import Path

from client.ops import queue
from client.store.db import Store

FLAGS = ("seen", "flagged")


def set_flag(db_path: Path, ids: list[int], flag: str, value: bool, *,
             undoable: bool = False) -> int:
    """Set ``flag`` ('seen' or 'flagged') to ``value`` on ``ids``; returns how many changed.
    ``undoable``: also recorded in the undo history (``client.ops.undo``)."""
    if flag not in FLAGS:
        raise ValueError(f"unknown flag {flag!r}")
    with Store.open(db_path) as store:
        if undoable:
            from client.ops import undo

            return len(undo.mark(store, ids, **{flag: value}).changed)
        if flag == "seen":
            return len(queue.mark(store, ids, seen=value))
        return len(queue.mark(store, ids, flagged=value))


def delete(db_path: Path, ids: list[int]) -> int:
    """Delete messages: to Trash if the account has one, else flagged for expunge (the core's
    rule); the rows disappear from lists at once. Returns how many were deleted."""
    with Store.open(db_path) as store:
        return len(queue.delete(store, ids))
