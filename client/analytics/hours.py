"""Working time between two instants, on the rep's calendar.

The rep's working hours (the definition the analytics use): 09:00–18:00 (the planner's
`DEFAULT_HOURS`) in the rep's zone (`client.meetings.rep_zone`: the setting `meet.rep_zone`,
else the computer's), on the working days of that zone's country (`client.meetings.workweek`:
its weekend and public holidays). `WorkingClock(zone, country).seconds(start, end)` counts
the seconds of `[start, end)` that fall inside those hours; a reply written at night to a
mail of the evening before counts 0. Per-day intervals are cached, so a clock is cheap to
reuse across many pairs. Pure; one clock per thread. Raises `zoneinfo.ZoneInfoNotFoundError`
for an unknown zone.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta

from client.meetings.planner import DEFAULT_HOURS
from client.meetings.workweek import WorkCalendar
from client.meetings.zones import country_of_zone


class WorkingClock:
    """Working seconds between instants in one zone (see the module)."""

    def __init__(self, zone: str, country: str | None = None,
                 hours: tuple[time, time] = DEFAULT_HOURS,
                 calendar: WorkCalendar | None = None) -> None:
        self.zone = zone
        self.tz = zoneinfo.ZoneInfo(zone)
        self.country = country or country_of_zone(zone)
        self.hours = hours
        self.calendar = calendar or WorkCalendar(self.country)
        self._days: dict[date, tuple[float, float] | None] = {}
        self._base: date | None = None
        self._cum: list[float] = [0.0]

    def _window(self, day: date) -> tuple[float, float] | None:
        if day not in self._days:
            if self.calendar.day(day).working:
                start = datetime.combine(day, self.hours[0], tzinfo=self.tz).timestamp()
                end = datetime.combine(day, self.hours[1], tzinfo=self.tz).timestamp()
                self._days[day] = (start, end)
            else:
                self._days[day] = None
        return self._days[day]

    def _cumulative(self, day: date) -> tuple[float, tuple[float, float] | None]:
        """(working seconds of the days from the first day looked at up to `day`, exclusive;
        `day`'s window). Days are filled in order, so a pair costs O(1) after the first."""
        if self._base is None or day < self._base:
            self._base, self._cum = day, [0.0]
        index = (day - self._base).days
        while len(self._cum) <= index:
            filled = self._base + timedelta(days=len(self._cum) - 1)
            window = self._window(filled)
            self._cum.append(self._cum[-1] + (window[1] - window[0] if window else 0.0))
        return self._cum[index], self._window(day)

    def working_before(self, at: float) -> float:
        """Working seconds from the start of the first day looked at up to `at` (a running
        total: differences of two of them are what `seconds` returns)."""
        day = datetime.fromtimestamp(at, self.tz).date()
        before, window = self._cumulative(day)
        if window is None:
            return before
        return before + min(max(at - window[0], 0.0), window[1] - window[0])

    def seconds(self, start: float, end: float) -> float:
        """Working seconds in `[start, end)` (UTC epochs); 0 when `end <= start`."""
        if end <= start:
            return 0.0
        begin = self.working_before(start)
        return max(self.working_before(end) - begin, 0.0)
