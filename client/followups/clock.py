"""The follow-up clock: N working days of the buyer's calendar after a mail was sent.

`due_after(sent, zone, country, days)` -> the UTC instant a reminder falls due: the mail's
local day in the buyer's zone is day 0 (whatever the hour); the next `days` working days of
`country` (its weekend and public holidays, `client.meetings.workweek`) must pass without an
answer; the reminder is due at the start of the buyer's working day (09:00, the planner's
`DEFAULT_HOURS`) on the working day after them. Example: sent Monday, 3 days -> Tuesday,
Wednesday, Thursday waited -> due Friday 09:00 their time. A start on a weekend or holiday
counts the same way (sent Saturday -> Monday..Wednesday waited -> Thursday 09:00).
`working_days_between` counts the full working days waited so far (the view's "days
waiting"). Pure; any thread (build one `WorkCalendar` per thread). Raises
`zoneinfo.ZoneInfoNotFoundError` for an unknown zone and `ValueError` for days outside 1..60.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta

from client.meetings.planner import DEFAULT_HOURS
from client.meetings.workweek import WorkCalendar
from client.meetings.zones import country_of_zone

MAX_DAYS = 60
MAX_SCAN = 400  # calendar days looked at before giving up (a country of holidays only)


def _aware(at: datetime | float) -> datetime:
    if isinstance(at, (int, float)):
        return datetime.fromtimestamp(at, UTC)
    if at.tzinfo is None:
        raise ValueError("a naive datetime has no zone; give an aware one or a UTC epoch")
    return at


def next_working_days(start: date, days: int, work: WorkCalendar) -> list[date]:
    """The first `days` working days after `start` (exclusive)."""
    found: list[date] = []
    day = start
    for _ in range(MAX_SCAN):
        day += timedelta(days=1)
        if work.day(day).working:
            found.append(day)
            if len(found) == days:
                return found
    raise ValueError(f"no {days} working days within {MAX_SCAN} days of {start.isoformat()}")


def due_after(sent: datetime | float, zone: str, country: str | None, days: int,
              calendar: WorkCalendar | None = None) -> datetime:
    """When a reminder for a mail sent at `sent` falls due (see the module), in UTC."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"the number of working days must be 1 to {MAX_DAYS}, not {days}")
    tz = zoneinfo.ZoneInfo(zone)
    work = calendar or WorkCalendar(country or country_of_zone(zone))
    local_day = _aware(sent).astimezone(tz).date()
    waited = next_working_days(local_day, days, work)
    due_day = next_working_days(waited[-1], 1, work)[0]
    start = datetime.combine(due_day, DEFAULT_HOURS[0], tzinfo=tz)
    return start.astimezone(UTC)


def working_days_between(sent: datetime | float, now: datetime | float, zone: str,
                         country: str | None, calendar: WorkCalendar | None = None) -> int:
    """Full working days of the buyer's calendar after the sent day and before today (their
    dates), i.e. how many working days the mail has waited."""
    tz = zoneinfo.ZoneInfo(zone)
    work = calendar or WorkCalendar(country or country_of_zone(zone))
    first = _aware(sent).astimezone(tz).date()
    today = _aware(now).astimezone(tz).date()
    count = 0
    day = first + timedelta(days=1)
    while day < today and count < 10 * MAX_SCAN:
        if work.day(day).working:
            count += 1
        day += timedelta(days=1)
    return count
