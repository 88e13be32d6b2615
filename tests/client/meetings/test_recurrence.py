"""A weekly meeting fixed in the organizer's zone: who sees it move when clocks change."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from client.meetings.planner import Attendee
from client.meetings.recurrence import MAX_WEEKS, weekly_dst_shifts


def _people(*zones: str) -> list[Attendee]:
    return [Attendee(f"{z.split('/')[-1].lower()}@example.test", z) for z in zones]


def test_berlin_meeting_moves_for_new_york_twice_and_for_asia_once() -> None:
    # Thursdays 15:00 Berlin from 5 March 2026 (14:00 UTC while Berlin is on CET)
    start = datetime(2026, 3, 5, 14, 0, tzinfo=UTC)
    people = _people("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Riyadh",
                     "Australia/Sydney")
    shifts = weekly_dst_shifts(start, "Europe/Berlin", people, weeks=7)
    found = [(s.address, s.date, s.from_local, s.to_local) for s in shifts]
    assert found == [
        ("new_york@example.test", date(2026, 3, 12), "09:00", "10:00"),  # US summer time first
        ("new_york@example.test", date(2026, 4, 2), "10:00", "09:00"),  # then Berlin's
        ("kolkata@example.test", date(2026, 4, 2), "19:30", "18:30"),
        ("riyadh@example.test", date(2026, 4, 2), "17:00", "16:00"),
        # Sydney: 01:00 Friday (AEDT) → 00:00 when Berlin changes → 23:00 Thursday when Sydney does
        ("sydney@example.test", date(2026, 4, 3), "01:00", "00:00"),
        ("sydney@example.test", date(2026, 4, 9), "00:00", "23:00"),
    ]


def test_no_shift_when_nobody_changes_clocks() -> None:
    start = datetime(2026, 6, 4, 4, 0, tzinfo=UTC)
    assert weekly_dst_shifts(start, "Asia/Shanghai", _people("Asia/Shanghai", "Asia/Kolkata",
                                                             "Asia/Riyadh"), weeks=30) == []


def test_organizer_time_in_a_dst_gap_is_normalised_and_flagged() -> None:
    # Sundays 02:30 New York: 8 March 2026 has no 02:30, the meeting happens at 03:30 EDT
    start = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    shifts = weekly_dst_shifts(start, "America/New_York", _people("America/New_York"), weeks=3)
    assert [(s.date, s.from_local, s.to_local) for s in shifts] == [
        (date(2026, 3, 8), "02:30", "03:30"),
        (date(2026, 3, 15), "03:30", "02:30"),
    ]


def test_weeks_are_bounded() -> None:
    start = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match=str(MAX_WEEKS)):
        weekly_dst_shifts(start, "UTC", _people("UTC"), weeks=MAX_WEEKS + 1)
    with pytest.raises(ValueError):
        weekly_dst_shifts(start, "UTC", _people("UTC"), weeks=0)
