"""Ranked meeting slots for attendees in different time zones.

`plan(attendees, organizer_zone, first_day, days, duration) -> Plan`: candidate starts every
`step` minutes from `first_day` 00:00 in the organizer's zone for `days` days (every zone
offset is a multiple of 15 minutes, so 15-minute steps fall on :00/:15/:30/:45 in Kathmandu or
Chatham too; longer steps are whole hours for the organizer).
Each attendee's working window is their hours on each of their working days in their own zone,
converted with zoneinfo, so DST changes on either side, half-hour/45-minute offsets and
southern-hemisphere summers are exact. Ranking: fewest attendees outside their hours, then
fewest on a non-working day, then the least stretch (how far, summed over attendees, the slot
reaches beyond each one's nearest working window: 8:00 beats 2:00 for a 9:00 starter), then
fewest minutes outside, then the earliest start; then the
best non-overlapping slots are kept (`limit`, or every candidate with `distinct=False`).
Pure and deterministic; any thread. Raises `ValueError` for a non-positive duration or days.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from client.meetings.workweek import DayInfo, WorkCalendar

DEFAULT_HOURS = (time(9, 0), time(18, 0))


@dataclass(frozen=True)
class Attendee:
    """One person: `address` None for an organizer without one; `hours` local (start, end);
    an end at or before the start means the hours run past midnight."""

    address: str | None
    zone: str
    country: str | None = None
    hours: tuple[time, time] = DEFAULT_HOURS
    zone_source: str = "given"


@dataclass(frozen=True)
class AttendeeTime:
    """How a slot falls for one attendee. `reason` is None when `inside_hours`, else
    "weekend", "holiday", "before-hours" or "after-hours"; `day_name` names the holiday (or a
    make-up working day)."""

    attendee: Attendee
    local_start: datetime
    local_end: datetime
    inside_hours: bool
    reason: str | None
    day_name: str | None
    minutes_outside: int
    estimated: bool = False


@dataclass(frozen=True)
class Slot:
    """A candidate meeting: `start`/`end` aware UTC datetimes."""

    start: datetime
    end: datetime
    attendees: tuple[AttendeeTime, ...]

    @property
    def outside_count(self) -> int:
        return sum(not a.inside_hours for a in self.attendees)


@dataclass
class Plan:
    """The ranked slots and sentences about missing data (holiday tables, ...)."""

    slots: list[Slot]
    notes: list[str] = field(default_factory=list)


@dataclass
class _Day:
    start: int  # UTC epoch seconds of local midnight (or the first instant of the day)
    info: DayInfo
    work: tuple[int, int] | None  # working window in UTC seconds, None on a non-working day
    nominal: tuple[int, int]  # the hours' window whether or not the day is a working day


class _Timeline:
    """One attendee's local days over the search window, in UTC seconds (bisect-searchable)."""

    def __init__(self, attendee: Attendee, calendar: WorkCalendar, first: date, last: date):
        self.zone = ZoneInfo(attendee.zone)
        self.days: list[_Day] = []
        start_h, end_h = attendee.hours
        day = first
        while day <= last:
            info = calendar.day(day)
            begin = _epoch(day, start_h, self.zone)
            end_day = day if end_h > start_h else day + timedelta(days=1)
            end = _epoch(end_day, end_h, self.zone)
            self.days.append(_Day(_epoch(day, time(0), self.zone), info,
                                  (begin, end) if info.working else None, (begin, end)))
            day += timedelta(days=1)
        self.starts = [d.start for d in self.days]
        self.windows = [d.work for d in self.days if d.work is not None]

    def accumulate(self, first: int, stride: int, count: int, length: int,
                   totals: list[list[int]]) -> None:
        """Add this attendee's cost of each candidate start `first + k * stride` into
        `totals` = [people outside, on a non-working day, stretch, seconds outside]; the same
        figures as `outside`, walked with pointers because starts only grow."""
        people, off_days, stretches, outside = totals
        windows, starts, days = self.windows, self.starts, self.days
        w, d, n_windows, n_days = 0, 0, len(self.windows), len(self.days)
        for k in range(count):
            start = first + k * stride
            end = start + length
            while w + 1 < n_windows and windows[w + 1][0] <= start:
                w += 1
            while d + 1 < n_days and starts[d + 1] <= start:
                d += 1
            covered, stretch = 0, _FAR
            # windows before `w` end before windows[w] begins (<= start): never nearer
            for begin, finish in windows[w: w + 2]:
                if finish > start and begin < end:
                    covered += (end if end < finish else finish) - (
                        start if start > begin else begin)
                reach = (begin - start if begin > start else 0) + (
                    end - finish if end > finish else 0)
                if reach < stretch:
                    stretch = reach
            seconds = length - covered
            if seconds:
                people[k] += 1
                outside[k] += seconds
                stretches[k] += stretch
                if not days[d].info.working:
                    off_days[k] += 1

    def index(self, instant: int) -> int:
        return max(bisect_right(self.starts, instant) - 1, 0)

    def outside(self, start: int, end: int) -> tuple[int, bool, int]:
        """(seconds of [start, end) outside working windows, start day is non-working,
        how far the slot reaches beyond the nearest working window in seconds)."""
        i = self.index(start)
        covered = 0
        stretch = _FAR
        for day in self.days[max(i - 1, 0): i + 2]:
            if day.work is not None:
                begin, finish = day.work
                covered += max(0, min(end, finish) - max(start, begin))
                stretch = min(stretch, max(0, begin - start) + max(0, end - finish))
        return (end - start) - covered, not self.days[i].info.working, stretch


_FAR = 7 * 24 * 3600  # the stretch of a slot with no working window near it


def _epoch(day: date, clock: time, zone: ZoneInfo) -> int:
    """UTC seconds of a local wall time; a time in a DST gap moves forward by the gap."""
    return int(datetime.combine(day, clock, tzinfo=zone).timestamp())


def search_window(attendees: Sequence[Attendee], organizer_zone: str, first_day: date,
                  days: int) -> tuple[int, int]:
    """UTC seconds of the organizer's midnight of `first_day` and of `days` days later;
    `ValueError` for no attendee or a non-positive `days`."""
    if days <= 0:
        raise ValueError("days, duration and step must be positive")
    if not attendees:
        raise ValueError("a meeting needs at least one attendee")
    org = ZoneInfo(organizer_zone)
    return (_epoch(first_day, time(0), org),
            _epoch(first_day + timedelta(days=days), time(0), org))


def plan(
    attendees: Sequence[Attendee],
    *,
    organizer_zone: str,
    first_day: date,
    days: int = 14,
    duration: timedelta = timedelta(minutes=60),
    step: timedelta = timedelta(minutes=15),
    limit: int | None = 10,
    distinct: bool = True,
) -> Plan:
    """Ranked slots for `attendees` (the organizer among them) over the window."""
    if duration <= timedelta(0) or step <= timedelta(0):
        raise ValueError("days, duration and step must be positive")
    window_start, window_end = search_window(attendees, organizer_zone, first_day, days)
    length, stride = int(duration.total_seconds()), int(step.total_seconds())

    calendars: dict[str | None, WorkCalendar] = {}
    timelines: list[_Timeline] = []
    for person in attendees:
        calendar = calendars.setdefault(person.country, WorkCalendar(person.country))
        zone = ZoneInfo(person.zone)
        first = datetime.fromtimestamp(window_start, UTC).astimezone(zone).date()
        last = datetime.fromtimestamp(window_end, UTC).astimezone(zone).date()
        timelines.append(_Timeline(person, calendar, first - timedelta(days=1),
                                   last + timedelta(days=1)))

    count = max(0, (window_end - length - window_start) // stride + 1)
    totals = [[0] * count for _ in range(4)]
    for line in timelines:
        line.accumulate(window_start, stride, count, length, totals)
    people, off_days, stretches, outside = totals
    ranked = sorted(zip(people, off_days, stretches, outside,
                        range(window_start, window_start + count * stride, stride), strict=True))

    chosen: list[int] = []
    for *_, start in ranked:
        if limit is not None and len(chosen) >= limit:
            break
        if distinct and any(abs(start - other) < length for other in chosen):
            continue
        chosen.append(start)

    slots = [_slot(start, start + length, attendees, timelines) for start in chosen]
    notes: list[str] = []
    for calendar in calendars.values():
        notes.extend(n for n in calendar.notes() if n not in notes)
    return Plan(slots, notes)


def _slot(start: int, end: int, attendees: Sequence[Attendee],
          timelines: Sequence[_Timeline]) -> Slot:
    times: list[AttendeeTime] = []
    for person, line in zip(attendees, timelines, strict=True):
        seconds, _, _ = line.outside(start, end)
        day = line.days[line.index(start)]
        reason: str | None = None
        if seconds:
            if not day.info.working:
                reason = day.info.reason or "holiday"
            elif start < day.nominal[0]:
                reason = "before-hours"
            else:
                reason = "after-hours"
        times.append(AttendeeTime(
            attendee=person,
            local_start=datetime.fromtimestamp(start, line.zone),
            local_end=datetime.fromtimestamp(end, line.zone),
            inside_hours=not seconds,
            reason=reason,
            day_name=day.info.name,
            minutes_outside=seconds // 60,
            estimated=day.info.estimated,
        ))
    return Slot(datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC),
                tuple(times))
