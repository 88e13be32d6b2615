"""Sending invitations, updates, cancellations and answers through the outbox.

`send_invitation(store, account_id, meeting, method, language)` writes the iCalendar
(`ical_out`), queues the mail with `outgoing.pipeline.queue_message` (company signature
enforced, the iCalendar part checked by its calendar step) and then saves the entry in the
rep's calendar (organizer: PARTSTAT ACCEPTED), so a mail refused before queueing changes
nothing. `meeting_of(row)` rebuilds the `Meeting` of a stored entry
the rep organizes, for `meet update` / `meet cancel` (SEQUENCE raised by the caller:
`next_sequence`); `occurrence_of(store, series, original)` is one occurrence's exception
(RECURRENCE-ID), sent and saved as its own row.
`send_reply(store, account_id, invitation, answer, comment)` answers a received invitation
with one ATTENDEE and records the rep's PARTSTAT. Caller's thread (a Store); raises
`InviteError` / `ComposeError` in words; no network (the caller flushes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar

from client.calendar.calendar_store import CalendarStore, EventRow
from client.calendar.receive import Invitation, apply_invitation
from client.compose.drafts import DraftFields
from client.meetings import ical_out
from client.meetings.contact_zones import resolve_zone
from client.meetings.ical_in import expand, parse_calendar
from client.meetings.ical_out import InviteError, Meeting, Person
from client.meetings.invite_mail import invitation_fields, reply_fields
from client.outgoing.calendar_step import with_calendar
from client.outgoing.message import QueuedMessage
from client.outgoing.pipeline import queue_message
from client.store.db import Store

_ONE_ADDRESS = re.compile(r"^[^@\s,;<>\"()]+@[^@\s,;<>\"()]+$")


@dataclass(frozen=True)
class SentInvitation:
    uid: str
    sequence: int
    method: str
    queued: QueuedMessage


def _queue(store: Store, account_id: int, fields: DraftFields) -> QueuedMessage:
    """Through the outgoing pipeline, the iCalendar part added (and checked) by its calendar
    step."""
    assert fields.calendar is not None  # invite_mail always writes one
    return queue_message(store, account_id, replace(fields, calendar=None),
                         calendar=with_calendar(fields.calendar))


def attendee_zones(store: Store, meeting: Meeting) -> dict[str, str]:
    """Each attendee's zone as `meet plan` knows it (remembered, guessed); unknown ones left
    out."""
    zones: dict[str, str] = {}
    for person in meeting.attendees:
        try:
            choice = resolve_zone(store, person.email)
        except ValueError:
            continue
        if choice is not None:
            zones[person.email.lower()] = choice.zone
    return zones


def send_invitation(store: Store, account_id: int, meeting: Meeting, method: str = "REQUEST",
                    language: str = "en", sender_name: str = "",
                    save: bool = True) -> SentInvitation:
    """Queue a REQUEST or CANCEL for `meeting` and (unless `save=False`: a CANCEL only for
    attendees taken off the meeting) update the rep's calendar entry."""
    meeting = Meeting(**{**meeting.__dict__, "dtstamp": meeting.dtstamp or datetime.now(UTC)})
    ical = ical_out.request(meeting) if method == "REQUEST" else ical_out.cancel(meeting)
    fields = invitation_fields(meeting, method, ical, sender_name,
                               attendee_zones(store, meeting), language)
    queued = _queue(store, account_id, fields)
    if save:
        event = parse_calendar(ical).events[0]
        CalendarStore(store).save(event, partstat="ACCEPTED", message_id=queued.message_id)
    return SentInvitation(meeting.uid, meeting.sequence, method, queued)


def meeting_of(row: EventRow) -> Meeting:
    """The Meeting of a stored entry; raises `InviteError` when it cannot be rebuilt."""
    if not row.zone or "/" not in row.zone and row.zone != "UTC":
        raise InviteError("the entry has no time zone Tradewind can write")
    cal = Calendar.from_ical(row.ical)
    events = [e for e in cal.walk("VEVENT") if str(e.get("UID", "")) == row.uid]
    if not events:
        raise InviteError("the stored entry has no event")
    event = events[0]
    attendees = event.get("ATTENDEE")
    people = tuple(
        Person(str(a).removeprefix("mailto:").removeprefix("MAILTO:"),
               str(getattr(a, "params", {}).get("CN", "")))
        for a in (attendees if isinstance(attendees, list) else [attendees]) if a is not None)
    organizer = event.get("ORGANIZER")
    exdates: list[datetime] = []
    for ex in (event.get("EXDATE") if isinstance(event.get("EXDATE"), list)
               else [event.get("EXDATE")]):
        for item in getattr(ex, "dts", []):
            if isinstance(item.dt, datetime):
                exdates.append(item.dt)
    return Meeting(
        uid=row.uid, summary=row.summary, start=row.start, zone=row.zone,
        duration=row.end - row.start if row.end > row.start else timedelta(minutes=30),
        organizer=Person(row.organizer, str(getattr(organizer, "params", {}).get("CN", ""))),
        attendees=people, sequence=row.sequence, location=row.location,
        link=str(event.get("URL", "")) or row.link, rrule=row.rrule,
        description=_description(event, str(event.get("URL", ""))), exdates=tuple(exdates))


def next_sequence(store: Store, uid: str) -> int:
    """One above the highest SEQUENCE of the series and its changed occurrences."""
    return max((r.sequence for r in CalendarStore(store).rows_of(uid)), default=-1) + 1


def occurrence_of(store: Store, series: EventRow, original: datetime) -> Meeting:
    """The exception for the one occurrence of `series` that originally starts at `original`
    (aware): its current state (an earlier change of it kept), `recurrence_id` set, no RRULE,
    SEQUENCE raised. Raises `InviteError` when the meeting does not repeat or has no
    occurrence then."""
    if not series.rrule or series.recurrence_id:
        raise InviteError("this meeting does not repeat: change it without --occurrence")
    master = next((e for e in parse_calendar(series.ical).events if not e.recurrence_id), None)
    utc = original.astimezone(UTC)
    if master is None or not any(begin == utc for begin, _ in
                                 expand(master, utc, utc + timedelta(seconds=1))):
        raise InviteError(f"the meeting has no occurrence starting at "
                          f"{original:%Y-%m-%d %H:%M} ({series.zone})")
    changed = CalendarStore(store).get(series.uid, utc.strftime("%Y%m%dT%H%M%SZ"))
    base = meeting_of(changed) if changed else replace(meeting_of(series), start=original)
    return replace(base, rrule="", exdates=(), recurrence_id=original,
                   sequence=next_sequence(store, series.uid))


def _description(event: Any, link: str) -> str:
    """The DESCRIPTION without the link `_event` appended to it."""
    text = str(event.get("DESCRIPTION", ""))
    if link and text.endswith(link):
        text = text[: -len(link)].rstrip()
    return text


def send_reply(store: Store, account_id: int, invitation: Invitation, answer: str,
               comment: str = "", sender_name: str = "") -> QueuedMessage:
    """Queue the rep's REPLY; the entry is saved (when the organizer's invitation may be
    applied) and carries the rep's PARTSTAT."""
    if not invitation.own_address or invitation.own_address == invitation.event.organizer:
        raise InviteError("you are not among this invitation's attendees")
    if invitation.method not in ("REQUEST", "PUBLISH") or not invitation.event.organizer:
        raise InviteError("only an invitation (a REQUEST with an organizer) can be answered")
    if not _ONE_ADDRESS.match(invitation.event.organizer):
        raise InviteError("the invitation's organizer is not one e-mail address; no answer "
                          "was sent")
    partstat = ical_out.PARTSTATS.get(answer.lower())
    if partstat is None:
        raise InviteError("the answer must be accept, tentative or decline")
    calendar_bytes = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + invitation.event.timezones
                      + invitation.event.ical + b"END:VCALENDAR\r\n")
    ical = ical_out.reply(calendar_bytes, invitation.own_address, partstat, comment)
    fields = reply_fields(invitation.own_address, invitation.event.organizer,
                          invitation.event.summary, partstat, ical, comment, sender_name)
    queued = _queue(store, account_id, fields)
    apply_invitation(store, invitation)
    calendar = CalendarStore(store)
    if calendar.get(invitation.event.uid, invitation.event.recurrence_id) is not None:
        calendar.set_partstat(invitation.event.uid, partstat)
    return queued
