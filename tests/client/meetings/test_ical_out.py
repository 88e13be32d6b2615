"""Invitations we send: REQUEST/CANCEL/REPLY, RRULE-style VTIMEZONE, recurrence with exceptions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from client.meetings import ical_out
from client.meetings.ical_in import expand, parse_calendar
from client.meetings.ical_out import InviteError, Meeting, Person
from client.meetings.vtimezone import vtimezone

BERLIN = ZoneInfo("Europe/Berlin")


def _meeting(**changes: object) -> Meeting:
    values: dict[str, object] = dict(
        uid="m1@example.com", summary="Price review", zone="Europe/Berlin",
        start=datetime(2026, 3, 24, 15, 0, tzinfo=BERLIN), duration=timedelta(minutes=45),
        organizer=Person("rep@example.com", "Li Wei"),
        attendees=(Person("buyer@example.de", "Anna"), Person("x@example.cn")),
        dtstamp=datetime(2026, 3, 1, tzinfo=UTC),
    )
    values.update(changes)
    return Meeting(**values)  # type: ignore[arg-type]


def test_request_has_the_itip_fields() -> None:
    data = ical_out.request(_meeting(link="https://teams.microsoft.com/l/meetup-join/abc"))
    cal = Calendar.from_ical(data)
    assert cal["METHOD"] == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert event["UID"] == "m1@example.com" and int(event["SEQUENCE"]) == 0
    assert "DTSTAMP" in event
    assert str(event["ORGANIZER"]) == "mailto:rep@example.com"
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:buyer@example.de", "mailto:x@example.cn"]
    for a in attendees:
        assert a.params["RSVP"] == "TRUE" and a.params["PARTSTAT"] == "NEEDS-ACTION"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["URL"]) == "https://teams.microsoft.com/l/meetup-join/abc"
    assert [str(t["TZID"]) for t in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_vtimezone_uses_yearly_rules_not_rdate_lists() -> None:
    text = vtimezone("America/New_York", 2026).to_ical().decode()
    assert "RDATE" not in text
    assert "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in text
    assert "TZOFFSETFROM:-0500" in text and "TZOFFSETTO:-0400" in text


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney",
                                  "Asia/Shanghai", "America/Santiago", "Africa/Casablanca"])
def test_vtimezone_rules_give_zoneinfo_offsets_in_later_years(zone: str) -> None:
    # read back by icalendar with our VTIMEZONE only (a TZID zoneinfo does not know);
    # Casablanca's Ramadan changes follow no weekday rule and need their dates listed
    tz = vtimezone(zone, 2026)
    tz["TZID"] = "Custom " + zone
    text = tz.to_ical().decode()
    days = [datetime(2027, 1, 1, 12) + timedelta(days=d) for d in range(0, 3 * 365, 5)]
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}\r\nDTSTART;TZID=\"Custom {zone}\":{day:%Y%m%dT%H%M%S}"
        "\r\nEND:VEVENT\r\n" for n, day in enumerate(days))
    cal = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text}{events}END:VCALENDAR\r\n".encode()
    parsed = parse_calendar(cal).events
    wrong = [day for day, event in zip(days, parsed, strict=True)
             if event.start != day.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)]
    assert wrong == []


def test_recurrence_with_exceptions_round_trips() -> None:
    skipped = datetime(2026, 3, 31, 15, 0, tzinfo=BERLIN)
    data = ical_out.request(_meeting(rrule="FREQ=WEEKLY;COUNT=4", exdates=(skipped,)))
    event = parse_calendar(data).events[0]
    got = list(expand(event, datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)))
    starts = [s.astimezone(BERLIN) for s, _ in got]
    # four weekly meetings at 15:00 Berlin across the DST change, minus the exception
    assert starts == [datetime(2026, 3, 24, 15, tzinfo=BERLIN),
                      datetime(2026, 4, 7, 15, tzinfo=BERLIN),
                      datetime(2026, 4, 14, 15, tzinfo=BERLIN)]
    assert all(e - s == timedelta(minutes=45) for s, e in got)


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=WEEKLY;COUNT=1000000", "nonsense"])
def test_absurd_or_unreadable_rules_are_refused(rule: str) -> None:
    with pytest.raises(InviteError):
        ical_out.request(_meeting(rrule=rule))


def test_cancel_and_update_raise_sequence() -> None:
    data = ical_out.cancel(_meeting(sequence=2))
    cal = Calendar.from_ical(data)
    assert cal["METHOD"] == "CANCEL"
    event = cal.walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 2 and event["STATUS"] == "CANCELLED"


def test_reply_has_one_attendee_and_the_same_uid_and_sequence() -> None:
    invite = ical_out.request(_meeting(sequence=3))
    data = ical_out.reply(invite, "buyer@example.de", "tentative", comment="maybe")
    cal = Calendar.from_ical(data)
    assert cal["METHOD"] == "REPLY"
    event = cal.walk("VEVENT")[0]
    assert event["UID"] == "m1@example.com" and int(event["SEQUENCE"]) == 3
    attendee = event["ATTENDEE"]
    assert not isinstance(attendee, list)
    assert str(attendee) == "mailto:buyer@example.de"
    assert attendee.params["PARTSTAT"] == "TENTATIVE"


def test_reply_refuses_someone_not_invited() -> None:
    invite = ical_out.request(_meeting())
    with pytest.raises(InviteError, match="not among"):
        ical_out.reply(invite, "stranger@example.org", "accept")


def test_bad_addresses_and_links_are_refused_in_words() -> None:
    with pytest.raises(InviteError, match="e-mail address"):
        ical_out.request(_meeting(attendees=(Person("not an address"),)))
    with pytest.raises(InviteError, match="http"):
        ical_out.request(_meeting(link="javascript:alert(1)"))
