"""A received invitation against the rep's calendar: conflicts, zones, odd events (C3, C6)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from client.calendar.calendar_store import CalendarStore
from client.calendar.receive import ReceiveError, apply_invitation, read_invitation
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

REP = "rep@example.test"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "tw.db") as s:
        s.add_account(REP, imap_host="127.0.0.1", smtp_host="127.0.0.1")
        yield s


def _cache(store: Store, uid: int, sender: str, body: str, method: str = "REQUEST") -> int:
    ics = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\n{body}END:VCALENDAR\r\n"
    raw = (f"From: {sender}\r\nTo: {REP}\r\nSubject: x\r\nMessage-ID: <m{uid}@x>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
           f"{ics}").encode()
    account = store.list_accounts()[0]
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(
        uid=uid, raw=raw, internaldate=datetime(2026, 3, 1, tzinfo=UTC))], uid)
    row = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                             (f"m{uid}@x",)).fetchone()
    return int(row[0])


def _event(uid: str, start: str, end: str, organizer: str = "boss@firm.cn") -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260301T000000Z\r\n"
            f"DTSTART;TZID=W. Europe Standard Time:{start}\r\n"
            f"DTEND;TZID=W. Europe Standard Time:{end}\r\nSUMMARY:{uid}\r\n"
            f"ORGANIZER:mailto:{organizer}\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{REP}\r\n"
            "END:VEVENT\r\n")


def test_overlapping_entries_are_listed_as_conflicts(store: Store) -> None:
    first = _cache(store, 1, "boss@firm.cn", _event("a", "20260310T090000", "20260310T100000"))
    assert apply_invitation(store, read_invitation(store, first, "Asia/Shanghai"))
    second = _cache(store, 2, "boss@firm.cn", _event("b", "20260310T093000", "20260310T103000"))
    invitation = read_invitation(store, second, "Asia/Shanghai")
    assert [c.uid for c in invitation.conflicts] == ["a"]
    assert invitation.rep_time is not None and invitation.rep_time[0].hour == 16
    assert invitation.organizer_zone == "Europe/Berlin"
    assert invitation.organizer_time is not None and invitation.organizer_time[0].hour == 9
    apart = _cache(store, 3, "boss@firm.cn", _event("c", "20260310T100000", "20260310T110000"))
    assert read_invitation(store, apart, "Asia/Shanghai").conflicts == []


def test_a_declined_or_cancelled_entry_is_no_conflict(store: Store) -> None:
    first = _cache(store, 1, "boss@firm.cn", _event("a", "20260310T090000", "20260310T100000"))
    apply_invitation(store, read_invitation(store, first, "UTC"))
    CalendarStore(store).set_partstat("a", "DECLINED")
    second = _cache(store, 2, "boss@firm.cn", _event("b", "20260310T090000", "20260310T100000"))
    assert read_invitation(store, second, "UTC").conflicts == []


def test_end_before_start_is_shown_with_a_warning(store: Store) -> None:
    row = _cache(store, 1, "boss@firm.cn", _event("odd", "20260310T100000", "20260310T090000"))
    invitation = read_invitation(store, row, "UTC")
    assert any("ends before it starts" in w for w in invitation.warnings)
    assert apply_invitation(store, invitation)
    saved = CalendarStore(store).get("odd")
    assert saved is not None and saved.start == saved.end


def test_unknown_zone_is_not_applied_and_says_why(store: Store) -> None:
    body = ("BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=Atlantis/Capital:20260310T090000\r\n"
            f"ORGANIZER:mailto:boss@firm.cn\r\nATTENDEE:mailto:{REP}\r\nEND:VEVENT\r\n")
    row = _cache(store, 1, "boss@firm.cn", body)
    invitation = read_invitation(store, row, "UTC")
    assert not invitation.verdict.apply and "Atlantis/Capital" in invitation.verdict.reason
    assert not apply_invitation(store, invitation)
    assert CalendarStore(store).all() == []


def test_a_message_without_an_invitation(store: Store) -> None:
    account = store.list_accounts()[0]
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(
        uid=9, raw=b"From: a@b.c\r\nSubject: hi\r\nMessage-ID: <p@x>\r\n\r\nhello\r\n",
        internaldate=datetime(2026, 3, 1, tzinfo=UTC))], 9)
    row = int(store.conn.execute("SELECT id FROM messages").fetchone()[0])
    with pytest.raises(ReceiveError, match="no invitation"):
        read_invitation(store, row, "UTC")
    with pytest.raises(ReceiveError, match="no message"):
        read_invitation(store, 999, "UTC")


def test_an_invitation_that_does_not_name_the_rep_is_shown_not_applied(store: Store) -> None:
    body = _event("fwd", "20260310T090000", "20260310T100000").replace(
        f"mailto:{REP}", "mailto:someone@else.example")
    row = _cache(store, 1, "boss@firm.cn", body)
    invitation = read_invitation(store, row, "UTC")
    assert not invitation.verdict.apply and "not among" in invitation.verdict.reason
    assert not apply_invitation(store, invitation)


def _series(uid: str, extra: str = "", sequence: int = 0) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20260301T000000Z\r\n"
            "DTSTART;TZID=W. Europe Standard Time:20260310T090000\r\n"
            "DTEND;TZID=W. Europe Standard Time:20260310T100000\r\n"
            f"{extra}SUMMARY:{uid}\r\nORGANIZER:mailto:boss@firm.cn\r\n"
            f"ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{REP}\r\nEND:VEVENT\r\n")


def _override(uid: str, day: str, sequence: int, organizer: str = "boss@firm.cn") -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:20260305T000000Z\r\n"
            "RECURRENCE-ID;TZID=W. Europe Standard Time:20260317T090000\r\n"
            f"DTSTART;TZID=W. Europe Standard Time:{day}T140000\r\n"
            f"DTEND;TZID=W. Europe Standard Time:{day}T150000\r\nSUMMARY:{uid} moved\r\n"
            f"ORGANIZER:mailto:{organizer}\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:{REP}\r\n"
            "END:VEVENT\r\n")


def test_a_received_occurrence_change_applies_to_that_instance_only(store: Store) -> None:
    series = _cache(store, 1, "boss@firm.cn", _series("w", "RRULE:FREQ=WEEKLY;COUNT=3\r\n"))
    assert apply_invitation(store, read_invitation(store, series, "UTC"))
    CalendarStore(store).set_partstat("w", "ACCEPTED")
    # someone else's change of the 17 March occurrence is shown, not applied
    forged = _cache(store, 2, "mallory@evil.example",
                    _override("w", "20260318", 1, organizer="mallory@evil.example"))
    verdict = read_invitation(store, forged, "UTC")
    assert not verdict.verdict.apply and not apply_invitation(store, verdict)
    # the organizer's is: that occurrence moves, the others stay, the rep's answer carries
    moved = _cache(store, 3, "boss@firm.cn", _override("w", "20260318", 1))
    change = read_invitation(store, moved, "UTC")
    assert change.verdict.apply, change.verdict
    assert apply_invitation(store, change)
    calendar = CalendarStore(store)
    starts = [(b.isoformat(), r.recurrence_id) for r, b, _ in calendar.between(
        datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))]
    assert starts == [("2026-03-10T08:00:00+00:00", ""),
                      ("2026-03-18T13:00:00+00:00", "20260317T080000Z"),
                      ("2026-03-24T08:00:00+00:00", "")]
    override = calendar.get("w", "20260317T080000Z")
    assert override is not None and override.partstat == "ACCEPTED"
    # a CANCEL of that one occurrence cancels it, not the series
    gone = _cache(store, 4, "boss@firm.cn", _override("w", "20260318", 2), method="CANCEL")
    cancel = read_invitation(store, gone, "UTC")
    assert cancel.verdict.apply and apply_invitation(store, cancel)
    master = calendar.get("w")
    assert master is not None and master.status != "CANCELLED"
    override = calendar.get("w", "20260317T080000Z")
    assert override is not None and override.status == "CANCELLED"
