"""The rep's calendar: an agenda of upcoming entries and a week grid, with an entry's details.

``CalendarView(db_path, locale)`` reads the entries of the shown range on the thread pool
(``jobs.agenda``: the instances of ``CalendarStore.between`` and the rep's zone setting) and
shows them in the rep's zone: the agenda lists the next 30 days from the shown week's Monday,
the week grid has a column per day and a row per hour. Choosing an entry shows its details
with the organizer's own time and zone; Delete removes it (``CalendarStore.delete``: a
tombstone that ``Sync calendar`` mirrors to the CalDAV server), Import/Export read and write
.ics files, Sync calendar (enabled when a CalDAV server is set) runs ``sync_calendar``. Every
error is shown in words; ``loaded`` is emitted after each read. GUI thread only.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, get_timezone_name
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.calendar.calendar_store import EventRow
from ui.meetings import jobs
from ui.qt.tasks import run_in_background

AGENDA_DAYS = 30
Instance = tuple[EventRow, datetime, datetime]


class CalendarView(QWidget):
    """See the module docstring."""

    loaded = Signal()
    #: a file dialog's answer (tests replace these); "" = cancelled
    ask_open_path: object = None
    ask_save_path: object = None

    def __init__(self, db_path: Path, locale: Locale, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path, self.babel_locale = db_path, locale
        self.setWindowTitle(self.tr("Calendar"))
        self.zone = "UTC"
        self.instances: list[Instance] = []
        self.selected: Instance | None = None
        self._generation = 0
        self.has_server = False
        today = date.today()
        self.monday = today - timedelta(days=today.weekday())
        self.ask_open_path = lambda: QFileDialog.getOpenFileName(
            self, self.tr("Import calendar file"), "", self.tr("Calendar files (*.ics)"))[0]
        self.ask_save_path = lambda: QFileDialog.getSaveFileName(
            self, self.tr("Export the calendar"), "calendar.ics",
            self.tr("Calendar files (*.ics)"))[0]

        self.agenda = QTreeWidget(self)
        self.agenda.setHeaderLabels([self.tr("When (your time)"), self.tr("Meeting"),
                                     self.tr("Organizer's time"), self.tr("Status")])
        self.agenda.setRootIsDecorated(False)
        self.agenda.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.agenda.currentItemChanged.connect(self._agenda_chosen)
        self.week = QTableWidget(24, 7, self)
        self.week.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.week.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.week.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week.setVerticalHeaderLabels([f"{h:02d}:00" for h in range(24)])
        self.week.currentItemChanged.connect(self._week_chosen)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.agenda, self.tr("Agenda"))
        self.tabs.addTab(self.week, self.tr("Week"))
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.week_label = QLabel(self)
        previous = QPushButton(self.tr("◀ Previous week"), self)
        previous.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        following = QPushButton(self.tr("Next week ▶"), self)
        following.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        this_week = QPushButton(self.tr("Today"), self)
        this_week.clicked.connect(lambda: self.show_week(date.today()))
        self.import_button = QPushButton(self.tr("Import .ics…"), self)
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(self.tr("Export .ics…"), self)
        self.export_button.clicked.connect(self.export_file)
        self.sync_button = QPushButton(self.tr("Sync calendar"), self)
        self.sync_button.setEnabled(False)
        self.sync_button.setToolTip(self.tr("Set a CalDAV server with `tradewind calendar "
                                            "server` first"))
        self.sync_button.clicked.connect(self.sync)
        self.box: QMessageBox | None = None

        top = QHBoxLayout()
        for button in (previous, this_week, following):
            top.addWidget(button)
        top.addWidget(self.week_label, 1, Qt.AlignmentFlag.AlignCenter)
        for button in (self.import_button, self.export_button, self.sync_button):
            top.addWidget(button)
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.addWidget(self.details, 1)
        side_box.addWidget(self.delete_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.tabs)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([720, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.resize(1100, 680)
        self.show_week(today)

    # -- reading -------------------------------------------------------------------------------
    def show_week(self, day: date) -> None:
        self.monday = day - timedelta(days=day.weekday())
        self.reload()

    def reload(self) -> None:
        db_path, monday = self.db_path, self.monday
        self._generation += 1
        generation = self._generation
        first = jobs.day_start(monday, self.zone)
        last = first + timedelta(days=AGENDA_DAYS)
        run_in_background(lambda: jobs.agenda(db_path, first - timedelta(days=1),
                                              last + timedelta(days=1)),
                          lambda result: self._loaded(generation, result), self._failed,
                          owner=self)

    def _loaded(self, generation: int, result: tuple[str, list[Instance], bool]) -> None:
        if generation != self._generation:
            return  # a newer read is on its way
        zone, instances, has_server = result
        if zone != self.zone:  # the rep's zone decides the week's edges: read again
            self.zone = zone
            self.reload()
            return
        tz = ZoneInfo(zone)
        first = jobs.day_start(self.monday, zone)
        last = first + timedelta(days=AGENDA_DAYS)
        self.instances = [i for i in instances if i[2] > first and i[1] < last]
        self.has_server = has_server
        self.sync_button.setEnabled(has_server)
        self.week_label.setText(self.tr("Week of {0} — times in {1}").format(
            format_date(self.monday, "d MMMM y", locale=self.babel_locale), self._zone_name(zone)))
        self._fill_agenda(tz)
        self._fill_week(tz)
        self.show_details(None)
        self.loaded.emit()

    def _zone_name(self, zone: str) -> str:
        try:
            return get_timezone_name(ZoneInfo(zone), locale=self.babel_locale)
        except (LookupError, ValueError):
            return zone

    def _status_words(self, row: EventRow) -> str:
        if row.status == "CANCELLED":
            return self.tr("cancelled")
        return {"ACCEPTED": self.tr("accepted"), "TENTATIVE": self.tr("tentative"),
                "DECLINED": self.tr("declined"),
                "NEEDS-ACTION": self.tr("not answered")}.get(row.partstat, "")

    def _fill_agenda(self, tz: ZoneInfo) -> None:
        self.agenda.clear()
        for index, (row, start, end) in enumerate(self.instances):
            local, local_end = start.astimezone(tz), end.astimezone(tz)
            when = format_datetime(local, "EEE d MMM HH:mm", locale=self.babel_locale) \
                + f"–{local_end:%H:%M}"
            theirs = ""
            if row.zone and row.zone != str(tz.key) and "/" in row.zone:
                other = start.astimezone(ZoneInfo(row.zone))
                theirs = f"{other:%H:%M} {row.zone}"
            summary = row.summary + (" ↻" if row.rrule or row.recurrence_id else "")
            item = QTreeWidgetItem([when, summary, theirs, self._status_words(row)])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            if row.status == "CANCELLED":
                font = item.font(1)
                font.setStrikeOut(True)
                item.setFont(1, font)
            self.agenda.addTopLevelItem(item)
        for column in (0, 2, 3):
            self.agenda.resizeColumnToContents(column)

    def _fill_week(self, tz: ZoneInfo) -> None:
        self.week.clearContents()
        days = [self.monday + timedelta(days=i) for i in range(7)]
        self.week.setHorizontalHeaderLabels(
            [format_date(d, "EEE d/M", locale=self.babel_locale) for d in days])
        for index, (row, start, end) in enumerate(self.instances):
            local = start.astimezone(tz)
            if local.date() not in days:
                continue
            column, hour = days.index(local.date()), local.hour
            last_hour = max(hour, (end.astimezone(tz) - timedelta(minutes=1)).hour
                            if end.astimezone(tz).date() == local.date() else 23)
            for h in range(hour, last_hour + 1):
                existing = self.week.item(h, column)
                text = f"{local:%H:%M} {row.summary}" if h == hour else "│"
                if existing is not None and existing.text():
                    text = existing.text() + " / " + text
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, index)
                item.setToolTip(row.summary)
                item.setBackground(QBrush(QColor("#f0d0d0" if row.status == "CANCELLED"
                                                 else "#cfe0f5")))
                self.week.setItem(h, column, item)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Could not read the calendar: {0}").format(str(exc)[:300]))

    # -- details and delete --------------------------------------------------------------------
    def _agenda_chosen(self, item: QTreeWidgetItem | None, _old: object = None) -> None:
        self.show_details(None if item is None else item.data(0, Qt.ItemDataRole.UserRole))

    def _week_chosen(self, item: QTableWidgetItem | None, _old: object = None) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self.show_details(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_details(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.instances):
            self.selected = None
            self.details.setText(self.tr("Choose an entry to see its details."))
            self.delete_button.setEnabled(False)
            return
        self.selected = self.instances[index]
        row, start, end = self.selected
        tz = ZoneInfo(self.zone)
        lines = [row.summary,
                 self.tr("Your time: {0}").format(
                     format_datetime(start.astimezone(tz), "EEEE d MMMM y HH:mm",
                                     locale=self.babel_locale)
                     + f"–{end.astimezone(tz):%H:%M} ({self._zone_name(self.zone)})")]
        if row.zone and "/" in row.zone:
            theirs = start.astimezone(ZoneInfo(row.zone))
            lines.append(self.tr("Organizer's time: {0}").format(
                format_datetime(theirs, "EEEE d MMMM HH:mm", locale=self.babel_locale)
                + f" ({self._zone_name(row.zone)}, {row.zone})"))
        if row.organizer:
            lines.append(self.tr("Organizer: {0}").format(row.organizer))
        if row.location and row.location != row.link:
            lines.append(self.tr("Location: {0}").format(row.location))
        if row.link:
            lines.append(self.tr("Link: {0}").format(row.link))
        if row.rrule:
            lines.append(self.tr("Repeats: {0}").format(self._rule_words(row.rrule)))
        if row.recurrence_id:
            lines.append(self.tr("This occurrence was changed by the organizer."))
        status = self._status_words(row)
        if status:
            lines.append(self.tr("Status: {0}").format(status))
        if row.conflict_ical:
            lines.append(self.tr("The calendar server has another version of this entry."))
        self.details.setText("\n".join(lines))
        self.delete_button.setEnabled(True)

    def _rule_words(self, rule: str) -> str:
        parts = dict(p.partition("=")[::2] for p in rule.upper().split(";") if "=" in p)
        words = {"DAILY": self.tr("every day"), "WEEKLY": self.tr("every week"),
                 "MONTHLY": self.tr("every month"), "YEARLY": self.tr("every year")}
        text = words.get(parts.get("FREQ", ""), rule)
        if parts.get("INTERVAL", "1") not in ("", "1"):
            text = self.tr("{0}, interval {1}").format(text, parts["INTERVAL"])
        if parts.get("COUNT"):
            text += ", " + self.tr("{0} times").format(parts["COUNT"])
        return text

    def confirm_delete(self) -> None:
        if self.selected is None:
            return
        row = self.selected[0]
        words = self.tr("Delete “{0}” from your calendar?").format(row.summary)
        if row.rrule:
            words += "\n" + self.tr("Every occurrence of this repeating entry goes.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete entry"), words,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda answer: self._delete_answered(answer, row.uid))
        self.box = box
        box.open()

    def _delete_answered(self, answer: int, uid: str) -> None:
        self.box = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        db_path = self.db_path
        run_in_background(lambda: jobs.delete(db_path, uid), lambda _n: self._done(
            self.tr("Deleted. The next calendar sync removes it from the server too.")),
            self._failed, owner=self)

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.reload()

    # -- files and sync ------------------------------------------------------------------------
    def import_file(self) -> None:
        path = str(self.ask_open_path())  # type: ignore[operator]
        if not path:
            return
        db_path = self.db_path
        run_in_background(lambda: jobs.import_file(db_path, Path(path)), self._imported,
                          lambda exc: self.status.setText(
                              self.tr("Nothing was imported: {0}").format(str(exc)[:300])),
                          owner=self)

    def _imported(self, result: jobs.ImportResult) -> None:
        text = self.tr("{0} entries imported.").format(result.saved)
        if result.refused:
            text += " " + self.tr("Not imported: {0}").format("; ".join(result.refused[:5]))
        self._done(text)

    def export_file(self) -> None:
        path = str(self.ask_save_path())  # type: ignore[operator]
        if not path:
            return
        db_path = self.db_path
        run_in_background(lambda: jobs.export_file(db_path, Path(path)),
                          lambda count: self.status.setText(
                              self.tr("{0} entries written to {1}.").format(count, path)),
                          lambda exc: self.status.setText(
                              self.tr("The calendar was not exported: {0}").format(
                                  str(exc)[:300])), owner=self)

    def sync(self) -> None:
        self.sync_button.setEnabled(False)
        self.status.setText(self.tr("Syncing the calendar…"))
        db_path = self.db_path
        run_in_background(lambda: jobs.sync(db_path), self._synced, self._sync_failed,
                          owner=self)

    def _synced(self, report: object) -> None:
        pushed, pulled = getattr(report, "pushed", 0), getattr(report, "pulled", 0)
        problems = list(getattr(report, "problems", []))
        text = self.tr("Calendar synced: {0} sent, {1} received.").format(pushed, pulled)
        if problems:
            text += " " + "; ".join(str(p) for p in problems[:3])
        self._done(text)

    def _sync_failed(self, exc: BaseException) -> None:
        self.sync_button.setEnabled(self.has_server)
        self.status.setText(self.tr("The calendar was not synced: {0}").format(str(exc)[:300]))
