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
from datetime import UTC, date, datetime, time, timedelta

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

    def _window(self, day: date) -> tuple[float, float] | None:
        if day not in self._days:
            if self.calendar.day(day).working:
                start = datetime.combine(day, self.hours[0], tzinfo=self.tz).timestamp()
                end = datetime.combine(day, self.hours[1], tzinfo=self.tz).timestamp()
                self._days[day] = (start, end)
            else:
                self._days[day] = None
        return self._days[day]

    def seconds(self, start: float, end: float) -> float:
        """Working seconds in `[start, end)` (UTC epochs); 0 when `end <= start`."""
        if end <= start:
            return 0.0
        day = datetime.fromtimestamp(start, UTC).astimezone(self.tz).date()
        last = datetime.fromtimestamp(end, UTC).astimezone(self.tz).date()
        total = 0.0
        while day <= last:
            window = self._window(day)
            if window is not None:
                lo, hi = max(start, window[0]), min(end, window[1])
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total
