"""Calendar entries in the cache: save, list with bounded recurrence, import/export, queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from client.calendar.calendar_store import CalendarStore
from client.meetings import ical_out
from client.meetings.ical_in import CalendarError, calendar_of_message, parse_calendar
from client.meetings.ical_out import Meeting, Person
from client.store import local_tables
from client.store.db import Store
from client.store.recovery import quarantine_and_rebuild
from tests.client.meetings.ics_data import local, shared_ics

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "tradewind.db")
    yield s  # type: ignore[misc]
    s.close()


def _invite(uid: str = "w@example.com", rrule: str = "", exdates: tuple[datetime, ...] = ()
            ) -> bytes:
    return ical_out.request(Meeting(
        uid=uid, summary="Weekly", start=datetime(2026, 3, 24, 15, tzinfo=BERLIN),
        zone="Europe/Berlin", duration=timedelta(hours=1),
        organizer=Person("boss@example.cn"), attendees=(Person("me@example.com"),),
        rrule=rrule, exdates=exdates))


def test_save_and_list_recurring_with_an_exception(store: Store) -> None:
    cal = CalendarStore(store)
    skipped = datetime(2026, 3, 31, 15, tzinfo=BERLIN)
    event = parse_calendar(_invite(rrule="FREQ=WEEKLY;COUNT=3", exdates=(skipped,))).events[0]
    cal.save(event, partstat="NEEDS-ACTION", message_id="m1@x")
    listed = cal.between(datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC))
    assert [start.astimezone(BERLIN).day for _, start, _ in listed] == [24, 7]
    row = listed[0][0]
    assert row.message_id == "m1@x" and row.partstat == "NEEDS-ACTION" and row.zone == "Europe/Berlin"
    assert [kind for _, _, kind in cal.pending()] == ["put"]


def test_save_is_idempotent_per_uid(store: Store) -> None:
    cal = CalendarStore(store)
    event = parse_calendar(_invite()).events[0]
    cal.save(event)
    cal.save(event)
    assert len(cal.all()) == 1


def test_import_keeps_usable_events_and_names_the_others(store: Store) -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:ok\r\n"
            b"DTSTART;TZID=China Standard Time:20260310T090000\r\nSUMMARY:fine\r\nEND:VEVENT\r\n"
            b"BEGIN:VEVENT\r\nUID:bad\r\nSUMMARY:no start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = CalendarStore(store).import_ics(data)
    assert result.saved == 1
    assert len(result.refused) == 1 and "no start" in result.refused[0]
    assert CalendarStore(store).get("ok").zone == "Asia/Shanghai"  # type: ignore[union-attr]


def test_unreadable_file_changes_nothing(store: Store) -> None:
    with pytest.raises(CalendarError):
        CalendarStore(store).import_ics(b"garbage")
    assert CalendarStore(store).all() == []


def test_export_then_import_gives_the_same_times(store: Store, tmp_path: Path) -> None:
    cal = CalendarStore(store)
    cal.import_ics(local("recurring-ical-events_issue_27_t1.ics"))
    cal.import_ics(_invite(uid="second@example.com"))
    exported = cal.export_ics()
    other = Store.open(tmp_path / "other.db")
    try:
        again = CalendarStore(other)
        again.import_ics(exported)
        assert [(r.uid, r.start, r.end, r.zone, r.rrule) for r in again.all()] == \
            [(r.uid, r.start, r.end, r.zone, r.rrule) for r in cal.all()]
    finally:
        other.close()
    assert exported.count(b"BEGIN:VTIMEZONE") == len(set(exported.split(b"TZID:")[1:]))


def test_calendar_entries_and_queued_changes_survive_a_cache_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "rebuilt.db"
    with Store.open(path) as s:
        CalendarStore(s).save(parse_calendar(_invite()).events[0], partstat="ACCEPTED")
    assert "calendar_events" in [t.name for t in local_tables.LOCAL_TABLES]
    quarantine_and_rebuild(path)
    with Store.open(path) as s:
        cal = CalendarStore(s)
        row = cal.get("w@example.com")
        assert row is not None and row.partstat == "ACCEPTED"
        assert [kind for _, _, kind in cal.pending()] == ["put"]


@pytest.mark.parametrize(("name", "count"), [
    ("khal_event_dt_recuid_no_master.ics", 1),
    ("khal_event_dt_multi_recuid_no_master.ics", 2),
    ("khal_event_dt_rrule_until_before_start.ics", 1),
])
def test_overrides_without_master_and_odd_rules_are_listed_not_dropped(
        store: Store, name: str, count: int) -> None:
    cal = CalendarStore(store)
    result = cal.import_ics(local(name))
    assert result.saved == count
    listed = cal.between(datetime(1970, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC))
    assert len(listed) == count


def test_the_whole_shared_corpus_lists_exports_and_imports_again(store: Store,
                                                                  tmp_path: Path) -> None:
    root = shared_ics()
    if root is None:
        pytest.skip("the shared corpus is not beside this checkout")
    cal = CalendarStore(store)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".eml":
            data = calendar_of_message(data) or b""
        try:
            cal.import_ics(data)
        except CalendarError:
            continue
    rows = cal.all()
    assert len(rows) > 1000
    assert cal.between(datetime(1900, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    with Store.open(tmp_path / "again.db") as other:
        result = CalendarStore(other).import_ics(cal.export_ics())
        assert (result.saved, result.refused) == (len(rows), [])
