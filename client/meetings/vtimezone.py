"""VTIMEZONE components written with RRULE-style current rules (what Outlook reads best).

`vtimezone(zone, year)` returns an icalendar `Timezone` for an IANA zone: the transitions of
`year` (found from zoneinfo) become one STANDARD and one DAYLIGHT sub-component with a yearly
RRULE (`BYMONTH`, `BYDAY=nWD` or `-1WD` for the last one of the month); a zone without DST in
that year gets one STANDARD component. icalendar's own generated VTIMEZONE uses RDATE lists,
which Outlook mishandles. Pure, any thread; raises `zoneinfo.ZoneInfoNotFoundError` for an
unknown zone name (callers validate zones first).
"""

from __future__ import annotations

import calendar
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """A change of UTC offset: `local` is the wall time just before it (old offset)."""

    local: datetime
    before: timedelta
    after: timedelta
    name: str
    dst: bool


def _offset(zone: zoneinfo.ZoneInfo, instant: datetime) -> timedelta:
    value = instant.astimezone(zone).utcoffset()
    return value if value is not None else timedelta(0)


def transitions(zone_name: str, year: int) -> list[Transition]:
    """The offset changes of `zone_name` during `year` (UTC), in order."""
    zone = zoneinfo.ZoneInfo(zone_name)
    start = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    found: list[Transition] = []
    step = timedelta(hours=1)
    cursor, previous = start, _offset(zone, start)
    while cursor < end:
        nxt = cursor + step
        offset = _offset(zone, nxt)
        if offset != previous:
            low, high = cursor, nxt  # the change happens in (low, high]
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= low:
                    break
                if _offset(zone, mid) == previous:
                    low = mid
                else:
                    high = mid
            local_after = high.astimezone(zone)
            found.append(Transition(
                local=(high + previous).replace(tzinfo=None),
                before=previous, after=offset, name=local_after.tzname() or "",
                dst=bool(local_after.dst()),
            ))
            previous = offset
        cursor = nxt
    return found


def _byday(day: datetime) -> str:
    last = calendar.monthrange(day.year, day.month)[1]
    ordinal = -1 if day.day + 7 > last else (day.day - 1) // 7 + 1
    return f"{ordinal}{_DAYS[day.weekday()]}"


def vtimezone(zone_name: str, year: int | None = None) -> Timezone:
    """A VTIMEZONE for `zone_name` with the rules in force in `year` (default: this year)."""
    year = year or datetime.now(UTC).year
    tz = Timezone()
    tz.add("TZID", zone_name)
    changes = transitions(zone_name, year)
    if len(changes) < 2:
        zone = zoneinfo.ZoneInfo(zone_name)
        probe = datetime(year, 7, 1, tzinfo=UTC)
        offset = _offset(zone, probe) if not changes else changes[-1].after
        standard = TimezoneStandard()
        standard.add("DTSTART", datetime(1970, 1, 1))
        standard.add("TZOFFSETFROM", offset)
        standard.add("TZOFFSETTO", offset)
        standard.add("TZNAME", probe.astimezone(zone).tzname() or zone_name)
        tz.add_component(standard)
        return tz
    for change in changes[:2]:
        part = TimezoneDaylight() if change.dst else TimezoneStandard()
        part.add("DTSTART", change.local)
        part.add("TZOFFSETFROM", change.before)
        part.add("TZOFFSETTO", change.after)
        part.add("TZNAME", change.name)
        part.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": change.local.month,
                           "BYDAY": _byday(change.local)})
        tz.add_component(part)
    return tz
