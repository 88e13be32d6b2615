"""Meetings and the calendar in the main window, as one controller (issue 13).

``MeetingsController(window)`` (``window.meetings``, made in ``MainWindow.__init__``) adds a Calendar menu — New
meeting… (Ctrl+Shift+N, also on the toolbar), Plan a meeting with this message's people,
Calendar (agenda and week, Ctrl+Shift+L), Import .ics…, Export .ics…, Sync calendar and Your
time zone… — and opens ``PlannerDialog`` / ``CalendarView`` (one of each per window).
Plan a meeting reads the shown (else the selected) message's From/To/Cc on the thread pool;
the zone setting is written there too. GUI thread only; ``connect_meetings`` is idempotent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from ui.meetings import jobs
from ui.meetings.calendar_view import CalendarView
from ui.meetings.planner import PlannerDialog
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


def connect_meetings(window: MainWindow) -> MeetingsController:
    """See the module docstring; returns the controller (``window.meetings``)."""
    if getattr(window, "meetings", None) is None:
        window.meetings = MeetingsController(window)
    return window.meetings


class MeetingsController(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.planner: PlannerDialog | None = None
        self.calendar: CalendarView | None = None
        self.zone_dialog: QInputDialog | None = None
        self._make_actions()

    def _action(self, text: str, tip: str, slot: Any, shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _make_actions(self) -> None:
        w = self.window
        self.new_meeting_action = self._action(
            self.tr("New meeting…"), self.tr("Plan a meeting across time zones and invite"),
            lambda: self.open_planner([]), "Ctrl+Shift+N")
        self.plan_from_message_action = self._action(
            self.tr("Plan a meeting with these people…"),
            self.tr("Plan a meeting with the sender and recipients of this message"),
            self.plan_from_message)
        self.calendar_action = self._action(
            self.tr("Calendar"), self.tr("Your agenda and week"), self.open_calendar,
            "Ctrl+Shift+L")
        self.import_action = self._action(
            self.tr("Import .ics…"), self.tr("Add the events of a calendar file"),
            lambda: self.open_calendar().import_file())
        self.export_action = self._action(
            self.tr("Export .ics…"), self.tr("Write your calendar to a file"),
            lambda: self.open_calendar().export_file())
        self.sync_action = self._action(
            self.tr("Sync calendar"), self.tr("Send and receive calendar changes (CalDAV)"),
            lambda: self.open_calendar().sync())
        self.zone_action = self._action(
            self.tr("Your time zone…"),
            self.tr("The zone your calendar, invitations and planner use"), self.ask_zone)
        menu = QMenu(self.tr("&Calendar"), w)
        w.menuBar().insertMenu(w.help_menu.menu.menuAction(), menu)  # Help stays last
        for action in (self.new_meeting_action, self.plan_from_message_action, None,
                       self.calendar_action, self.import_action, self.export_action,
                       self.sync_action, None, self.zone_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        self.menu = menu
        w.toolbar.insertAction(w.mark_read_action, self.new_meeting_action)

    # -- the commands ---------------------------------------------------------------------------
    def open_planner(self, addresses: list[str]) -> PlannerDialog:
        w = self.window
        if self.planner is not None:
            self.planner.close()
        self.planner = PlannerDialog(w.db_path, w.babel_locale, addresses, w)
        self.planner.show()
        return self.planner

    def plan_from_message(self) -> None:
        w = self.window
        message = w.reader.shown_id
        if message is None:
            rows = w._selected_rows()
            message = w.message_model.message_id_at(rows[0]) if rows else None
        if message is None:
            self.open_planner([])
            return
        db_path = w.db_path
        run_in_background(lambda: jobs.participants(db_path, int(message)), self._plan_with,
                          lambda exc: w.statusBar().showMessage(str(exc)[:200], 8000),
                          owner=self)

    def _plan_with(self, people: list[str]) -> None:
        self.open_planner(people)

    def open_calendar(self) -> CalendarView:
        w = self.window
        if self.calendar is None:
            self.calendar = CalendarView(w.db_path, w.babel_locale, w)
            self.calendar.destroyed.connect(lambda _o=None: setattr(self, "calendar", None))
        self.calendar.show()
        self.calendar.raise_()
        return self.calendar

    def ask_zone(self) -> None:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Your time zone"))
        dialog.setLabelText(self.tr("Zone such as Asia/Shanghai (empty: this computer's zone)"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(self.set_zone)
        self.zone_dialog = dialog
        dialog.open()

    def set_zone(self, text: str) -> None:
        w, db_path = self.window, self.window.db_path
        run_in_background(
            lambda: jobs.set_zone(db_path, text.strip() or None),
            lambda zone: w.statusBar().showMessage(
                self.tr("Your time zone: {0}").format(zone.zone), 8000),
            lambda exc: w.statusBar().showMessage(str(exc)[:200], 8000), owner=self)
