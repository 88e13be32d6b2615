"""Reading received calendars: Windows and vendor zone names, custom VTIMEZONEs, bounds (C1–C5)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from client.meetings.ical_in import (
    MAX_INSTANCES,
    CalendarError,
    calendar_of_message,
    expand,
    parse_calendar,
    resolve_tzid,
)
from tests.client.meetings.ics_data import local, shared_ics


def _cal(body: str, method: str = "REQUEST") -> bytes:
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\n{body}"
            "END:VCALENDAR\r\n").encode()


@pytest.mark.parametrize(("tzid", "zone"), [
    ("China Standard Time", "Asia/Shanghai"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Eastern Standard Time", "America/New_York"),
    ("/mozilla.org/20070129_1/America/New_York", "America/New_York"),
    ("/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires",
     "America/Argentina/Buenos_Aires"),
    ("US/Pacific", "US/Pacific"),
])
def test_tzids_resolve_to_iana_zones(tzid: str, zone: str) -> None:
    assert resolve_tzid(tzid) == zone


@pytest.mark.parametrize("tzid", ["CST", "IST", "/mozilla.org/Foo/Bar", "Customized Time Zone"])
def test_abbreviations_and_unknown_names_are_not_trusted(tzid: str) -> None:
    assert resolve_tzid(tzid) is None


def test_china_standard_time_is_shanghai_not_us_central() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=China Standard Time:20260310T090000\r\n"
                "DTEND;TZID=China Standard Time:20260310T100000\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert event.zone == "Asia/Shanghai"
    assert event.start == datetime(2026, 3, 10, 1, 0, tzinfo=UTC)


def test_windows_zone_files_from_the_corpus() -> None:
    nz = parse_calendar(local("khal_tz_windows_format.ics")).events[0]
    assert nz.zone == "Pacific/Auckland"
    assert nz.start == datetime(2019, 11, 20, 13, tzinfo=ZoneInfo("Pacific/Auckland"))
    berlin = parse_calendar(local("recurring-ical-events_issue_27_t1.ics")).events
    assert {e.zone for e in berlin if e.start} == {"Europe/Berlin"}


def test_vendor_prefixed_tzids_from_the_corpus() -> None:
    events = parse_calendar(local("icalendar_calendars_issue_313_globally_unique_tzid.ics")).events
    zones = [e.zone for e in events]
    assert zones == ["Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires"]


CUSTOM = (
    "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\n"
    "DTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
    "DTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")


def test_customized_time_zone_is_used_by_its_rules() -> None:
    data = _cal(CUSTOM + "BEGIN:VEVENT\r\nUID:c\r\n"
                "DTSTART;TZID=Customized Time Zone:20260715T100000\r\n"
                "DTEND;TZID=Customized Time Zone:20260715T110000\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert event.start == datetime(2026, 7, 15, 8, 0, tzinfo=UTC)  # +02:00 in summer
    assert event.zone == "Customized Time Zone"
    assert any("rules from the invitation" in w for w in event.warnings)
    assert b"BEGIN:VTIMEZONE" in event.timezones


def test_unknown_zone_without_rules_is_unusable_not_local_time() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Mars/Olympus:20260715T100000\r\n"
                "END:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert event.start is None and "Mars/Olympus" in event.unusable


def test_missing_dtstart_is_unusable() -> None:
    event = parse_calendar(_cal("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:no time\r\nEND:VEVENT\r\n")
                           ).events[0]
    assert event.start is None and "DTSTART" in event.unusable


def test_a_million_instances_stop_at_the_cap() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20260101T000000Z\r\n"
                "RRULE:FREQ=SECONDLY;COUNT=1000000\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    got = list(expand(event, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)))
    assert len(got) == MAX_INSTANCES


def test_secondly_rule_far_before_the_window_ends_without_hanging() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:s\r\nDTSTART:19900101T000000Z\r\n"
                "RRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert list(expand(event, datetime(2026, 1, 1, tzinfo=UTC),
                       datetime(2027, 1, 1, tzinfo=UTC))) == []


def test_all_day_event_stays_on_its_date() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20261001\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert event.all_day and event.start == datetime(2026, 10, 1, tzinfo=UTC)
    assert event.end == datetime(2026, 10, 2, tzinfo=UTC)


def test_join_links_are_found_for_teams_meet_and_zoom() -> None:
    for link in ("https://teams.microsoft.com/l/meetup-join/19%3ameeting",
                 "https://meet.google.com/abc-defg-hij", "https://us02web.zoom.us/j/123?pwd=x"):
        data = _cal("BEGIN:VEVENT\r\nUID:l\r\nDTSTART:20260101T100000Z\r\n"
                    f"DESCRIPTION:Join: {link}\r\nEND:VEVENT\r\n")
        assert parse_calendar(data).events[0].link == link


def test_javascript_link_is_not_a_join_link() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:l\r\nDTSTART:20260101T100000Z\r\n"
                "URL:javascript:alert(1)\r\nEND:VEVENT\r\n")
    assert parse_calendar(data).events[0].link == ""


@pytest.mark.parametrize("data", [b"", b"hello", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n\x00",
                                  b"BEGIN:VCALENDAR\r\n" * 100000])
def test_unreadable_data_is_refused_in_words(data: bytes) -> None:
    with pytest.raises(CalendarError):
        parse_calendar(data)


def test_calendar_part_of_a_mail() -> None:
    raw = (b"From: a@example.com\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
           b"--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\n"
           b"Content-Type: text/calendar; method=REQUEST\r\nContent-Transfer-Encoding: base64"
           b"\r\n\r\nQkVHSU46VkNBTEVOREFS\r\n--b--\r\n")
    assert calendar_of_message(raw) == b"BEGIN:VCALENDAR"


def test_every_shared_corpus_file_is_read_or_refused_in_words() -> None:
    root = shared_ics()
    if root is None:
        pytest.skip("the shared corpus is not beside this checkout")
    counted = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".eml":
            data = calendar_of_message(data) or b""
        counted += 1
        try:
            parsed = parse_calendar(data)
        except CalendarError as exc:
            assert str(exc)
            continue
        for event in parsed.events:
            assert event.start is not None or event.unusable
            list(expand(event, datetime(1990, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC)))
    assert counted >= 480


@pytest.mark.parametrize(("name", "zone", "link"), [
    ("teams-meeting-invite.eml", "Europe/Kyiv", "https://teams.microsoft.com/l/meetup-join/"),
    ("meet-meeting-invite.eml", "UTC", "https://meet.google.com/pyb-ndcu-hhc"),
    ("outlook-test-invite.eml", "Europe/Kyiv", ""),
])
def test_vendor_invitations_give_zone_link_and_organizer(name: str, zone: str,
                                                        link: str) -> None:
    data = calendar_of_message(local(f"thunderbird-invitations_{name}"))
    assert data is not None
    parsed = parse_calendar(data)
    assert parsed.method == "REQUEST"
    [event] = parsed.events
    assert event.zone == zone and event.start is not None and event.organizer
    assert event.link.startswith(link) if link else event.link == ""


def test_a_cancel_without_dtstart_still_names_its_meeting() -> None:
    data = calendar_of_message(local("thunderbird-invitations_cancel-repeat-event.eml"))
    assert data is not None
    parsed = parse_calendar(data)
    assert parsed.method == "CANCEL" and parsed.events[0].uid and parsed.events[0].sequence == 1


def test_a_start_in_the_dst_gap_is_normalised_and_flagged() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:g\r\nDTSTART;TZID=Europe/Berlin:20260329T023000\r\n"
                "DTEND;TZID=Europe/Berlin:20260329T033000\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert event.start == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert any("does not exist" in w for w in event.warnings)


def test_a_large_inline_attachment_is_not_kept_with_the_event() -> None:
    import base64

    blob = base64.b64encode(b"\x00" * 600_000).decode()
    data = _cal("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T100000Z\r\n"
                f"ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=application/pdf:{blob}\r\n"
                "ATTACH:https://example.com/agenda.pdf\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    assert len(event.ical) < 10_000 and b"https://example.com/agenda.pdf" in event.ical
    assert any("attachment" in w for w in event.warnings)


def test_dtstart_is_the_first_instance_even_when_the_rule_ends_before_it() -> None:
    event = parse_calendar(local("khal_event_dt_rrule_until_before_start.ics")).events[0]
    got = list(expand(event, datetime(1970, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)))
    assert [start for start, _ in got] == [event.start]
    assert any("UNTIL" in w for w in event.warnings)


def test_exdate_in_another_zone_removes_the_instance() -> None:
    data = _cal("BEGIN:VEVENT\r\nUID:x\r\nDTSTART;TZID=Europe/Berlin:20260302T090000\r\n"
                "DTEND;TZID=Europe/Berlin:20260302T100000\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
                "EXDATE;TZID=Asia/Shanghai:20260303T160000\r\nEND:VEVENT\r\n")
    event = parse_calendar(data).events[0]
    got = [s for s, _ in expand(event, datetime(2026, 1, 1, tzinfo=UTC),
                                datetime(2027, 1, 1, tzinfo=UTC))]
    assert got == [datetime(2026, 3, 2, 8, tzinfo=UTC), datetime(2026, 3, 4, 8, tzinfo=UTC)]
