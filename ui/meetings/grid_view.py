"""The planner's grid: one row per attendee, one column per step in the organizer's zone.

``HoursModel`` shows a ``client.meetings.grid.Grid``: each cell's colour is the attendee's
state (at work, outside hours, weekend, holiday), the columns where everyone is at work are
highlighted, whole hours show the attendee's local hour and a tooltip gives the local time,
day and holiday name. ``GridView`` is the table with day navigation (``show_day``) and emits
``startChosen(datetime)`` (UTC) when the rep clicks a column. GUI thread only; no I/O.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from client.meetings.grid import HOLIDAY, OFF, WEEKEND, WORK, Grid

COLOURS = {WORK: QColor("#cfe8cf"), OFF: QColor("#f2f2f2"), WEEKEND: QColor("#ddd3ea"),
           HOLIDAY: QColor("#f3c9c9")}
OVERLAP = QColor("#4fa84f")
COLUMN_WIDTH = 26
_Index = QModelIndex | QPersistentModelIndex


class HoursModel(QAbstractTableModel):
    """See the module docstring."""

    def __init__(self, locale: Locale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.babel_locale = locale
        self.grid: Grid | None = None
        self.zone = ZoneInfo("UTC")
        self.labels: list[str] = []

    def show(self, grid: Grid | None, organizer_zone: str, labels: list[str]) -> None:
        """`labels`: one row header per attendee (name, zone, weekend)."""
        self.beginResetModel()
        self.grid, self.zone, self.labels = grid, ZoneInfo(organizer_zone), labels
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if self.grid is None or parent.isValid() else len(self.grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt name)
        return 0 if self.grid is None or parent.isValid() else len(self.grid.starts)

    def local(self, column: int) -> datetime:
        assert self.grid is not None
        return self.grid.starts[column].astimezone(self.zone)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        grid = self.grid
        if grid is None or not index.isValid():
            return None
        row, column = grid.rows[index.row()], index.column()
        state = row.states[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            overlap = grid.overlap[column]
            return QBrush(OVERLAP if overlap else COLOURS[state])
        if role == Qt.ItemDataRole.DisplayRole:
            text = row.local_times[column]
            return text[:2] if text.endswith(":00") else None
        if role == Qt.ItemDataRole.ForegroundRole and grid.overlap[column]:
            return QBrush(QColor("white"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            moment = grid.starts[column].astimezone(ZoneInfo(row.attendee.zone))
            words = {WORK: self.tr("at work"), OFF: self.tr("outside working hours"),
                     WEEKEND: self.tr("weekend"), HOLIDAY: self.tr("public holiday")}[state]
            name = row.day_names.get(moment.date())
            when = format_datetime(moment, "EEE d MMM HH:mm", locale=self.babel_locale)
            return f"{when} ({row.attendee.zone}): {words}" + (f" — {name}" if name else "")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt name)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self.labels):
                return self.labels[section]
            return None
        moment = self.local(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if moment.hour == 0 and moment.minute == 0:
                return format_date(moment.date(), "d/M", locale=self.babel_locale)
            return f"{moment:%H}" if moment.minute == 0 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return format_datetime(moment, "EEEE d MMMM HH:mm", locale=self.babel_locale)
        return None

    def first_column_of(self, day: date) -> int | None:
        if self.grid is None:
            return None
        for column in range(len(self.grid.starts)):
            if self.local(column).date() >= day:
                return column
        return None


class GridView(QTableView):
    """The grid table; `startChosen(utc datetime)` when a column is clicked."""

    startChosen = Signal(object)

    def __init__(self, locale: Locale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours = HoursModel(locale, self)
        self.setModel(self.hours)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setShowGrid(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultSectionSize(COLUMN_WIDTH)
        header.setMinimumSectionSize(12)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.clicked.connect(self._clicked)

    def _clicked(self, index: QModelIndex) -> None:
        if self.hours.grid is not None and index.isValid():
            self.startChosen.emit(self.hours.grid.starts[index.column()])

    def show_day(self, day: date) -> None:
        """Scroll so that 07:00 of `day` (the organizer's date) is at the left edge."""
        grid = self.hours.grid
        column = self.hours.first_column_of(day)
        if grid is None or column is None:
            return
        per_hour = max(1, int(3600 // grid.step.total_seconds()))
        target = min(column + 7 * per_hour, self.hours.columnCount() - 1)
        self.horizontalScrollBar().setValue(self.horizontalHeader().sectionPosition(target))

    def shown_day(self) -> date | None:
        """The organizer's date of the leftmost visible column."""
        if self.hours.grid is None or not self.hours.columnCount():
            return None
        column = max(0, self.horizontalHeader().logicalIndexAt(0))
        return self.hours.local(column).date()

    def select_start(self, start: datetime) -> None:
        grid = self.hours.grid
        if grid is None or start not in grid.starts:
            return
        column = grid.starts.index(start)
        self.selectColumn(column)
        self.scrollTo(self.hours.index(0, column), QAbstractItemView.ScrollHint.PositionAtCenter)
