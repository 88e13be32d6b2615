"""The meeting planner window: attendees with their zones, the 14-day grid, ranked slots.

``PlannerDialog(db_path, locale, addresses)`` loads the rep's zone, the address book and a
zone guess for each address on a worker thread (``jobs.planner_setup``); the rep adds
attendees from the address book (completion), edits a zone or working hours (a changed zone is
remembered for that contact), sets the first day, the length and the step (15/30 minutes).
Each change recomputes, on the thread pool, the ranked slots (``planner.plan``, as
``tradewind meet plan``) and the grid (``grid.hours_grid``); the newest result wins. A slot or
a grid column chooses the start; "Invite…" opens ``InviteDialog`` with it. GUI thread only.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_datetime, get_day_names, get_timezone_name
from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from client.meetings.grid import Grid
from client.meetings.planner import Attendee, Plan, Slot
from client.meetings.workweek import WorkCalendar
from client.meetings.zones import ZoneError, country_of_zone, validate_zone
from ui.composer.address_field import AddressField
from ui.meetings import jobs
from ui.meetings.grid_view import GridView
from ui.qt.tasks import run_in_background

COL_ADDRESS, COL_ZONE, COL_HOURS, COL_SOURCE = range(4)
DAYS = 14


def parse_hours(text: str) -> tuple[time, time] | None:
    """``"09:00-18:00"`` → (09:00, 18:00); None when it is not that shape."""
    try:
        first, _, last = text.strip().partition("-")
        return time.fromisoformat(first.strip()), time.fromisoformat(last.strip())
    except ValueError:
        return None


def weekend_words(country: str | None, day: date, locale: Locale) -> str:
    """"Sat–Sun" / "Fri–Sat" (in `locale`): the weekend of `country` in the week of `day`."""
    calendar = WorkCalendar(country)
    monday = day - timedelta(days=day.weekday())
    names = get_day_names("abbreviated", locale=locale)
    off = [names[i] for i in range(7)
           if calendar.day(monday + timedelta(days=i)).reason == "weekend"]
    return "–".join(off[:1] + off[-1:]) if len(off) > 1 else "".join(off)


class PlannerDialog(QDialog):
    """See the module docstring."""

    #: the newest plan was shown (tests wait on it)
    planned = Signal()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        """The attendee table's item (every cell of a row is made with the row)."""
        item = self.table.item(row, column)
        assert item is not None
        return item

    def __init__(self, db_path: Path, locale: Locale, addresses: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.babel_locale = db_path, locale
        self.setWindowTitle(self.tr("Plan a meeting"))
        self.organizer = ""
        self.account_id: int | None = None
        self.organizer_zone = "UTC"
        self.plan: Plan | None = None
        self.grid: Grid | None = None
        self.chosen: datetime | None = None
        self._generation = 0
        self._loading = True
        self.invite_dialog: QDialog | None = None

        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Attendee"), self.tr("Time zone"), self.tr("Working hours"),
             self.tr("Zone from")])
        self.table.horizontalHeader().setSectionResizeMode(COL_ADDRESS,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(self.table.fontMetrics().height() * 9)
        self.table.itemChanged.connect(self._item_changed)
        self.add_field = AddressField(self)
        self.add_field.setPlaceholderText(self.tr("Add an attendee from the address book"))
        self.add_field.returnPressed.connect(self.add_from_field)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_from_field)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)

        self.first_day = QDateEdit(self)
        self.first_day.setCalendarPopup(True)
        self.first_day.dateChanged.connect(lambda _d: self.schedule())
        self.duration = QSpinBox(self)
        self.duration.setRange(15, 480)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.valueChanged.connect(lambda _v: self.schedule())
        self.step = QComboBox(self)
        self.step.addItem(self.tr("15 minutes"), 15)
        self.step.addItem(self.tr("30 minutes"), 30)
        self.step.setCurrentIndex(1)
        self.step.currentIndexChanged.connect(lambda _i: self.schedule())
        self.zone_label = QLabel(self)

        self.grid_view = GridView(locale, self)
        self.grid_view.startChosen.connect(self.choose_start)
        self.previous_day = QPushButton(self.tr("◀ Previous day"), self)
        self.previous_day.clicked.connect(lambda: self._move_day(-1))
        self.next_day = QPushButton(self.tr("Next day ▶"), self)
        self.next_day.clicked.connect(lambda: self._move_day(1))
        self.day_label = QLabel(self)
        self.slots = QListWidget(self)
        self.slots.currentItemChanged.connect(self._slot_changed)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen_label = QLabel(self)
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.invite_button = QPushButton(self.tr("Invite…"), self)
        self.invite_button.setEnabled(False)
        self.invite_button.clicked.connect(self.open_invite)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.close)
        self._layout(close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.recompute)
        self.resize(1200, 720)
        wanted = list(addresses or [])
        run_in_background(lambda: jobs.planner_setup(db_path, wanted), self._set_up,
                          self._failed, owner=self)

    def _layout(self, close: QPushButton) -> None:
        adding = QHBoxLayout()
        adding.addWidget(self.add_field, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        options = QHBoxLayout()
        for label, widget in ((self.tr("From"), self.first_day),
                              (self.tr("Length"), self.duration),
                              (self.tr("Step"), self.step)):
            options.addWidget(QLabel(label, self))
            options.addWidget(widget)
        options.addStretch(1)
        options.addWidget(self.zone_label)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_day)
        navigation.addWidget(self.day_label, 1, Qt.AlignmentFlag.AlignCenter)
        navigation.addWidget(self.next_day)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(navigation)
        left_box.addWidget(self.grid_view, 1)
        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(QLabel(self.tr("Suggested times (best first)"), self))
        right_box.addWidget(self.slots, 1)
        right_box.addWidget(self.notes)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([700, 330])
        buttons = QHBoxLayout()
        buttons.addWidget(self.chosen_label, 1)
        buttons.addWidget(self.invite_button)
        buttons.addWidget(close)
        box = QVBoxLayout(self)
        box.addWidget(self.table)
        box.addLayout(adding)
        box.addLayout(options)
        box.addWidget(split, 1)
        box.addLayout(buttons)

    # -- set-up and attendees ------------------------------------------------------------------
    def _set_up(self, setup: jobs.Setup) -> None:
        self.organizer, self.account_id = setup.organizer, setup.account_id
        self.organizer_zone = setup.zone.zone
        self.add_field.set_address_book(setup.book)
        today = datetime.now(ZoneInfo(self.organizer_zone)).date()
        self.first_day.setDate(QDate(today.year, today.month, today.day))
        self.zone_label.setText(self.tr("Times in your zone: {0}").format(
            self._zone_name(self.organizer_zone)))
        self._add_row(self.organizer or self.tr("You"), self.organizer_zone, "rep",
                      organizer=True)
        for guess in setup.guesses:
            self._add_row(guess.address, guess.zone, guess.source)
        self._loading = False
        self.schedule()

    def _zone_name(self, zone: str) -> str:
        try:
            return f"{get_timezone_name(ZoneInfo(zone), locale=self.babel_locale)} ({zone})"
        except (LookupError, ValueError):
            return zone

    def _source_words(self, source: str) -> str:
        return {"remembered": self.tr("remembered"), "user": self.tr("remembered"),
                "given": self.tr("given"),
                "date-offsets": self.tr("guessed from their mail's times"),
                "domain": self.tr("guessed from the country domain"),
                "rep": self.tr("your zone (no guess)"),
                "setting": self.tr("your zone")}.get(source, source)

    def _add_row(self, address: str, zone: str, source: str, organizer: bool = False) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(address)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setData(Qt.ItemDataRole.UserRole, organizer)
        self.table.setItem(row, COL_ADDRESS, item)
        self.table.setItem(row, COL_ZONE, QTableWidgetItem(zone))
        self.table.setItem(row, COL_HOURS, QTableWidgetItem("09:00-18:00"))
        how = QTableWidgetItem(self._source_words("setting" if organizer else source))
        how.setFlags(how.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, COL_SOURCE, how)
        self.table.blockSignals(False)

    def addresses(self) -> list[str]:
        return [self._cell(r, COL_ADDRESS).text() for r in range(self.table.rowCount())
                if not self._cell(r, COL_ADDRESS).data(Qt.ItemDataRole.UserRole)]

    def add_from_field(self) -> None:
        texts = [t.strip() for t in self.add_field.text().split(",") if "@" in t]
        self.add_field.clear()
        db_path = self.db_path
        for text in texts:
            address = text.rpartition("<")[2].rstrip(">").strip().lower()
            if address in self.addresses() or address == self.organizer.lower():
                continue
            run_in_background(partial(jobs.guess, db_path, address), self._guessed,
                              self._failed, owner=self)

    def _guessed(self, guess: jobs.Guess) -> None:
        if guess.address not in self.addresses():
            self._add_row(guess.address, guess.zone, guess.source)
            self.schedule()

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            if not self._cell(row, COL_ADDRESS).data(Qt.ItemDataRole.UserRole):
                self.table.removeRow(row)
        self.schedule()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        if item.column() == COL_ZONE:
            try:
                zone = validate_zone(item.text())
            except ZoneError as exc:
                self.notes.setText(str(exc))
                return
            self.table.blockSignals(True)
            item.setText(zone)
            organizer = self._cell(item.row(), COL_ADDRESS).data(Qt.ItemDataRole.UserRole)
            self._cell(item.row(), COL_SOURCE).setText(
                self._source_words("setting" if organizer else "user"))
            self.table.blockSignals(False)
            if organizer:
                self.organizer_zone = zone
                self.zone_label.setText(self.tr("Times in your zone: {0}").format(
                    self._zone_name(zone)))
            else:
                address, db_path = self._cell(item.row(), COL_ADDRESS).text(), self.db_path
                run_in_background(lambda: jobs.remember(db_path, address, zone), lambda _r: None,
                                  self._failed, owner=self)
        self.schedule()

    def attendees(self) -> list[Attendee] | None:
        """The organizer first; None (and the reason shown) when a row is not valid."""
        people: list[Attendee] = []
        for row in range(self.table.rowCount()):
            address = self._cell(row, COL_ADDRESS)
            organizer = bool(address.data(Qt.ItemDataRole.UserRole))
            try:
                zone = validate_zone(self._cell(row, COL_ZONE).text())
            except ZoneError as exc:
                self.notes.setText(str(exc))
                return None
            hours = parse_hours(self._cell(row, COL_HOURS).text())
            if hours is None:
                self.notes.setText(self.tr("Working hours must look like 09:00-18:00"))
                return None
            people.append(Attendee(None if organizer else address.text(), zone,
                                   country_of_zone(zone), hours))
        return people

    # -- planning ------------------------------------------------------------------------------
    def schedule(self) -> None:
        if not self._loading:
            self._timer.start()

    def first(self) -> date:
        value = self.first_day.date()
        return date(value.year(), value.month(), value.day())

    def recompute(self) -> None:
        people = self.attendees()
        if not people:
            return
        self._generation += 1
        self.notes.setText(self.tr("Planning…"))
        generation, zone, first = self._generation, self.organizer_zone, self.first()
        duration = timedelta(minutes=self.duration.value())
        step = timedelta(minutes=int(self.step.currentData()))
        run_in_background(lambda: jobs.compute(people, zone, first, DAYS, duration, step),
                          lambda result: self._planned(generation, people, zone, result),
                          self._failed, owner=self)

    def _planned(self, generation: int, people: list[Attendee], zone: str,
                 result: tuple[Plan, Grid]) -> None:
        if generation != self._generation:
            return  # a newer question is on its way
        self.plan, self.grid = result
        labels = [self._row_label(p) for p in people]
        self.grid_view.hours.show(self.grid, zone, labels)
        self.slots.clear()
        for slot in self.plan.slots:
            item = QListWidgetItem(self._slot_text(slot, zone))
            item.setData(Qt.ItemDataRole.UserRole, slot.start)
            item.setToolTip(self._slot_details(slot))
            self.slots.addItem(item)
        self.notes.setText("\n".join(self.plan.notes))
        if self.plan.slots:
            self.slots.setCurrentRow(0)
        self._update_day_label()
        self.planned.emit()

    def _row_label(self, person: Attendee) -> str:
        who = person.address or self.tr("You")
        weekend = weekend_words(person.country, self.first(), self.babel_locale)
        country = person.country or "—"
        return f"{who}\n{person.zone} · {country} · " + self.tr("weekend {0}").format(weekend)

    def _slot_text(self, slot: Slot, zone: str) -> str:
        local = slot.start.astimezone(ZoneInfo(zone))
        end = slot.end.astimezone(ZoneInfo(zone))
        when = format_datetime(local, "EEE d MMM HH:mm", locale=self.babel_locale) + f"–{end:%H:%M}"
        outside = slot.outside_count
        if not outside:
            return when + " · " + self.tr("inside everyone's hours")
        return when + " · " + self.tr("{0} outside their hours").format(outside)

    def _slot_details(self, slot: Slot) -> str:
        lines = []
        reasons = {None: self.tr("inside hours"), "weekend": self.tr("weekend"),
                   "holiday": self.tr("public holiday"),
                   "before-hours": self.tr("before working hours"),
                   "after-hours": self.tr("after working hours")}
        for person in slot.attendees:
            who = person.attendee.address or self.tr("You")
            text = reasons.get(person.reason, person.reason or "")
            if person.day_name:
                text += f" ({person.day_name})"
            start = format_datetime(person.local_start, "EEE HH:mm", locale=self.babel_locale)
            lines.append(f"{who}: {start}–{person.local_end:%H:%M} "
                         f"{person.attendee.zone} — {text}")
        return "\n".join(lines)

    def _slot_changed(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is not None:
            self.choose_start(item.data(Qt.ItemDataRole.UserRole))

    def choose_start(self, start: datetime) -> None:
        self.chosen = start
        local = start.astimezone(ZoneInfo(self.organizer_zone))
        self.chosen_label.setText(self.tr("Start: {0}").format(
            format_datetime(local, "EEEE d MMMM HH:mm", locale=self.babel_locale)))
        self.invite_button.setEnabled(self.account_id is not None and bool(self.addresses()))
        self.grid_view.select_start(start)
        self._update_day_label()

    def _move_day(self, delta: int) -> None:
        shown = self.grid_view.shown_day() or self.first()
        target = min(max(shown + timedelta(days=delta), self.first()),
                     self.first() + timedelta(days=DAYS - 1))
        self.grid_view.show_day(target)
        self.day_label.setText(format_datetime(
            datetime.combine(target, time(12)), "EEEE d MMMM y", locale=self.babel_locale))

    def _update_day_label(self) -> None:
        shown = self.grid_view.shown_day()
        if shown is not None:
            self.day_label.setText(format_datetime(
                datetime.combine(shown, time(12)), "EEEE d MMMM y", locale=self.babel_locale))

    # -- invitation ----------------------------------------------------------------------------
    def open_invite(self) -> None:
        from ui.meetings.invite_dialog import InviteDialog

        if self.chosen is None or self.account_id is None:
            return
        dialog = InviteDialog(self.db_path, self.babel_locale, self.account_id, self.organizer,
                              self.addresses(), self.chosen, self.organizer_zone,
                              self.duration.value(), self, people=self.attendees() or [])
        self.invite_dialog = dialog
        dialog.sent.connect(self._invited)
        dialog.open()

    def _invited(self, waiting: object) -> None:
        if waiting is None:
            text = self.tr("Invitation sent; the meeting is in your calendar.")
        elif not waiting:
            text = self.tr("Invitation queued; it is sent at the next sync. The meeting is in "
                           "your calendar.")
        else:
            text = self.tr("Invitation queued; it waits in the outbox: {0}").format(waiting)
        self.notes.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.notes.setText(self.tr("Could not plan: {0}").format(str(exc)[:300]))
