"""Working hours between two instants on the rep's calendar (fixed dates)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from client.analytics.hours import WorkingClock

SH = ZoneInfo("Asia/Shanghai")


def _t(month: int, day: int, hour: int, minute: int = 0) -> float:
    return datetime(2026, month, day, hour, minute, tzinfo=SH).timestamp()


def test_inside_one_day_and_across_the_night() -> None:
    clock = WorkingClock("Asia/Shanghai", "CN")
    assert clock.seconds(_t(12, 1, 10), _t(12, 1, 13)) == 3 * 3600
    # Tue 17:00 -> Wed 10:00: 17-18 and 9-10
    assert clock.seconds(_t(12, 1, 17), _t(12, 2, 10)) == 2 * 3600
    # a mail at 20:00 answered at 08:00 next morning: no working time passed
    assert clock.seconds(_t(12, 1, 20), _t(12, 2, 8)) == 0


def test_weekend_and_national_day_count_nothing() -> None:
    clock = WorkingClock("Asia/Shanghai", "CN")
    # Fri 4 Dec 16:00 -> Mon 7 Dec 09:30: 2 h + 0.5 h
    assert clock.seconds(_t(12, 4, 16), _t(12, 7, 9, 30)) == 2.5 * 3600
    # Wed 30 Sep 17:00 -> Thu 8 Oct 10:00 2026: 1 Oct .. 7 Oct are the National Day holiday
    # (8 Oct is a working day): 1 h + 1 h
    assert clock.seconds(_t(9, 30, 17), _t(10, 8, 10)) == 2 * 3600


def test_order_of_calls_does_not_matter() -> None:
    clock = WorkingClock("Asia/Shanghai", "CN")
    late = clock.seconds(_t(12, 7, 9), _t(12, 8, 9))
    early = clock.seconds(_t(11, 2, 9), _t(11, 3, 9))  # before the first day looked at
    assert late == early == 9 * 3600
    assert clock.seconds(_t(12, 7, 9), _t(12, 8, 9)) == late
    assert clock.seconds(_t(12, 8, 9), _t(12, 7, 9)) == 0
