"""What a received invitation means for the rep, and applying it when the iTIP rules allow.

`read_invitation(store, message_row, rep_zone)` finds the calendar part of a cached message
and returns an `Invitation`: method, the event, its time in the rep's zone and the
organizer's, the join link, the rep's entries it overlaps, and the `itip.judge` verdict.
`apply_invitation(store, invitation)` changes the calendar only when the verdict allows it:
REQUEST saves the entry (the rep's PARTSTAT kept on an update), CANCEL marks it cancelled;
one carrying RECURRENCE-ID changes that occurrence only (its own row, judged against the
series the first time), REPLY records that attendee's answer in the stored entry; otherwise nothing changes and the
verdict's reason says why. The sender is the cached row's From address, which the store
derives from the header the sending server authenticated. Caller's thread (a Store);
raises `ReceiveError` in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from icalendar import Calendar

from client.calendar.calendar_store import CalendarStore, EventRow
from client.meetings.ical_in import (
    CalendarError,
    ParsedEvent,
    calendar_of_message,
    parse_calendar,
    resolve_tzid,
)
from client.meetings.itip import Incoming, Stored, Verdict, judge
from client.store.db import Store


class ReceiveError(ValueError):
    """A message that carries no usable invitation; the message says why."""


@dataclass
class Invitation:
    message_id: str
    sender: str
    method: str
    event: ParsedEvent
    own_address: str  # the rep's address among the attendees (or the organizer), "" if none
    verdict: Verdict
    rep_time: tuple[datetime, datetime] | None
    organizer_time: tuple[datetime, datetime] | None
    organizer_zone: str | None
    conflicts: list[EventRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def own_addresses(store: Store) -> frozenset[str]:
    rows = store.conn.execute("SELECT email FROM identities").fetchall()
    accounts = [a.email for a in store.list_accounts()]
    return frozenset(str(r[0]).lower() for r in rows) | {a.lower() for a in accounts}


def _stored(row: EventRow | None) -> Stored | None:
    return None if row is None else Stored(row.organizer, row.sequence, row.dtstamp)


def read_invitation(store: Store, message_row: int, rep_zone: str) -> Invitation:
    """The invitation in cached message `message_row`; raises `ReceiveError`."""
    row = store.get_message(message_row)
    if row is None:
        raise ReceiveError(f"there is no message {message_row} in the cache")
    try:
        raw = store.get_raw(message_row)
    except KeyError as exc:
        raise ReceiveError(f"message {message_row} has no cached body yet") from exc
    data = calendar_of_message(raw)
    if data is None:
        raise ReceiveError(f"message {message_row} carries no invitation")
    return invitation_from_data(store, data, sender=(row.from_email or "").lower(),
                                message_id=row.message_id or "", rep_zone=rep_zone,
                                where=f"message {message_row}'s calendar")


def invitation_from_data(store: Store, data: bytes, *, sender: str, message_id: str,
                         rep_zone: str, where: str = "the calendar") -> Invitation:
    """The invitation in the iCalendar bytes ``data`` received from ``sender`` (a message's
    From, or the organizer for a file the rep opened); raises ``ReceiveError``."""
    from zoneinfo import ZoneInfo

    try:
        parsed = parse_calendar(data)
    except CalendarError as exc:
        raise ReceiveError(f"could not read calendar data: {exc}") from exc
    if not parsed.events:
        raise ReceiveError(f"{where} has no event")
    event = next((e for e in parsed.events if not e.recurrence_id), parsed.events[0])
    mine = own_addresses(store)
    invited = [a.email for a in event.attendees]
    own = next((a for a in invited if a in mine), "")
    if not own and event.organizer in mine:
        own = event.organizer
    calendar = CalendarStore(store)
    stored = calendar.get(event.uid, event.recurrence_id)
    if stored is None and event.recurrence_id:  # a first change of one occurrence: judged
        stored = calendar.get(event.uid)  # against the series (its organizer, SEQUENCE)
    method = parsed.method or "PUBLISH"
    incoming = Incoming(event.uid, event.organizer, event.sequence, event.dtstamp,
                        tuple(invited))
    verdict = judge(method, incoming, sender, _stored(stored), mine)
    if verdict.apply and event.unusable and method == "REQUEST":
        verdict = Verdict(False, event.unusable)
    if verdict.apply and method == "REQUEST" and not own:
        verdict = Verdict(False, "you are not among the attendees (a forwarded invitation?)")
    organizer_zone = event.zone if event.zone and resolve_tzid(event.zone) else None
    rep_time = organizer_time = None
    conflicts: list[EventRow] = []
    if event.start is not None and event.end is not None:
        tz = ZoneInfo(rep_zone)
        rep_time = (event.start.astimezone(tz), event.end.astimezone(tz))
        if organizer_zone:
            otz = ZoneInfo(organizer_zone)
            organizer_time = (event.start.astimezone(otz), event.end.astimezone(otz))
        for other, _, _ in CalendarStore(store).between(event.start, event.end):
            if other.uid != event.uid and other.status != "CANCELLED" \
                    and other.partstat != "DECLINED" and other not in conflicts:
                conflicts.append(other)
    return Invitation(message_id, sender, method, event, own, verdict, rep_time,
                      organizer_time, organizer_zone, conflicts,
                      list(parsed.warnings) + list(event.warnings))


def apply_invitation(store: Store, invitation: Invitation) -> bool:
    """Change the calendar as the invitation says, when its verdict allows; True if applied."""
    if not invitation.verdict.apply:
        return False
    calendar = CalendarStore(store)
    event = invitation.event
    if invitation.method == "REQUEST":
        old = calendar.get(event.uid, event.recurrence_id) or (
            calendar.get(event.uid) if event.recurrence_id else None)
        own = next((a for a in event.attendees if a.email == invitation.own_address), None)
        partstat = old.partstat if old and old.partstat else (own.partstat if own else "")
        calendar.save(event, partstat=partstat, message_id=invitation.message_id or None)
        return True
    if invitation.method == "CANCEL":
        if event.recurrence_id:  # one occurrence: its own row, the series untouched
            if event.start is None or event.end is None:
                return False
            old = calendar.get(event.uid, event.recurrence_id) or calendar.get(event.uid)
            calendar.save(event, partstat=old.partstat if old else "", status="CANCELLED",
                          message_id=invitation.message_id or None)
            return True
        calendar.mark_cancelled(event.uid)
        return True
    if invitation.method == "REPLY":
        answer = event.attendees[0]
        stored = calendar.get(event.uid, event.recurrence_id)
        if stored is None:
            return False
        updated = _with_partstat(stored.ical, answer.email, answer.partstat)
        for item in parse_calendar(updated).events:
            if item.uid == stored.uid and item.recurrence_id == stored.recurrence_id:
                calendar.save(item, partstat=stored.partstat, status=stored.status)
                return True
    return False


def _with_partstat(ical: bytes, attendee: str, partstat: str) -> bytes:
    cal = Calendar.from_ical(ical)
    for event in cal.walk("VEVENT"):
        values = event.get("ATTENDEE")
        for value in values if isinstance(values, list) else [values]:
            if value is not None and str(value).lower().removeprefix("mailto:") == attendee:
                value.params["PARTSTAT"] = partstat
    return bytes(cal.to_ical())


def attendee_answers(row: EventRow) -> dict[str, str]:
    """{attendee address: PARTSTAT} as stored in the entry."""
    try:
        parsed = parse_calendar(row.ical).events
    except CalendarError:
        return {}
    for event in parsed:
        if event.uid == row.uid:
            return {a.email: a.partstat for a in event.attendees}
    return {}
