"""When a message scheduled for later goes out: `--at` values and "at their 09:00".

`parse_at(text, zone, now=) -> float` (UTC epoch): an ISO 8601 local time (`2027-01-05T09:00`)
read in `zone` (an IANA name, checked; a time with its own offset keeps it), or
`buyer-morning`, which needs the recipient's zone. `buyer_morning(zone, country, now=)`: the
next 09:00 on a working day (weekends and public holidays of the country skipped) in `zone`,
strictly after `now`. A non-existent local time (the spring-forward gap) is refused, an
ambiguous one takes its first occurrence. Raises `SendTimeError` in words; pure, any thread.
"""

from __future__ import annotations

import time as _time
import zoneinfo
from datetime import UTC, datetime, time, timedelta

from client.meetings.workweek import WorkCalendar
from client.meetings.zones import ZoneError, country_of_zone, validate_zone

MORNING = time(9, 0)
BUYER_MORNING = "buyer-morning"


class SendTimeError(ValueError):
    """A send-later time cannot be used; `str()` says why."""


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(validate_zone(name))
    except ZoneError as exc:
        raise SendTimeError(str(exc)) from None


def _exists(local: datetime) -> bool:
    back = local.astimezone(UTC).astimezone(local.tzinfo)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def buyer_morning(zone: str, country: str | None = None, now: float | None = None) -> float:
    """The next 09:00 on a working day in `zone` after `now` (see the module)."""
    tz = _zone(zone)
    at = _time.time() if now is None else now
    calendar = WorkCalendar(country or country_of_zone(zone))
    day = datetime.fromtimestamp(at, tz).date()
    for _ in range(60):
        candidate = datetime.combine(day, MORNING, tz)
        if candidate.timestamp() > at and calendar.day(day).working and _exists(candidate):
            return candidate.timestamp()
        day += timedelta(days=1)
    raise SendTimeError(f"No working day in the next 60 days in {zone}.")


def parse_at(text: str, zone: str | None, now: float | None = None,
             country: str | None = None) -> float:
    """The UTC epoch of a send-later value (see the module); refuses the past."""
    value = text.strip()
    at = _time.time() if now is None else now
    if value == BUYER_MORNING:
        if not zone:
            raise SendTimeError("buyer-morning needs the recipient's time zone, and none is "
                                "known for this address; give --at TIME --zone ZONE.")
        return buyer_morning(zone, country, at)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise SendTimeError(f"{value!r} is not a time such as 2027-01-05T09:00 or "
                            f"{BUYER_MORNING}.") from None
    if parsed.tzinfo is None:
        if not zone:
            raise SendTimeError(f"Give the zone of {value} with --zone (e.g. Europe/Berlin).")
        local = parsed.replace(tzinfo=_zone(zone), fold=0)
        if not _exists(local):
            raise SendTimeError(f"{value} does not exist in {zone} (the clocks go forward "
                                "then); pick another time.")
        parsed = local
    epoch = parsed.timestamp()
    if epoch <= at:
        raise SendTimeError(f"{value} is in the past; a message can only be scheduled for "
                            "later.")
    return epoch
