"""iCalendar documents Tradewind sends: METHOD:REQUEST, CANCEL and REPLY (RFC 5546).

`Meeting` describes one event as the organizer sees it. `request(meeting)` and
`cancel(meeting)` return the calendar bytes with one VTIMEZONE (RRULE-style, see
`vtimezone`), `UID`, `SEQUENCE`, `DTSTAMP`, `ORGANIZER`, one `ATTENDEE;RSVP=TRUE;
PARTSTAT=NEEDS-ACTION` per attendee, LOCATION and/or an online-meeting link (URL plus
`X-MICROSOFT-SKYPETEAMSMEETINGURL`-free plain `URL`), an optional RRULE with EXDATE exceptions;
with `recurrence_id` the document is the exception for that one occurrence only
(RECURRENCE-ID in the meeting's zone, no RRULE).
`reply(event_ical, attendee, partstat, comment)` answers a received invitation: the same UID,
SEQUENCE and RECURRENCE-ID, exactly one ATTENDEE. `check_rrule(text)` validates a rule typed by
the rep. Raises `InviteError` in words. Pure, any thread.
"""

from __future__ import annotations

import re
import uuid
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event, vCalAddress, vRecur

from client.meetings.vtimezone import vtimezone

PRODID = "-//Tradewind//Tradewind Meetings//EN"
PARTSTATS = {"accept": "ACCEPTED", "tentative": "TENTATIVE", "decline": "DECLINED"}
_ALLOWED_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_COUNT = 520
_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+$")


class InviteError(ValueError):
    """An invitation that cannot be written; the message says why in words."""


@dataclass(frozen=True)
class Person:
    email: str
    name: str = ""


@dataclass(frozen=True)
class Meeting:
    """One meeting as the organizer sends it. `start` is aware (any zone); `zone` is the IANA
    zone its DTSTART is written in."""

    uid: str
    summary: str
    start: datetime
    zone: str
    duration: timedelta
    organizer: Person
    attendees: tuple[Person, ...]
    sequence: int = 0
    location: str = ""
    link: str = ""
    description: str = ""
    rrule: str = ""
    exdates: tuple[datetime, ...] = ()
    dtstamp: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: the original start of the one occurrence this document changes (an exception:
    #: RECURRENCE-ID, no RRULE/EXDATE); None for the whole meeting
    recurrence_id: datetime | None = None


def new_uid(domain: str) -> str:
    """A globally unique UID under the organizer's mail domain."""
    return f"{uuid.uuid4()}@{domain or 'tradewind.invalid'}"


def check_rrule(text: str) -> vRecur:
    """A recurrence rule the rep may send: DAILY..YEARLY, COUNT at most 520 when given."""
    value = text.strip().removeprefix("RRULE:")
    try:
        rule = vRecur.from_ical(value)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise InviteError(f"the recurrence rule {value[:80]!r} cannot be read") from exc
    freq = [str(f).upper() for f in rule.get("FREQ", [])]
    if len(freq) != 1 or freq[0] not in _ALLOWED_FREQ:
        raise InviteError("a recurrence must repeat DAILY, WEEKLY, MONTHLY or YEARLY")
    count = rule.get("COUNT")
    if count and not 1 <= int(count[0]) <= MAX_COUNT:
        raise InviteError(f"a recurrence may have at most {MAX_COUNT} meetings (COUNT)")
    return rule


def _address(person: Person, role: str) -> vCalAddress:
    if not _ADDRESS.match(person.email):
        raise InviteError(f"{role} {person.email[:80]!r} is not an e-mail address")
    value = vCalAddress(f"mailto:{person.email}")
    if person.name:
        value.params["CN"] = person.name
    return value


def _calendar(method: str) -> Calendar:
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", method)
    return cal


def _event(meeting: Meeting, *, cancelled: bool) -> Event:
    try:
        zone = zoneinfo.ZoneInfo(meeting.zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise InviteError(f"{meeting.zone[:60]!r} is not a time zone") from exc
    if meeting.start.tzinfo is None:
        raise InviteError("the start time needs a time zone")
    if meeting.duration <= timedelta(0):
        raise InviteError("a meeting must last longer than zero minutes")
    if not meeting.attendees:
        raise InviteError("an invitation needs at least one attendee")
    start = meeting.start.astimezone(zone)
    event = Event()
    event.add("UID", meeting.uid)
    event.add("SEQUENCE", meeting.sequence)
    event.add("DTSTAMP", (meeting.dtstamp or datetime.now(UTC)).astimezone(UTC))
    event.add("DTSTART", start)
    event.add("DTEND", start + meeting.duration)
    event.add("SUMMARY", meeting.summary)
    event.add("ORGANIZER", _address(meeting.organizer, "the organizer"))
    for person in meeting.attendees:
        attendee = _address(person, "the attendee")
        attendee.params["ROLE"] = "REQ-PARTICIPANT"
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE"
        event.add("ATTENDEE", attendee, encode=False)
    if meeting.location:
        event.add("LOCATION", meeting.location)
    if meeting.link:
        if not meeting.link.lower().startswith(("https://", "http://")):
            raise InviteError("the meeting link must be an http(s) address")
        event.add("URL", meeting.link)
        if not meeting.location:
            event.add("LOCATION", meeting.link)
    description = meeting.description
    if meeting.link and meeting.link not in description:
        description = (description + "\n\n" if description else "") + meeting.link
    if description:
        event.add("DESCRIPTION", description)
    if meeting.recurrence_id is not None:
        if meeting.recurrence_id.tzinfo is None:
            raise InviteError("the occurrence's original start needs a time zone")
        event.add("RECURRENCE-ID", meeting.recurrence_id.astimezone(zone))
    elif meeting.rrule:
        event.add("RRULE", check_rrule(meeting.rrule))
        for day in meeting.exdates:
            event.add("EXDATE", day.astimezone(zone))
    event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("TRANSP", "OPAQUE")
    return event


def request(meeting: Meeting) -> bytes:
    """METHOD:REQUEST for a new meeting or an update (the caller raises `sequence`)."""
    cal = _calendar("REQUEST")
    cal.add_component(vtimezone(meeting.zone, meeting.start.year))
    cal.add_component(_event(meeting, cancelled=False))
    return bytes(cal.to_ical())


def cancel(meeting: Meeting) -> bytes:
    """METHOD:CANCEL for the whole meeting (the caller raises `sequence`)."""
    cal = _calendar("CANCEL")
    cal.add_component(vtimezone(meeting.zone, meeting.start.year))
    cal.add_component(_event(meeting, cancelled=True))
    return bytes(cal.to_ical())


def reply(event_ical: bytes, attendee: str, partstat: str, comment: str = "",
          dtstamp: datetime | None = None, name: str = "") -> bytes:
    """METHOD:REPLY to the invitation whose calendar is `event_ical` (first VEVENT); raises
    `InviteError` when it cannot be read or `attendee` is not invited."""
    status = PARTSTATS.get(partstat.lower(), partstat.upper())
    if status not in PARTSTATS.values():
        raise InviteError("the answer must be accept, tentative or decline")
    try:
        source = Calendar.from_ical(event_ical)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise InviteError("the invitation's calendar data cannot be read") from exc
    events: Sequence[Any] = list(source.walk("VEVENT"))
    if not events:
        raise InviteError("the invitation has no event to answer")
    original = events[0]
    invited = {str(a).lower().removeprefix("mailto:") for a in _list(original.get("ATTENDEE"))}
    if attendee.lower() not in invited:
        raise InviteError(f"{attendee} is not among the invitation's attendees")
    cal = _calendar("REPLY")
    answer = Event()
    for key in ("UID", "SEQUENCE", "RECURRENCE-ID", "SUMMARY", "ORGANIZER"):
        if key in original:
            answer[key] = original[key]
    if "SEQUENCE" not in answer:
        answer.add("SEQUENCE", 0)
    answer.add("DTSTAMP", (dtstamp or datetime.now(UTC)).astimezone(UTC))
    person = _address(Person(attendee, name), "the attendee")
    person.params["PARTSTAT"] = status
    answer.add("ATTENDEE", person, encode=False)
    if comment:
        answer.add("COMMENT", comment)
    cal.add_component(answer)
    return bytes(cal.to_ical())


def _list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
