"""The planner grid's cells: local hours, weekends, holidays, the overlap band, DST."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from client.meetings.grid import HOLIDAY, OFF, WEEKEND, WORK, hours_grid
from client.meetings.planner import Attendee, plan


def _cell(grid, row: int, hhmm: str, day: int = 0,  # type: ignore[no-untyped-def]
          zone: str = "Europe/Berlin") -> str:
    """The state at the organizer's wall-clock `hhmm` on the `day`-th local day."""
    tz = ZoneInfo(zone)
    first = grid.starts[0].astimezone(tz).date()
    wanted = (first + timedelta(days=day), hhmm)
    [k] = [k for k, s in enumerate(grid.starts)
           if (s.astimezone(tz).date(), f"{s.astimezone(tz):%H:%M}") == wanted]
    return str(grid.rows[row].states[k])


def test_kathmandu_hours_fall_on_the_quarter_hour_of_berlin() -> None:
    people = [Attendee(None, "Europe/Berlin", "DE"), Attendee("h@x.np", "Asia/Kathmandu", "NP")]
    grid = hours_grid(people, organizer_zone="Europe/Berlin", first_day=date(2026, 3, 10),
                      days=1, step=timedelta(minutes=15))
    assert len(grid.starts) == 96
    # Kathmandu is UTC+5:45, Berlin UTC+1 in March: 09:00 Nepal = 04:15 Berlin
    assert _cell(grid, 1, "04:00") == OFF and _cell(grid, 1, "04:15") == WORK
    assert grid.rows[1].local_times[17] == "09:00"
    # 18:00 Nepal = 13:15 Berlin: the last working step starts 13:00
    assert _cell(grid, 1, "13:00") == WORK and _cell(grid, 1, "13:15") == OFF
    band = [k for k, inside in enumerate(grid.overlap) if inside]
    assert band == list(range(9 * 4, 13 * 4 + 1))  # Berlin 09:00 .. 13:00 steps


def test_weekend_holiday_and_the_dst_week_of_new_york() -> None:
    people = [Attendee(None, "Europe/Berlin", "DE"),
              Attendee("jo@x.com", "America/New_York", "US"),
              Attendee("ali@x.sa", "Asia/Riyadh", "SA")]
    # 23 March 2026: New York is on summer time, Berlin not yet (5 hours); from 30 March 6
    grid = hours_grid(people, organizer_zone="Europe/Berlin", first_day=date(2026, 3, 23),
                      days=14, step=timedelta(minutes=30))
    assert _cell(grid, 1, "13:30") == OFF and _cell(grid, 1, "14:00") == WORK
    assert _cell(grid, 1, "14:30", day=7) == OFF and _cell(grid, 1, "15:00", day=7) == WORK
    assert _cell(grid, 2, "10:00", day=4) == WEEKEND  # Friday 27 March in Riyadh
    assert _cell(grid, 0, "10:00", day=4) == WORK
    assert _cell(grid, 0, "10:00", day=5) == WEEKEND  # Saturday in Berlin
    assert len(grid.starts) == 14 * 48 - 2  # 29 March has 23 hours in Berlin
    assert not any(grid.overlap[k] for k in range(4 * 48, 5 * 48))  # no overlap on a Friday


def test_a_public_holiday_is_marked_and_named() -> None:
    people = [Attendee(None, "Asia/Shanghai", "CN")]
    grid = hours_grid(people, organizer_zone="Asia/Shanghai", first_day=date(2026, 10, 1),
                      days=1)
    assert _cell(grid, 0, "10:00", zone="Asia/Shanghai") == HOLIDAY
    assert grid.rows[0].day_names[date(2026, 10, 1)]


def test_the_grid_agrees_with_the_planner_best_slot() -> None:
    people = [Attendee(None, "Asia/Shanghai", "CN"), Attendee("a@x.de", "Europe/Berlin", "DE"),
              Attendee("b@x.br", "America/Sao_Paulo", "BR", hours=(time(8), time(17)))]
    first = date(2026, 6, 1)
    best = plan(people, organizer_zone="Asia/Shanghai", first_day=first, days=14,
                duration=timedelta(minutes=30), step=timedelta(minutes=30)).slots[0]
    grid = hours_grid(people, organizer_zone="Asia/Shanghai", first_day=first, days=14)
    column = grid.starts.index(best.start)
    expected = all(a.inside_hours for a in best.attendees)
    assert grid.overlap[column] is expected
    assert [r.states[column] == WORK for r in grid.rows] == [a.inside_hours
                                                            for a in best.attendees]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        hours_grid([], organizer_zone="UTC", first_day=date(2026, 1, 1))
    with pytest.raises(ValueError):
        hours_grid([Attendee(None, "UTC")], organizer_zone="UTC", first_day=date(2026, 1, 1),
                   days=0)
