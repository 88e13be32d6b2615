"""VTIMEZONE components written with RRULE-style current rules (what Outlook reads best).

`vtimezone(zone, year)` returns an icalendar `Timezone` for an IANA zone: the transitions
(found from zoneinfo) become one STANDARD and one DAYLIGHT sub-component with a yearly RRULE
(`BYMONTH`, `BYDAY=nWD` or `-1WD` for the last one of the month, or a weekday within seven
month days) checked against the next 12 years; a zone without DST gets one STANDARD
component, and a zone whose changes follow no weekday rule gets their dates as RDATE. icalendar's own generated VTIMEZONE uses RDATE lists,
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
    step = timedelta(hours=6)  # no zone changes twice within six hours
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


YEARS = 12  # years a rule is checked against (and listed for, when no rule fits)


def _weekday_rule(changes: list[Transition]) -> dict[str, object] | None:
    """A yearly RRULE that gives exactly these transitions (one per year), or None."""
    first = changes[0].local
    if any((c.local.month, c.local.weekday(), c.local.time()) !=
           (first.month, first.weekday(), first.time()) for c in changes):
        return None
    days = [c.local.day for c in changes]
    low, high = min(days), max(days)
    if high - low > 6:
        return None
    rule: dict[str, object] = {"FREQ": "YEARLY", "BYMONTH": first.month}
    weekday = _DAYS[first.weekday()]
    for start in (1, 8, 15, 22):  # "the nth weekday" (what Outlook writes itself)
        if start <= low and high <= start + 6:
            rule["BYDAY"] = f"{(start - 1) // 7 + 1}{weekday}"
            return rule
    if all(c.local.day + 7 > calendar.monthrange(c.local.year, c.local.month)[1]
           for c in changes):
        rule["BYDAY"] = f"-1{weekday}"
        return rule
    rule["BYDAY"] = weekday  # "the weekday on or after day N" (Chile: Sun>=2)
    rule["BYMONTHDAY"] = list(range(high - 6, high + 1)) if high - 6 >= 1 else \
        list(range(low, low + 7))
    return rule


def _part(change: Transition) -> TimezoneStandard | TimezoneDaylight:
    part = TimezoneDaylight() if change.dst else TimezoneStandard()
    part.add("DTSTART", change.local)
    part.add("TZOFFSETFROM", change.before)
    part.add("TZOFFSETTO", change.after)
    part.add("TZNAME", change.name)
    return part


def vtimezone(zone_name: str, year: int | None = None) -> Timezone:
    """A VTIMEZONE for `zone_name` with the rules in force from `year` (default: this year).

    Yearly RRULEs when the next `YEARS` years follow one weekday rule per change (nearly every
    zone); otherwise (e.g. Morocco's Ramadan changes) the changes of those years are listed
    with RDATE, which is still right where a rule would be wrong."""
    year = year or datetime.now(UTC).year
    tz = Timezone()
    tz.add("TZID", zone_name)
    per_year = [transitions(zone_name, y) for y in range(year, year + YEARS)]
    if not any(per_year):
        zone = zoneinfo.ZoneInfo(zone_name)
        probe = datetime(year, 7, 1, tzinfo=UTC)
        offset = _offset(zone, probe)
        standard = TimezoneStandard()
        standard.add("DTSTART", datetime(1970, 1, 1))
        standard.add("TZOFFSETFROM", offset)
        standard.add("TZOFFSETTO", offset)
        standard.add("TZNAME", probe.astimezone(zone).tzname() or zone_name)
        tz.add_component(standard)
        return tz
    if all(len(changes) == 2 for changes in per_year):
        rules = [_weekday_rule([changes[i] for changes in per_year]) for i in (0, 1)]
        if all(rule is not None for rule in rules):
            for index, rule in enumerate(rules):
                part = _part(per_year[0][index])
                part.add("RRULE", rule)
                tz.add_component(part)
            return tz
    groups: dict[tuple[timedelta, timedelta, str, bool], list[Transition]] = {}
    for change in (c for changes in per_year for c in changes):
        groups.setdefault((change.before, change.after, change.name, change.dst),
                          []).append(change)
    for changes in groups.values():
        part = _part(changes[0])
        for later in changes[1:]:
            part.add("RDATE", later.local)
        tz.add_component(part)
    return tz
