"""Weekends (with their history), public holidays, and China's make-up working days (调休)."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from client.meetings import cn_schedule
from client.meetings.workweek import WorkCalendar


@pytest.mark.parametrize(
    ("country", "day", "working", "reason"),
    [
        ("DE", date(2026, 12, 5), False, "weekend"),  # Saturday
        ("DE", date(2026, 12, 7), True, None),
        ("DE", date(2026, 12, 25), False, "holiday"),
        ("SA", date(2026, 12, 4), False, "weekend"),  # Friday
        ("SA", date(2026, 12, 6), True, None),  # Sunday is a working day
        ("IL", date(2026, 12, 4), False, "weekend"),
        ("IL", date(2026, 12, 6), True, None),
        ("EG", date(2026, 12, 4), False, "weekend"),
        ("EG", date(2026, 12, 5), False, "weekend"),
        ("AE", date(2021, 12, 31), False, "weekend"),  # Friday, before the 2022 change
        ("AE", date(2026, 12, 4), True, None),  # Friday, after it
        ("AE", date(2026, 12, 5), False, "weekend"),
        ("IN", date(2026, 1, 26), False, "holiday"),  # Republic Day
        (None, date(2026, 12, 5), False, "weekend"),
        (None, date(2026, 12, 25), True, None),  # unknown country: no holidays guessed
    ],
)
def test_weekends_and_holidays(country: str | None, day: date, working: bool,
                               reason: str | None) -> None:
    info = WorkCalendar(country).day(day)
    assert (info.working, info.reason) == (working, reason)


def test_holiday_has_its_name() -> None:
    info = WorkCalendar("DE").day(date(2026, 12, 25))
    assert info.name and "Christmas" in info.name


@pytest.mark.parametrize(
    ("day", "working", "reason"),
    [
        (date(2026, 2, 14), True, None),  # Saturday make-up working day before Spring Festival
        (date(2026, 2, 28), True, None),
        (date(2026, 9, 20), True, None),  # Sunday make-up day
        (date(2026, 10, 10), True, None),
        (date(2026, 2, 20), False, "holiday"),  # Friday bridge day off
        (date(2026, 2, 23), False, "holiday"),  # Monday bridge day off
        (date(2026, 10, 7), False, "holiday"),
        (date(2026, 1, 2), False, "holiday"),
        (date(2026, 3, 7), False, "weekend"),  # an ordinary Saturday
    ],
)
def test_china_make_up_days(day: date, working: bool, reason: str | None) -> None:
    info = WorkCalendar("CN").day(day)
    assert (info.working, info.reason) == (working, reason)
    if working and day.weekday() >= 5:
        assert info.name and "调休" in info.name


def test_shipped_china_table_agrees_with_the_package() -> None:
    """The fallback table is checked against holidays for every year both know."""
    package = holidays.country_holidays("CN", years=sorted(cn_schedule.OFFICIAL))
    compared = 0
    for year, schedule in cn_schedule.OFFICIAL.items():
        known = {d for d in package.weekend_workdays if d.year == year}
        if not known:
            continue  # an older package release: the table is all there is
        compared += 1
        assert known == set(schedule.workdays)
        for day in schedule.days_off():
            assert day in package or package.is_weekend(day), day
    release = tuple(int(part) for part in holidays.__version__.split(".")[:2])
    assert compared or release < (0, 109)  # 0.109 knows 2026


def test_china_table_is_used_for_a_year_the_package_lacks() -> None:
    # a holidays object that knows no make-up days at all (an older package release)
    bare = holidays.country_holidays("CN", years=[2026])
    bare.weekend_workdays = set()
    for day in (date(2026, 1, 2), date(2026, 2, 20)):
        bare.pop(day, None)
    calendar = WorkCalendar("CN", package=bare)
    assert calendar.day(date(2026, 2, 14)).working
    assert calendar.day(date(2026, 2, 20)).reason == "holiday"
    assert calendar.day(date(2026, 1, 2)).reason == "holiday"
    assert not calendar.day(date(2026, 3, 7)).working


def test_unpublished_china_year_is_flagged_not_invented() -> None:
    assert 2027 not in cn_schedule.OFFICIAL
    # whatever a later package release knows, a year known to neither side is flagged
    package = holidays.country_holidays("CN", years=[2026, 2027])
    package.weekend_workdays = {d for d in package.weekend_workdays if d.year != 2027}
    calendar = WorkCalendar("CN", package=package)
    start = date(2027, 1, 1)
    infos = [calendar.day(start + timedelta(days=n)) for n in range(365)]
    assert all(info.estimated for info in infos)
    assert not any(info.working and (start + timedelta(days=n)).weekday() >= 5
                   for n, info in enumerate(infos))
    assert any("2027" in note for note in calendar.notes())
    assert not calendar.day(date(2026, 5, 6)).estimated


def test_country_without_holiday_data_says_so() -> None:
    calendar = WorkCalendar("XQ")  # no such country in the package
    assert calendar.day(date(2026, 12, 5)).reason == "weekend"
    assert any("XQ" in note for note in calendar.notes())
