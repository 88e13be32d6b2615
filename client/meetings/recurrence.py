"""DST shifts of a weekly meeting: who sees its local time change, and from which date.

A weekly meeting keeps its wall-clock time in the organizer's zone. `weekly_dst_shifts(start,
organizer_zone, attendees, weeks)` walks the occurrences and reports, for every attendee (the
organizer too), each occurrence whose local time differs from the one before: a clock change
on either side, or an organizer time that falls in a DST gap on one date (normalised forward,
as zoneinfo does, and flagged here). Bounded to `MAX_WEEKS`. Pure; any thread. Raises
`ValueError` for `weeks` outside 1..MAX_WEEKS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from client.meetings.planner import Attendee

MAX_WEEKS = 520


@dataclass(frozen=True)
class DstShift:
    """`date` is the attendee's local date of the first occurrence at the new time;
    `from_local`/`to_local` are their local "HH:MM" before and from then on."""

    address: str | None
    zone: str
    date: date
    from_local: str
    to_local: str


def occurrences(start: datetime, organizer_zone: str, weeks: int) -> list[datetime]:
    """UTC starts of `weeks` weekly occurrences at the organizer's wall-clock time."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"a weekly meeting is checked for 1 to {MAX_WEEKS} weeks")
    zone = ZoneInfo(organizer_zone)
    first = start.astimezone(zone)
    wall = first.replace(tzinfo=None)
    return [(wall + timedelta(weeks=n)).replace(tzinfo=zone).astimezone(UTC)
            for n in range(weeks)]


def weekly_dst_shifts(start: datetime, organizer_zone: str, attendees: Sequence[Attendee],
                      weeks: int) -> list[DstShift]:
    """Every local-time change of the meeting, per attendee in the given order."""
    starts = occurrences(start, organizer_zone, weeks)
    found: list[DstShift] = []
    for person in attendees:
        zone = ZoneInfo(person.zone)
        previous: str | None = None
        for instant in starts:
            local = instant.astimezone(zone)
            clock = local.strftime("%H:%M")
            if previous is not None and clock != previous:
                found.append(DstShift(person.address, person.zone, local.date(), previous, clock))
            previous = clock
    return found
