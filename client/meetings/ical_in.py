"""Reading received calendars and invitations, bounded (checklist C1–C5, C7).

`parse_calendar(data) -> ParsedCalendar(method, events, warnings)` reads iCalendar bytes with
icalendar; anything it cannot read raises `CalendarError` in words (never another exception).
Each VEVENT becomes a `ParsedEvent` with UTC start/end, the IANA zone of DTSTART when one is
known, organizer, attendees, SEQUENCE, the join link (Teams/Google Meet/Zoom/Webex, https
only) and the event's own text (`ical`) for the cache. TZIDs: IANA names and Windows names via
CLDR (`zones.validate_zone`, which refuses abbreviations such as CST), then a vendor prefix
such as `/mozilla.org/20070129_1/` stripped only when the rest is an IANA zone (C2), else the
file's VTIMEZONE rules (as icalendar built them; a warning says so), else the event is marked
`unusable` (never local time). `expand(event, start, end)` lists instances of a recurring
event, at most `MAX_INSTANCES` and never looking more than `MAX_STEPS` rule steps ahead, so
`FREQ=SECONDLY` cannot hang (C4). A DTSTART in a DST gap is read with the offset before the
change and flagged (C3); inline ATTACH values above 256 KB are not kept (C7). Pure, any
thread.
"""

from __future__ import annotations

import email
import email.policy
import re
import warnings as py_warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from client.meetings.zones import ZoneError, validate_zone

MAX_BYTES = 4 * 1024 * 1024
MAX_EVENTS = 5000
MAX_INSTANCES = 1000
MAX_STEPS = 20000
MAX_TEXT = 2000
MAX_ATTACH = 256 * 1024
_LINK = re.compile(
    r"https://(?:teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|[\w.-]*zoom\.us|"
    r"[\w.-]*webex\.com)/[^\s<>\"'\\]*", re.IGNORECASE)
_LINK_PROPS = ("X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE", "URL", "LOCATION",
               "DESCRIPTION")


class CalendarError(ValueError):
    """Calendar data that cannot be read; the message says why in words."""


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str
    partstat: str


@dataclass
class ParsedEvent:
    uid: str
    summary: str
    start: datetime | None  # UTC; None when unusable
    end: datetime | None
    all_day: bool
    zone: str | None  # IANA zone of DTSTART, or the TZID as written when only its rules known
    organizer: str
    organizer_name: str
    attendees: tuple[Attendee, ...]
    sequence: int
    dtstamp: datetime | None
    status: str
    recurrence_id: str
    rrule: str
    location: str
    link: str
    ical: bytes  # the VEVENT text
    warnings: list[str] = field(default_factory=list)
    unusable: str = ""  # why the event cannot be placed in time ("" when it can)
    timezones: bytes = b""  # the file's VTIMEZONE components this event refers to
    _dtstart: datetime | date | None = None
    _exdates: tuple[datetime | date, ...] = ()


@dataclass
class ParsedCalendar:
    method: str
    events: list[ParsedEvent]
    warnings: list[str] = field(default_factory=list)


def _clean(value: object, limit: int = MAX_TEXT) -> str:
    text = "" if value is None else str(value)
    text = "".join(ch if ch in "\n\t" or ch >= " " else " " for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resolve_tzid(tzid: str) -> str | None:
    """The IANA zone a TZID means (IANA, Windows via CLDR, or a vendor-prefixed IANA name),
    else None. Abbreviations are never trusted."""
    text = tzid.strip().strip('"')
    if not text:
        return None
    try:
        return validate_zone(text)
    except ZoneError:
        pass
    if text in _known_zones():  # old tzdata links such as US/Pacific or Japan
        return text
    parts = [p for p in text.split("/") if p]
    for count in (3, 2):
        if len(parts) >= count:
            candidate = "/".join(parts[-count:])
            if candidate in _known_zones():
                try:
                    return validate_zone(candidate)
                except ZoneError:
                    return candidate
    return None


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def calendar_of_message(raw: bytes) -> bytes | None:
    """The first text/calendar (or application/ics) part of a raw mail message, decoded."""
    try:
        message = email.message_from_bytes(raw[:MAX_BYTES * 2], policy=email.policy.compat32)
        for part in message.walk():
            kind = part.get_content_type()
            if kind in ("text/calendar", "application/ics") or (
                    kind == "application/octet-stream"
                    and str(part.get_filename() or "").lower().endswith(".ics")):
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes) and payload:
                    return payload
    except (ValueError, TypeError, LookupError, IndexError):
        return None
    return None


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _mailto(value: object) -> str:
    text = _clean(value, 320).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip().lower()


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _find_link(event: Event) -> str:
    for key in _LINK_PROPS:
        for value in _as_list(event.get(key)):
            match = _LINK.search(str(value))
            if match:
                return match.group(0)
    return ""


def _placed(event: Event, key: str, parsed: ParsedEvent) -> datetime | date | None:
    """The property's value with a trustworthy zone, or None (reason in `parsed`)."""
    prop = event.get(key)
    if prop is None:
        return None
    value = getattr(prop, "dt", None)
    if isinstance(value, datetime):
        tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
        if tzid:
            zone = resolve_tzid(tzid)
            if zone is not None:
                if key == "DTSTART":
                    parsed.zone = zone
                naive = value.replace(tzinfo=None)
                placed = naive.replace(tzinfo=ZoneInfo(zone))
                if placed.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) \
                        != naive:
                    parsed.warnings.append(
                        f"{key} {naive:%Y-%m-%d %H:%M} does not exist in {zone} (the clocks "
                        "skip it); read with the offset before the change")
                return placed
            if value.tzinfo is not None and not isinstance(value.tzinfo, ZoneInfo):
                if key == "DTSTART":
                    parsed.zone = _clean(tzid, 80)
                    parsed.warnings.append(
                        f"the time zone {_clean(tzid, 80)!r} is not a known zone; its rules "
                        "from the invitation are used")
                return value
            parsed.unusable = (f"the time zone {_clean(tzid, 80)!r} is unknown and the "
                               "invitation does not define it")
            return None
        if value.tzinfo is None:
            parsed.warnings.append(f"{key} has no time zone (floating time); read as UTC")
            return value.replace(tzinfo=UTC)
        if key == "DTSTART":
            parsed.zone = "UTC" if value.utcoffset() == timedelta(0) else None
        return value
    if isinstance(value, date):
        return value
    parsed.unusable = f"{key} cannot be read"
    return None


def _event(component: Event) -> ParsedEvent:
    organizer = component.get("ORGANIZER")
    attendees = tuple(
        Attendee(_mailto(a), _clean(getattr(a, "params", {}).get("CN", ""), 200),
                 _clean(getattr(a, "params", {}).get("PARTSTAT", "NEEDS-ACTION"), 20).upper())
        for a in _as_list(component.get("ATTENDEE"))[:500])
    try:
        sequence = int(str(component.get("SEQUENCE", 0)))
    except ValueError:
        sequence = 0
    stamp = getattr(component.get("DTSTAMP"), "dt", None)
    rid = component.get("RECURRENCE-ID")
    rid_value = getattr(rid, "dt", None)
    rrule = component.get("RRULE")
    parsed = ParsedEvent(
        uid=_clean(component.get("UID", ""), 500).strip(),
        summary=_clean(component.get("SUMMARY", ""), 500),
        start=None, end=None, all_day=False, zone=None,
        organizer=_mailto(organizer) if organizer is not None else "",
        organizer_name=_clean(getattr(organizer, "params", {}).get("CN", ""), 200),
        attendees=attendees, sequence=max(0, sequence),
        dtstamp=_utc(stamp) if isinstance(stamp, datetime) and stamp.tzinfo else None,
        status=_clean(component.get("STATUS", ""), 20).upper(),
        recurrence_id=(_utc(rid_value).strftime("%Y%m%dT%H%M%SZ")
                       if isinstance(rid_value, datetime) and rid_value.tzinfo
                       else (rid_value.isoformat() if isinstance(rid_value, date) else "")),
        rrule=rrule.to_ical().decode("ascii", "replace") if rrule is not None else "",
        location=_clean(component.get("LOCATION", ""), 500),
        link="", ical=b"",
    )
    _drop_large_attachments(component, parsed)
    parsed.ical = bytes(component.to_ical())
    parsed.link = _find_link(component)
    if not parsed.uid:
        parsed.warnings.append("the event has no UID")
    start = _placed(component, "DTSTART", parsed)
    if start is None:
        parsed.unusable = parsed.unusable or "the event has no start time (DTSTART)"
        return parsed
    parsed._dtstart = start
    end_value = _placed(component, "DTEND", parsed) if "DTEND" in component else None
    if end_value is None and parsed.unusable:
        return parsed
    if end_value is None:
        duration = getattr(component.get("DURATION"), "dt", None)
        if isinstance(duration, timedelta):
            end_value = start + duration
        else:
            end_value = start + (timedelta(days=1) if not isinstance(start, datetime)
                                 else timedelta(0))
    if isinstance(start, datetime) != isinstance(end_value, datetime):
        parsed.warnings.append("DTSTART and DTEND are of different kinds; DTEND ignored")
        end_value = start + (timedelta(0) if isinstance(start, datetime) else timedelta(days=1))
    parsed.all_day = not isinstance(start, datetime)
    if rrule is not None and _until_before(rrule.get("UNTIL"), start):
        parsed.warnings.append("the recurrence ends (UNTIL) before the first meeting; "
                               "only the first is shown")
    parsed.start, parsed.end = _bounds(start, end_value)
    if parsed.end < parsed.start:
        parsed.warnings.append("the event ends before it starts; shown at its start")
        parsed.end = parsed.start
    exdates: list[datetime | date] = []
    for ex in _as_list(component.get("EXDATE"))[:MAX_INSTANCES]:
        for item in getattr(ex, "dts", []):
            value = getattr(item, "dt", None)
            if isinstance(value, datetime | date):
                exdates.append(value)
    parsed._exdates = tuple(exdates)
    return parsed


def _drop_large_attachments(component: Event, parsed: ParsedEvent) -> None:
    """Inline ATTACH values above `MAX_ATTACH` bytes are not kept (C7); links stay."""
    values = _as_list(component.get("ATTACH"))
    kept = [v for v in values if len(str(v)) <= MAX_ATTACH]
    if len(kept) == len(values):
        return
    component.pop("ATTACH")
    for value in kept:
        component.add("ATTACH", value)
    parsed.warnings.append(f"{len(values) - len(kept)} inline attachment(s) larger than "
                           f"{MAX_ATTACH // 1024} KB not kept")


def _until_before(until: object, start: datetime | date) -> bool:
    """Whether a rule's UNTIL lies before DTSTART (compared as wall times when one is
    floating)."""
    values = until if isinstance(until, list) else [until]
    if not values or values[0] is None:
        return False
    limit = values[0]
    if not isinstance(limit, date):
        return False

    def moment(value: date) -> datetime:
        return value if isinstance(value, datetime) else datetime(
            value.year, value.month, value.day)

    a, b = moment(limit), moment(start)
    if a.tzinfo is None or b.tzinfo is None:
        a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a < b


def _bounds(start: datetime | date, end: datetime | date) -> tuple[datetime, datetime]:
    """UTC bounds; an all-day event is kept on its own dates (midnight UTC of those dates)."""
    if isinstance(start, datetime) and isinstance(end, datetime):
        return _utc(start), _utc(end)
    assert not isinstance(start, datetime) and not isinstance(end, datetime)
    return (datetime(start.year, start.month, start.day, tzinfo=UTC),
            datetime(end.year, end.month, end.day, tzinfo=UTC))


def parse_calendar(data: bytes) -> ParsedCalendar:
    """Every VEVENT of `data`, bounded; raises `CalendarError` for unreadable data."""
    if len(data) > MAX_BYTES:
        raise CalendarError(f"the calendar is larger than {MAX_BYTES // (1024 * 1024)} MB")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].upper()
    if head.startswith(b"BEGIN:VEVENT"):  # a bare event, as some programs export one
        data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + data.strip() + b"\r\nEND:VCALENDAR\r\n"
    elif b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarError("this is not calendar data (no BEGIN:VCALENDAR)")
    try:
        with py_warnings.catch_warnings():  # icalendar warns when it strips a prefix (C2)
            py_warnings.simplefilter("ignore")
            cal = Calendar.from_ical(data)
            components = list(cal.walk("VEVENT"))
    except RecursionError as exc:
        raise CalendarError("the calendar data is nested too deeply") from exc
    except Exception as exc:  # icalendar raises many kinds for broken input
        raise CalendarError(f"could not read calendar data ({_clean(exc, 160)})") from exc
    method = _clean(cal.get("METHOD", ""), 20).upper() if isinstance(cal, Calendar) else ""
    warnings: list[str] = []
    if len(components) > MAX_EVENTS:
        warnings.append(f"only the first {MAX_EVENTS} of {len(components)} events are read")
        components = components[:MAX_EVENTS]
    zones: dict[str, bytes] = {}
    for tz in list(cal.walk("VTIMEZONE"))[:200]:
        try:
            zones[str(tz.get("TZID", ""))] = bytes(tz.to_ical())
        except Exception:  # noqa: BLE001 - an unreadable VTIMEZONE is just not carried along
            continue
    events = []
    for component in components:
        try:
            parsed = _event(component)  # type: ignore[arg-type]  # walk('VEVENT')
        except Exception as exc:  # noqa: BLE001 - one broken event never hides the others
            warnings.append(f"an event could not be read ({_clean(exc, 160)})")
            continue
        parsed.timezones = b"".join(
            text for tzid, text in zones.items()
            if tzid and f"TZID={tzid}".encode() in parsed.ical
            or f'TZID="{tzid}"'.encode() in parsed.ical)
        events.append(parsed)
    return ParsedCalendar(method, events, warnings)


def expand(event: ParsedEvent, start: datetime, end: datetime,
           limit: int = MAX_INSTANCES) -> Iterator[tuple[datetime, datetime]]:
    """UTC (start, end) of the instances that overlap [start, end); a non-recurring event
    yields itself. At most `limit` instances, and at most `MAX_STEPS` rule steps."""
    if event.start is None or event.end is None:
        return
    length = event.end - event.start
    if not event.rrule or event._dtstart is None:
        if event.start < end and event.end > start:
            yield event.start, event.end
        return
    first = event._dtstart
    if not isinstance(first, datetime):
        first = datetime(first.year, first.month, first.day, tzinfo=UTC)
    try:
        rule = rrulestr(event.rrule, dtstart=first, forceset=True)
    except (ValueError, TypeError, OverflowError):
        if event.start < end and event.end > start:
            yield event.start, event.end
        return
    excluded = set()
    for ex in event._exdates:
        moment = ex if isinstance(ex, datetime) else datetime(ex.year, ex.month, ex.day,
                                                               tzinfo=UTC)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=first.tzinfo)
        excluded.add(_utc(moment))
    produced = 0
    # DTSTART is always the first instance (RFC 5545 3.8.5.3), even when the rule skips it
    if event.start not in excluded and event.start < end and event.end > start:
        produced += 1
        yield event.start, event.end
    try:
        for steps, moment in enumerate(rule):
            if steps >= MAX_STEPS or produced >= limit:
                return
            when = _utc(moment if moment.tzinfo else moment.replace(tzinfo=first.tzinfo))
            if when >= end:
                return
            if when == event.start or when in excluded or when + length <= start:
                continue
            produced += 1
            yield when, when + length
    except (ValueError, OverflowError, TypeError):
        return


def zone_of(name: str | None) -> tzinfo | None:
    """A tzinfo for an IANA name stored with an event, else None."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):
        return None
