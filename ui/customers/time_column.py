"""The optional "Their time" column of the message list: the buyer's local time now (weekday
and clock, "off hours" outside their working hours, weekend or holiday) for a message from a
customer whose zone is known (`client.customers.local_time.known_zones`: no mail is read).

`connect_time_column(window) -> (action, column)`: View → "Their time column" (checkable, off by default) shows
the column; the zones load on the thread pool when it is switched on and after each list
reload while it is on; the clock text is made on the GUI thread from that map (cheap: one
holiday calendar per country, cached). GUI thread only; called once, by
`ui.customers.window.CustomersControls`, which keeps both (`their_time_action`,
`their_time_column`).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

from client.customers.local_time import known_zones, local_time
from client.meetings.workweek import WorkCalendar
from client.store.db import Store
from client.store.records import MessageRow
from ui.models.message_list import COL_THEIR_TIME
from ui.qt.tasks import run_in_background
from ui.reader.buyer_time import weekday_name

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("TheirTimeColumn", text)


class TheirTimeColumn:
    """The column's text for a row, from a map of known zones (see the module)."""

    def __init__(self) -> None:
        self.zones: dict[str, tuple[str, str | None]] = {}
        self._calendars: dict[str | None, WorkCalendar] = {}

    def text(self, row: MessageRow) -> str | None:
        known = self.zones.get(row.from_email.strip().lower())
        if known is None:
            return None
        zone, country = known
        calendar = self._calendars.setdefault(country, WorkCalendar(country))
        lt = local_time(zone, country, time.time(), calendar)
        shown = _tr("{0} {1}").format(weekday_name(lt.weekday), lt.clock)
        return shown if lt.inside_hours else _tr("{0}, off hours").format(shown)


def connect_time_column(window: MainWindow) -> tuple[QAction, TheirTimeColumn]:
    """See the module."""
    column = TheirTimeColumn()
    view, model = window.message_view, window.message_model
    view.setColumnHidden(COL_THEIR_TIME, True)
    action = QAction(_tr("Their time column"), window)
    action.setCheckable(True)
    action.setStatusTip(_tr("Show the buyer's local time beside each customer's message"))
    db_path = window.db_path

    def load() -> dict[str, tuple[str, str | None]]:
        with Store.open(db_path) as store:
            return known_zones(store)

    def loaded(zones: dict[str, tuple[str, str | None]]) -> None:
        column.zones = zones
        model.their_time = column.text
        top, bottom = model.index(0, COL_THEIR_TIME), model.index(
            max(0, model.rowCount() - 1), COL_THEIR_TIME)
        model.dataChanged.emit(top, bottom)

    def toggled(on: bool) -> None:
        view.setColumnHidden(COL_THEIR_TIME, not on)
        if on:
            run_in_background(load, loaded, lambda _exc: None, owner=window)

    action.toggled.connect(toggled)
    def reloaded() -> None:
        if action.isChecked():
            run_in_background(load, loaded, lambda _exc: None, owner=window)

    model.modelReset.connect(reloaded)
    window.view_menu.addAction(action)
    return action, column
