"""The fraud-risk icon of the message list (issue 19): which messages show one, and which.

``RiskMarks`` keeps ``{message id: level}`` for the rows the list loaded: ``load(ids)`` asks
``source`` (the main window's: cached levels from ``client.security.risk_store.cached_levels``,
one indexed query with the page) and hands the rows without a cached risk to ``compute`` on
the thread pool (``compute_levels``: about 1-4 ms a message, each tried once), whose result
arrives through ``changed(ids)``; ``set(id, level)`` records what the reader just computed.
``icon_for(id)`` is the icon of a ``warning`` or ``high`` message (else None) and
``tooltip_for(id)`` its words. GUI thread only, except ``compute_levels``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QIcon

from ui.qt.icons import icon
from ui.qt.tasks import run_in_background

LevelSource = Callable[[list[int]], dict[int, str]]


def compute_levels(db_path: Path, ids: list[int]) -> dict[int, str]:
    """Worker thread: the risk level of each message that has a body (its own Store; the
    risks are cached for the reader)."""
    from client.security.assess import risk_of_row
    from client.store.db import Store

    levels: dict[int, str] = {}
    with Store.open(db_path) as store:
        for row in store.rows_by_ids(ids):
            risk = risk_of_row(store, row)
            if risk is not None:
                levels[row.id] = risk.level
    return levels


class RiskMarks:
    """See the module docstring."""

    def __init__(self, owner: QObject | None = None) -> None:
        self.owner = owner
        self.source: LevelSource | None = None
        self.compute: LevelSource | None = None
        self.changed: Callable[[list[int]], None] = lambda _ids: None
        self._levels: dict[int, str] = {}
        self._tried: set[int] = set()

    def load(self, ids: list[int]) -> None:
        if self.source is None or not ids:
            return
        self._levels.update(self.source(ids))
        missing = [i for i in ids if i not in self._levels and i not in self._tried]
        if missing and self.compute is not None:
            self._tried.update(missing)
            compute = self.compute
            run_in_background(lambda: compute(missing), self._computed, lambda _exc: None,
                              owner=self.owner)

    def _computed(self, levels: dict[int, str]) -> None:
        self._levels.update(levels)
        if levels:
            self.changed(list(levels))

    def set(self, message_id: int, level: str) -> None:
        self._levels[message_id] = level

    def level(self, message_id: int) -> str:
        return self._levels.get(message_id, "none")

    def icon_for(self, message_id: int) -> QIcon | None:
        level = self.level(message_id)
        return icon(f"risk-{level}") if level in ("warning", "high") else None

    def tooltip_for(self, message_id: int) -> str | None:
        level = self.level(message_id)
        if level == "high":
            return QCoreApplication.translate("RiskMarks", "High risk of payment fraud")
        if level == "warning":
            return QCoreApplication.translate("RiskMarks", "Check before acting: possible fraud")
        return None
