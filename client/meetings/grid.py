"""Each attendee's local hours over the planner's window, column by column (the app's grid).

`hours_grid(attendees, organizer_zone=, first_day=, days=, step=) -> Grid`: the columns are
steps of real time from `first_day` 00:00 in the organizer's zone to the end of the `days`-th
day there (each a UTC instant, `Grid.starts`; a day when the organizer's clocks change has one
or two hours fewer or more); each attendee has one `Row` of cell states over them: "work" (the whole step
inside their hours on one of their working days), "off" (a working day, outside their hours),
"weekend" or "holiday" (a non-working day of their country; `Row.day_names` names the holiday
of each local date). `Grid.overlap[k]` is True when every attendee is at work for all of
column k: the highlighted band. The rules are `planner.plan`'s (zoneinfo, `WorkCalendar`), so
DST changes, half-hour and 45-minute zones fall exactly. Pure, any thread; raises `ValueError`
for a non-positive `days`/`step` or no attendee.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from client.meetings.planner import Attendee, search_window
from client.meetings.workweek import DayInfo, WorkCalendar

WORK, OFF, WEEKEND, HOLIDAY = "work", "off", "weekend", "holiday"


@dataclass(frozen=True)
class Row:
    attendee: Attendee
    states: tuple[str, ...]
    #: local hour:minute of each column's start in the attendee's zone ("09:30")
    local_times: tuple[str, ...]
    #: holiday (or make-up working day) names by local date
    day_names: dict[date, str]


@dataclass(frozen=True)
class Grid:
    starts: tuple[datetime, ...]  # aware UTC
    step: timedelta
    rows: tuple[Row, ...]
    overlap: tuple[bool, ...]


def _epoch(day: date, clock: time, zone: ZoneInfo) -> int:
    return int(datetime.combine(day, clock, tzinfo=zone).timestamp())


def _row(person: Attendee, calendar: WorkCalendar, starts: Sequence[int], length: int) -> Row:
    zone = ZoneInfo(person.zone)
    begin_h, end_h = person.hours
    infos: dict[date, DayInfo] = {}
    windows: dict[date, tuple[int, int]] = {}

    def info(day: date) -> DayInfo:
        if day not in infos:
            infos[day] = calendar.day(day)
            end_day = day if end_h > begin_h else day + timedelta(days=1)
            windows[day] = (_epoch(day, begin_h, zone), _epoch(end_day, end_h, zone))
        return infos[day]

    states: list[str] = []
    local_times: list[str] = []
    for start in starts:
        local = datetime.fromtimestamp(start, zone)
        local_times.append(f"{local:%H:%M}")
        today = local.date()
        working = False
        for day in (today - timedelta(days=1), today):
            if info(day).working:
                first, last = windows[day]
                if first <= start and start + length <= last:
                    working = True
        if working:
            states.append(WORK)
            continue
        day_info = info(today)
        if day_info.working:
            states.append(OFF)
        else:
            states.append(WEEKEND if day_info.reason == "weekend" else HOLIDAY)
    names = {day: i.name for day, i in infos.items() if i.name}
    return Row(person, tuple(states), tuple(local_times), names)


def hours_grid(attendees: Sequence[Attendee], *, organizer_zone: str, first_day: date,
               days: int = 14, step: timedelta = timedelta(minutes=30)) -> Grid:
    """See the module docstring."""
    if step <= timedelta(0):
        raise ValueError("days and step must be positive")
    first, last = search_window(attendees, organizer_zone, first_day, days)
    length = int(step.total_seconds())
    starts = list(range(first, last, length))
    calendars: dict[str | None, WorkCalendar] = {}
    rows = tuple(
        _row(p, calendars.setdefault(p.country, WorkCalendar(p.country)), starts, length)
        for p in attendees)
    overlap = tuple(all(r.states[k] == WORK for r in rows) for k in range(len(starts)))
    return Grid(tuple(datetime.fromtimestamp(s, UTC) for s in starts), step, rows, overlap)
