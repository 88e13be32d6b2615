"""The fraud-risk icon of the message list (issue 19): which messages show one, and which.

``RiskMarks`` keeps ``{message id: level}`` for the rows the list loaded: ``load(ids)`` asks
``source`` (the main window's: cached levels from ``client.security.risk_store.cached_levels``,
one indexed query with the page) and ``set(id, level)`` records what the reader just computed.
``icon_for(id)`` is the icon of a ``warning`` or ``high`` message (else None) and
``tooltip_for(id)`` its words. Only risks already computed are shown: the list never computes
one itself. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from ui.qt.icons import icon

LevelSource = Callable[[list[int]], dict[int, str]]


class RiskMarks:
    """See the module docstring."""

    def __init__(self) -> None:
        self.source: LevelSource | None = None
        self._levels: dict[int, str] = {}

    def load(self, ids: list[int]) -> None:
        if self.source is not None and ids:
            self._levels.update(self.source(ids))

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
