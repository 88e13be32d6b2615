"""After a sync, received invitations are applied as the iTIP rules allow (real servers).

The organizer's invitation goes through the outbox, the aiosmtpd submission server and LMTP
into Dovecot; the attendee's real sync caches it and `after_sync` applies it, reporting what
was applied and what was only shown.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from client.calendar.calendar_store import CalendarStore
from client.calendar.outgoing import send_invitation
from client.calendar.received import apply_received
from client.jobs.after_sync import after_sync
from client.meetings import ical_out
from client.meetings.ical_out import Meeting, Person
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.calendar.sides import Side

BERLIN = ZoneInfo("Europe/Berlin")


def _meeting(organizer: str, attendee: str) -> Meeting:
    return Meeting(
        uid=f"{secrets.token_hex(6)}@example.com", summary="Freight rates",
        start=datetime(2026, 5, 12, 10, tzinfo=BERLIN), zone="Europe/Berlin",
        duration=timedelta(minutes=30), organizer=Person(organizer),
        attendees=(Person(attendee),), link="https://meet.google.com/abc-defg-hij")


def test_sync_applies_an_invitation_and_its_update(sides: tuple[Side, Side]) -> None:
    org, att = sides
    meeting = _meeting(org.user.email, att.user.email)
    sent = send_invitation(org.store, org.account.id, meeting)
    org.flush()
    row = att.receive(sent.queued.message_id)

    done = after_sync(att.store, att.account, att.user.password)
    assert [(i.message_row, i.method, i.uid) for i in done.calendar.applied] == \
        [(row, "REQUEST", meeting.uid)]
    assert not done.calendar.shown
    entry = CalendarStore(att.store).get(meeting.uid)
    assert entry is not None and entry.sequence == 0 and entry.summary == "Freight rates"

    # nothing new: nothing applied again
    again = after_sync(att.store, att.account, att.user.password)
    assert not again.calendar.applied and not again.calendar.shown

    moved = replace(meeting, sequence=1, start=datetime(2026, 5, 13, 9, tzinfo=BERLIN))
    update = send_invitation(org.store, org.account.id, moved)
    org.flush()
    att.receive(update.queued.message_id)
    later = after_sync(att.store, att.account, att.user.password)
    assert [i.method for i in later.calendar.applied] == ["REQUEST"]
    entry = CalendarStore(att.store).get(meeting.uid)
    assert entry is not None and entry.sequence == 1
    assert entry.start == datetime(2026, 5, 13, 9, tzinfo=BERLIN)


def test_sync_shows_but_does_not_apply_a_cancel_from_someone_else(
        sides: tuple[Side, Side]) -> None:
    org, att = sides
    from client.meetings.ical_in import parse_calendar

    foreign = _meeting("boss@example.cn", att.user.email)
    CalendarStore(att.store).save(parse_calendar(ical_out.request(foreign)).events[0],
                                  partstat="ACCEPTED")
    spoof = replace(foreign, organizer=Person(org.user.email), sequence=5)
    sent = send_invitation(org.store, org.account.id, spoof, method="CANCEL")
    org.flush()
    row = att.receive(sent.queued.message_id)

    done = after_sync(att.store, att.account, att.user.password)
    assert not done.calendar.applied
    [shown] = done.calendar.shown
    assert (shown.message_row, shown.method) == (row, "CANCEL")
    assert "not by the organizer" in shown.reason
    entry = CalendarStore(att.store).get(foreign.uid)
    assert entry is not None and entry.status != "CANCELLED"


def _cached_invitation(store: Store, account_id: int, folder_id: int, uid: int, n: int,
                       kind: str = "text/calendar; method=REQUEST") -> None:
    meeting = _meeting("omar@example.cn", "rep@example.com")
    meeting = replace(meeting, uid=f"cached-{n}@example.cn", summary=f"Call {n}")
    raw = (f"From: omar@example.cn\r\nTo: rep@example.com\r\nSubject: Call {n}\r\n"
           f"Message-ID: <cached-{n}@example.cn>\r\nMIME-Version: 1.0\r\n"
           f"Content-Type: {kind}\r\n\r\n").encode() \
        + ical_out.request(meeting)
    store.insert_messages(folder_id, [IncomingMessage(uid=uid, raw=raw)], 1)


def test_a_message_that_reuses_the_marked_row_id_is_still_applied(tmp_path: Path) -> None:
    with Store.open(tmp_path / "tradewind.db") as store:
        account = store.add_account("rep@example.com")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        _cached_invitation(store, account.id, inbox.id, 1, 1)
        assert [i.summary for i in apply_received(store, account.id).applied] == ["Call 1"]
        # the newest row goes (expunged) and the next message gets its row id again
        store.conn.execute("DELETE FROM messages")
        _cached_invitation(store, account.id, inbox.id, 2, 2)
        assert [i.summary for i in apply_received(store, account.id).applied] == ["Call 2"]
        assert apply_received(store, account.id).applied == []
        assert CalendarStore(store).get("cached-2@example.cn") is not None


def test_an_invitation_sent_as_application_ics_is_applied(tmp_path: Path) -> None:
    with Store.open(tmp_path / "tradewind.db") as store:
        account = store.add_account("rep@example.com")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        _cached_invitation(store, account.id, inbox.id, 1, 3, kind="application/ics")
        assert [i.summary for i in apply_received(store, account.id).applied] == ["Call 3"]
