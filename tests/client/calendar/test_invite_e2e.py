"""Invite → reply → organizer update → cancel, through the real submission server and Dovecot.

Two profiles (organizer and attendee), each with its own Dovecot user; every message goes
through the outbox, the aiosmtpd submission server and LMTP into Dovecot, and is read back
by the real sync. Also checks the MIME layout of the invitation as received.
"""

from __future__ import annotations

import email
import secrets
from dataclasses import replace
from datetime import datetime, timedelta
from email import policy as email_policy
from zoneinfo import ZoneInfo

from client.calendar.calendar_store import CalendarStore
from client.calendar.outgoing import meeting_of, send_invitation, send_reply
from client.calendar.receive import apply_invitation, attendee_answers, read_invitation
from client.meetings.ical_out import Meeting, Person
from tests.client.calendar.sides import Side
from tests.servers.dovecot import DovecotServer, MailUser

BERLIN = ZoneInfo("Europe/Berlin")


def _received_raw(dovecot: DovecotServer, user: MailUser, message_id: str) -> bytes:
    with dovecot.imap_admin(user) as imap:
        imap.select("INBOX")
        _, data = imap.uid("SEARCH", "HEADER", "Message-ID", message_id)
        [uid] = data[0].split()
        _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    return bytes(fetched[0][1])


def test_invite_reply_update_cancel_round_trip(sides: tuple[Side, Side],
                                               dovecot: DovecotServer) -> None:
    org, att = sides
    meeting = Meeting(
        uid=f"{secrets.token_hex(6)}@example.com", summary="Container prices",
        start=datetime(2026, 3, 24, 15, tzinfo=BERLIN), zone="Europe/Berlin",
        duration=timedelta(minutes=45), organizer=Person(org.user.email),
        attendees=(Person(att.user.email),), link="https://meet.google.com/abc-defg-hij")

    # 1. the invitation, as received: the MIME layout with METHOD in both places
    sent = send_invitation(org.store, org.account.id, meeting)
    org.flush()
    raw = _received_raw(dovecot, att.user, sent.queued.message_id)
    msg = email.message_from_bytes(raw, policy=email_policy.default)
    assert msg.get_content_type() == "multipart/mixed"
    alternative, attachment = list(msg.iter_parts())
    assert [p.get_content_type() for p in alternative.iter_parts()] == \
        ["text/plain", "text/html", "text/calendar"]
    calendar_part = list(alternative.iter_parts())[2]
    assert calendar_part.get_param("method") == "REQUEST"
    assert "METHOD:REQUEST" in calendar_part.get_content()
    assert attachment.get_filename() == "invite.ics"
    assert b"METHOD:REQUEST" in attachment.get_content()

    # 2. the attendee reads it (times in the rep's and the organizer's zone), accepts
    row = att.receive(sent.queued.message_id)
    invitation = read_invitation(att.store, row, "Asia/Shanghai")
    assert invitation.verdict.apply and invitation.method == "REQUEST"
    assert invitation.rep_time is not None and invitation.rep_time[0].hour == 22
    assert invitation.organizer_time is not None and invitation.organizer_time[0].hour == 15
    assert invitation.event.link == "https://meet.google.com/abc-defg-hij"
    answer = send_reply(att.store, att.account.id, invitation, "accept", "See you")
    att.flush()
    entry = CalendarStore(att.store).get(meeting.uid)
    assert entry is not None and entry.partstat == "ACCEPTED" and entry.sequence == 0

    # 3. the organizer gets the REPLY: one ATTENDEE, applied to the organizer's entry
    reply_row = org.receive(answer.message_id)
    reply = read_invitation(org.store, reply_row, "Europe/Berlin")
    assert reply.method == "REPLY" and reply.verdict.apply, reply.verdict
    assert apply_invitation(org.store, reply)
    stored = CalendarStore(org.store).get(meeting.uid)
    assert stored is not None
    assert attendee_answers(stored) == {att.user.email: "ACCEPTED"}

    # 4. the organizer moves the meeting: SEQUENCE 1, applied, the answer kept
    moved = replace(meeting_of(stored), sequence=1,
                    start=datetime(2026, 3, 25, 9, tzinfo=BERLIN))
    update = send_invitation(org.store, org.account.id, moved)
    org.flush()
    update_row = att.receive(update.queued.message_id)
    changed = read_invitation(att.store, update_row, "Asia/Shanghai")
    assert changed.verdict.apply, changed.verdict
    assert apply_invitation(att.store, changed)
    entry = CalendarStore(att.store).get(meeting.uid)
    assert entry is not None and entry.sequence == 1 and entry.partstat == "ACCEPTED"
    assert entry.start == datetime(2026, 3, 25, 9, tzinfo=BERLIN)

    # 5. the old invitation again (SEQUENCE 0) changes nothing
    again = read_invitation(att.store, row, "Asia/Shanghai")
    assert not again.verdict.apply and not apply_invitation(att.store, again)

    # 6. the organizer cancels: applied from the organizer
    cancelled = send_invitation(org.store, org.account.id, replace(moved, sequence=2),
                                method="CANCEL")
    org.flush()
    cancel_row = att.receive(cancelled.queued.message_id)
    cancel = read_invitation(att.store, cancel_row, "Asia/Shanghai")
    assert cancel.method == "CANCEL" and cancel.verdict.apply
    assert apply_invitation(att.store, cancel)
    entry = CalendarStore(att.store).get(meeting.uid)
    assert entry is not None and entry.status == "CANCELLED"


def test_a_cancel_from_someone_else_changes_nothing(sides: tuple[Side, Side]) -> None:
    org, att = sides
    # the attendee organises nothing; a third party (here: the organizer's mailbox acting
    # for a meeting the attendee stored from someone else) must not cancel it
    foreign = Meeting(
        uid=f"{secrets.token_hex(6)}@example.com", summary="Trade fair", zone="Europe/Berlin",
        start=datetime(2026, 4, 2, 10, tzinfo=BERLIN), duration=timedelta(hours=1),
        organizer=Person("boss@example.cn"), attendees=(Person(att.user.email),))
    from client.meetings import ical_out
    from client.meetings.ical_in import parse_calendar

    CalendarStore(att.store).save(parse_calendar(ical_out.request(foreign)).events[0],
                                  partstat="ACCEPTED")
    spoof = replace(foreign, organizer=Person(org.user.email), sequence=5)
    sent = send_invitation(org.store, org.account.id, spoof, method="CANCEL")
    org.flush()
    row = att.receive(sent.queued.message_id)
    verdict = read_invitation(att.store, row, "Europe/Berlin")
    assert not verdict.verdict.apply
    assert not apply_invitation(att.store, verdict)
    entry = CalendarStore(att.store).get(foreign.uid)
    assert entry is not None and entry.status != "CANCELLED"


def test_one_occurrence_moved_and_cancelled_reaches_only_that_instance(
        sides: tuple[Side, Side]) -> None:
    from client.calendar.outgoing import occurrence_of

    org, att = sides
    series = Meeting(
        uid=f"{secrets.token_hex(6)}@example.com", summary="Weekly buyers call",
        start=datetime(2026, 3, 17, 10, tzinfo=BERLIN), zone="Europe/Berlin",
        duration=timedelta(minutes=30), organizer=Person(org.user.email),
        attendees=(Person(att.user.email),), rrule="FREQ=WEEKLY;COUNT=4")
    sent = send_invitation(org.store, org.account.id, series)
    org.flush()
    first = read_invitation(att.store, att.receive(sent.queued.message_id), "Asia/Shanghai")
    send_reply(att.store, att.account.id, first, "accept")

    # the organizer moves the 24 March occurrence (across the EU clock change) to 11:00
    stored = CalendarStore(org.store).get(series.uid)
    assert stored is not None
    moved = replace(occurrence_of(org.store, stored, datetime(2026, 3, 24, 10, tzinfo=BERLIN)),
                    start=datetime(2026, 3, 24, 11, tzinfo=BERLIN))
    assert moved.sequence == 1 and not moved.rrule
    update = send_invitation(org.store, org.account.id, moved)
    org.flush()
    change = read_invitation(att.store, att.receive(update.queued.message_id), "Asia/Shanghai")
    assert change.event.recurrence_id == "20260324T090000Z"
    assert change.verdict.apply, change.verdict
    assert apply_invitation(att.store, change)

    # a cancel of the 31 March occurrence, then one sent by someone else for 7 April
    stored = CalendarStore(org.store).get(series.uid)
    assert stored is not None
    gone = occurrence_of(org.store, stored, datetime(2026, 3, 31, 10, tzinfo=BERLIN))
    assert gone.sequence == 2
    cancelled = send_invitation(org.store, org.account.id, gone, method="CANCEL")
    org.flush()
    cancel = read_invitation(att.store, att.receive(cancelled.queued.message_id),
                             "Asia/Shanghai")
    assert cancel.verdict.apply, cancel.verdict
    assert apply_invitation(att.store, cancel)
    spoof = replace(gone, organizer=Person(att.user.email), attendees=(Person(att.user.email),),
                    recurrence_id=datetime(2026, 4, 7, 10, tzinfo=BERLIN), sequence=9)
    spoofed = send_invitation(att.store, att.account.id, spoof, method="CANCEL", save=False)
    att.flush()
    forged = read_invitation(att.store, att.receive(spoofed.queued.message_id), "Asia/Shanghai")
    assert not apply_invitation(att.store, forged)

    calendar = CalendarStore(att.store)
    master = calendar.get(series.uid)
    assert master is not None and master.status != "CANCELLED" and master.partstat == "ACCEPTED"
    instances = [(begin.astimezone(BERLIN).strftime("%m-%d %H:%M"), row.status)
                 for row, begin, _ in calendar.between(datetime(2026, 3, 1, tzinfo=BERLIN),
                                                       datetime(2026, 5, 1, tzinfo=BERLIN))
                 if row.uid == series.uid]
    assert instances == [("03-17 10:00", "CONFIRMED"), ("03-24 11:00", "CONFIRMED"),
                         ("03-31 10:00", "CANCELLED"), ("04-07 10:00", "CONFIRMED")], instances
    override = calendar.get(series.uid, "20260324T090000Z")
    assert override is not None and override.sequence == 1 and override.partstat == "ACCEPTED"
