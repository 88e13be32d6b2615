"""One safe builder for ``UPDATE table SET a = ?, b = ? WHERE …`` with keyword columns.

``update_sql(table, fields, allowed, where, also=()) -> (sql, values)``: the statement for
the columns named in ``fields`` (their values bound, in order, as ``values``), each checked
against the caller's allow-list ``allowed``; ``also`` adds fixed assignments of the caller
(``"version = version + 1"``); ``where`` is the caller's own SQL text, whose parameters go
after ``values``. Only names, never values, reach the SQL text, and only names the caller
listed. Raises ``ValueError`` naming the columns not allowed, or when nothing would be set.
Pure; any thread.

Used by the accounts, folder state, outbox and upload records (they built the statement by
hand, each with its own check or none).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def update_sql(
    table: str, fields: Mapping[str, object], allowed: Collection[str], where: str, *,
    also: Sequence[str] = (),
) -> tuple[str, tuple[object, ...]]:
    """``("UPDATE table SET … WHERE where", values)``; see the module docstring."""
    unknown = sorted(name for name in fields if name not in allowed or not _NAME.fullmatch(name))
    if unknown:
        raise ValueError(f"cannot update {table} columns {unknown}")
    if not _NAME.fullmatch(table):
        raise ValueError(f"not a table name: {table!r:.40}")
    assignments = [f"{name} = ?" for name in fields] + list(also)
    if not assignments:
        raise ValueError(f"nothing to update in {table}")
    return (f"UPDATE {table} SET {', '.join(assignments)} WHERE {where}",
            tuple(fields.values()))


def marks(count: int) -> str:
    """``"?, ?, ?"``: placeholders for an ``IN (…)`` list of ``count`` bound values."""
    return ", ".join("?" * count)
