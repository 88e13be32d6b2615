"""Slot search across zones: DST weeks on both hemispheres, odd offsets, weekends, ranking.

Each expected window is the overlap of both people's 09:00–18:00, worked out by hand from the
zones' offsets on that day (comments give them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from client.meetings.planner import Attendee, plan
from client.meetings.zones import country_of_zone


def _person(zone: str, address: str | None = None) -> Attendee:
    return Attendee(address or f"{zone.split('/')[-1].lower()}@example.test", zone,
                    country_of_zone(zone))


def _shared_window(zone_a: str, zone_b: str, organizer: str, day: date) -> tuple[str, str] | None:
    """First start and last end (UTC HH:MM) of the 15-minute slots inside both people's hours."""
    result = plan([_person(zone_a), _person(zone_b)], organizer_zone=organizer, first_day=day,
                  days=1, duration=timedelta(minutes=15), limit=None, distinct=False)
    inside = [s for s in result.slots if s.outside_count == 0]
    if not inside:
        return None
    return (min(s.start for s in inside).strftime("%H:%M"),
            max(s.end for s in inside).strftime("%H:%M"))


@pytest.mark.parametrize(
    ("zone_a", "zone_b", "organizer", "day", "window"),
    [
        # New York EST -5 / Berlin CET +1: 14:00-23:00 and 08:00-17:00 UTC
        ("Europe/Berlin", "America/New_York", "Europe/Berlin", date(2026, 3, 3), ("14:00", "17:00")),
        # US on EDT since 8 March, Berlin still CET: the 4-hour weeks
        ("Europe/Berlin", "America/New_York", "Europe/Berlin", date(2026, 3, 10), ("13:00", "17:00")),
        ("Europe/Berlin", "America/New_York", "Europe/Berlin", date(2026, 3, 31), ("13:00", "16:00")),
        # Europe back on CET on 25 October, US on EDT until 1 November
        ("Europe/Berlin", "America/New_York", "America/New_York", date(2026, 10, 27),
         ("13:00", "17:00")),
        ("Europe/London", "America/New_York", "Europe/London", date(2026, 10, 27),
         ("13:00", "18:00")),
        ("Europe/London", "America/New_York", "Europe/London", date(2026, 11, 3),
         ("14:00", "18:00")),
        # India +5:30 (no DST) against Berlin's change on 29 March
        ("Asia/Kolkata", "Europe/Berlin", "Asia/Kolkata", date(2026, 3, 27), ("08:00", "12:30")),
        ("Asia/Kolkata", "Europe/Berlin", "Asia/Kolkata", date(2026, 3, 30), ("07:00", "12:30")),
        # Nepal +5:45 against London GMT / BST (27 March is Ram Navami in Nepal)
        ("Asia/Kathmandu", "Europe/London", "Asia/Kathmandu", date(2026, 3, 26), ("09:00", "12:15")),
        ("Asia/Kathmandu", "Europe/London", "Asia/Kathmandu", date(2026, 3, 30), ("08:00", "12:15")),
        # Sydney leaves summer time on 5 April (+11 → +10); Tokyo +9 has none
        ("Australia/Sydney", "Asia/Tokyo", "Asia/Tokyo", date(2026, 4, 2), ("00:00", "07:00")),
        ("Australia/Sydney", "Asia/Tokyo", "Asia/Tokyo", date(2026, 4, 7), ("00:00", "08:00")),
        # Sydney enters summer time on 4 October; India stays +5:30
        ("Asia/Kolkata", "Australia/Sydney", "Asia/Kolkata", date(2026, 10, 1), ("03:30", "08:00")),
        ("Asia/Kolkata", "Australia/Sydney", "Asia/Kolkata", date(2026, 10, 6), ("03:30", "07:00")),
        # Santiago leaves summer time on 5 April (-3 → -4); Berlin on CEST
        ("America/Santiago", "Europe/Berlin", "Europe/Berlin", date(2026, 4, 2), ("12:00", "16:00")),
        ("America/Santiago", "Europe/Berlin", "Europe/Berlin", date(2026, 4, 7), ("13:00", "16:00")),
        # Santiago enters summer time on 6 September (-4 → -3)
        ("America/Santiago", "America/New_York", "America/New_York", date(2026, 9, 3),
         ("13:00", "22:00")),
        ("America/Santiago", "America/New_York", "America/New_York", date(2026, 9, 8),
         ("13:00", "21:00")),
        # São Paulo -3 without DST since 2019; New York changes on 8 March
        ("America/Sao_Paulo", "America/New_York", "America/Sao_Paulo", date(2026, 3, 6),
         ("14:00", "21:00")),
        ("America/Sao_Paulo", "America/New_York", "America/Sao_Paulo", date(2026, 3, 10),
         ("13:00", "21:00")),
        # Riyadh +3 (no DST, Sunday-Thursday week) against Berlin
        ("Asia/Riyadh", "Europe/Berlin", "Asia/Riyadh", date(2026, 3, 26), ("08:00", "15:00")),
        ("Asia/Riyadh", "Europe/Berlin", "Asia/Riyadh", date(2026, 3, 31), ("07:00", "15:00")),
        # Chatham +13:45 → +12:45 on 5 April; Los Angeles on PDT (-7), the day before theirs
        ("Pacific/Chatham", "America/Los_Angeles", "America/Los_Angeles", date(2026, 4, 1),
         ("19:15", "01:00")),
        ("Pacific/Chatham", "America/Los_Angeles", "America/Los_Angeles", date(2026, 4, 7),
         ("20:15", "01:00")),
        # Shanghai +8 against Berlin's change
        ("Asia/Shanghai", "Europe/Berlin", "Asia/Shanghai", date(2026, 3, 27), ("08:00", "10:00")),
        ("Asia/Shanghai", "Europe/Berlin", "Asia/Shanghai", date(2026, 3, 30), ("07:00", "10:00")),
    ],
)
def test_shared_window_across_dst(zone_a: str, zone_b: str, organizer: str, day: date,
                                  window: tuple[str, str]) -> None:
    assert _shared_window(zone_a, zone_b, organizer, day) == window


def test_weekend_of_riyadh_leaves_no_shared_hours_on_friday() -> None:
    assert _shared_window("Asia/Riyadh", "Europe/Berlin", "Asia/Riyadh", date(2026, 3, 27)) is None
    result = plan([_person("Asia/Riyadh", "a@x.sa"), _person("Europe/Berlin", "b@x.de")],
                  organizer_zone="Europe/Berlin", first_day=date(2026, 3, 27), days=1)
    riyadh = result.slots[0].attendees[0]
    assert not riyadh.inside_hours and riyadh.reason == "weekend"


def test_local_times_with_45_minute_offset() -> None:
    result = plan([_person("Asia/Kathmandu"), _person("Europe/London")],
                  organizer_zone="Europe/London", first_day=date(2026, 3, 30), days=1,
                  duration=timedelta(minutes=30))
    best = result.slots[0]
    assert best.start == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    kathmandu = best.attendees[0]
    assert (kathmandu.local_start.hour, kathmandu.local_start.minute) == (13, 45)
    assert kathmandu.local_start.utcoffset() == timedelta(hours=5, minutes=45)


def test_all_inside_first_then_least_outside() -> None:
    people = [_person("Asia/Kolkata"), _person("America/New_York")]  # no shared hours in November
    result = plan(people, organizer_zone="America/New_York", first_day=date(2026, 11, 3), days=1,
                  duration=timedelta(minutes=60), limit=3)
    first = result.slots[0]
    # India ends 12:30 UTC, New York starts 14:00 UTC: one of the two is outside for the hour
    assert first.outside_count == 1
    assert sum(a.minutes_outside for a in first.attendees) == 60
    # the least stretch: New York 2.5 h early (11:30 UTC, ties go to the earliest), not at 03:30
    assert first.start == datetime(2026, 11, 3, 11, 30, tzinfo=UTC)
    keys = [(s.outside_count, sum(a.minutes_outside for a in s.attendees)) for s in result.slots]
    assert keys == sorted(keys)
    reasons = {a.reason for a in first.attendees}
    assert reasons <= {None, "before-hours", "after-hours"}


def test_ranked_slots_do_not_overlap_and_inside_ones_come_first() -> None:
    people = [_person("Europe/Berlin"), _person("America/New_York"), _person("Asia/Kolkata")]
    result = plan(people, organizer_zone="Europe/Berlin", first_day=date(2026, 12, 7), days=5)
    counts = [s.outside_count for s in result.slots]
    assert counts == sorted(counts)
    starts = sorted(s.start for s in result.slots)
    assert all(b - a >= timedelta(hours=1) for a, b in zip(starts, starts[1:], strict=False))


def test_china_make_up_saturday_is_a_working_day_in_the_plan() -> None:
    shanghai = Attendee("li@acme.cn", "Asia/Shanghai", "CN")
    saturday = plan([shanghai], organizer_zone="Asia/Shanghai", first_day=date(2026, 2, 14),
                    days=1).slots[0]
    assert saturday.attendees[0].inside_hours
    assert saturday.attendees[0].day_name and "调休" in saturday.attendees[0].day_name
    bridge = plan([shanghai], organizer_zone="Asia/Shanghai", first_day=date(2026, 2, 20),
                  days=1).slots[0]
    assert not bridge.attendees[0].inside_hours and bridge.attendees[0].reason == "holiday"


def test_holiday_reason_and_custom_hours() -> None:
    early = Attendee("a@x.de", "Europe/Berlin", "DE", hours=(time(7, 0), time(15, 0)))
    result = plan([early], organizer_zone="Europe/Berlin", first_day=date(2026, 12, 7), days=1)
    assert result.slots[0].attendees[0].local_start.hour == 7
    christmas = plan([early], organizer_zone="Europe/Berlin", first_day=date(2026, 12, 25),
                     days=1).slots[0].attendees[0]
    assert christmas.reason == "holiday" and christmas.day_name


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        plan([], organizer_zone="UTC", first_day=date(2026, 1, 1))
    with pytest.raises(ValueError):
        plan([_person("UTC")], organizer_zone="UTC", first_day=date(2026, 1, 1),
             duration=timedelta(0))


def test_ranking_agrees_with_each_slots_details() -> None:
    """The fast ranking walk and the per-slot figures give the same outside counts."""
    people = [_person(z) for z in ("Europe/Berlin", "America/New_York", "Asia/Kolkata",
                                   "Pacific/Chatham", "Asia/Riyadh", "America/Santiago")]
    result = plan(people, organizer_zone="Europe/Berlin", first_day=date(2026, 3, 26), days=6,
                  duration=timedelta(minutes=45), limit=None, distinct=False)
    counts = [s.outside_count for s in result.slots]
    assert counts == sorted(counts)
    # 143 hours (29 March has 23) of quarter-hour starts, less the last 2 a 45-minute slot misses
    assert len(result.slots) == 143 * 4 - 2


def test_hourly_steps_are_whole_hours_for_a_nepal_organizer() -> None:
    result = plan([_person("Asia/Kathmandu")], organizer_zone="Asia/Kathmandu",
                  first_day=date(2026, 3, 26), days=1, step=timedelta(minutes=60), limit=None,
                  distinct=False)
    assert {s.attendees[0].local_start.minute for s in result.slots} == {0}
    assert len(result.slots) == 24
