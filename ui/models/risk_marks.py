"""The fraud-risk icon of the message list (issue 19): which messages show one, and which.

``RiskMarks`` keeps ``{message id: level}`` for the rows the list loaded: ``load(ids)`` asks
``source`` (the main window's: cached levels from ``client.security.risk_store.cached_levels``,
one indexed query with the page) and hands the rows without a cached risk to ``compute`` on
the thread pool (``compute_levels``: about 1-4 ms a message, each tried once), whose result
arrives through ``changed(ids)``. That Python work holds the GIL, which stalled a scrolling list
by up to 200 ms (issue 17), so it waits until no page was loaded for ``COMPUTE_DELAY_MS`` and
runs ``COMPUTE_CHUNK`` messages at a time, the latest loaded first, pausing again as soon as
the list loads another page; ``set(id, level)`` records what the reader just computed.
``icon_for(id)`` is the icon of a ``warning`` or ``high`` message (else None) and
``tooltip_for(id)`` its words. GUI thread only, except ``compute_levels``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QIcon

from ui.qt.icons import icon
from ui.qt.tasks import run_in_background

LevelSource = Callable[[list[int]], dict[int, str]]
#: the list has loaded no page for this long: the missing risks are computed
COMPUTE_DELAY_MS = 400
#: messages per background computation (a few ms each), so a scroll that starts waits little
COMPUTE_CHUNK = 8


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
        #: ids waiting for ``compute``, in load order (the last ones computed first)
        self._pending: dict[int, None] = {}
        self._running = False
        self._quiet = QTimer(owner)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(COMPUTE_DELAY_MS)
        self._quiet.timeout.connect(self._compute_next)

    def load(self, ids: list[int]) -> None:
        if self.source is None or not ids:
            return
        self._levels.update(self.source(ids))
        missing = [i for i in ids if i not in self._levels and i not in self._tried]
        if self.compute is None:
            return
        self._tried.update(missing)
        for message_id in missing:
            self._pending.pop(message_id, None)
            self._pending[message_id] = None
        if self._pending:
            self._quiet.start()  # (re)started: nothing runs while pages keep coming

    def pending(self) -> int:
        """How many messages still wait for their risk to be computed."""
        return len(self._pending)

    def _compute_next(self) -> None:
        if self._running or not self._pending or self.compute is None:
            return
        chunk = list(self._pending)[-COMPUTE_CHUNK:]
        for message_id in chunk:
            del self._pending[message_id]
        self._running = True
        compute = self.compute
        run_in_background(lambda: compute(chunk), self._computed, self._failed, owner=self.owner)

    def _failed(self, _exc: BaseException) -> None:
        self._computed({})

    def _computed(self, levels: dict[int, str]) -> None:
        self._running = False
        self._levels.update(levels)
        if levels:
            self.changed(list(levels))
        if self._pending and not self._quiet.isActive():  # no page loaded meanwhile
            self._compute_next()

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
