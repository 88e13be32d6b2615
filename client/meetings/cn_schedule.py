"""China's official holiday schedule (放假调休安排): days off and make-up working days (调休).

The State Council (国务院办公厅) publishes each year's schedule in November or December of the
year before. `holidays` lists these days for the years its release knows
(`weekend_workdays`); `workweek` uses this table only for a year the installed package does not
know, and `tests/client/meetings/test_workweek.py` checks that the two agree where both exist.

Years shipped: 2026 (notice of 4 November 2025). 2027 is NOT here: its schedule was not known
when this table was written, and no dates are guessed; `UNPUBLISHED_NOTE` is shown instead.
Add a year by copying the notice's ranges (days off include the weekends inside them).
Pure data, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class CnYear:
    """One year's schedule: `off_ranges` are inclusive (first, last) days off as published;
    `workdays` are the Saturdays/Sundays that are working days."""

    source: str
    off_ranges: tuple[tuple[date, date], ...]
    workdays: tuple[date, ...]

    def days_off(self) -> list[date]:
        """Every day off of the published ranges, weekends included."""
        days: list[date] = []
        for first, last in self.off_ranges:
            day = first
            while day <= last:
                days.append(day)
                day += timedelta(days=1)
        return days


def _d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


OFFICIAL: dict[int, CnYear] = {
    2026: CnYear(
        source="国务院办公厅关于2026年部分节假日安排的通知 (State Council, 4 November 2025, Xinhua)",
        off_ranges=(
            (_d(1, 1), _d(1, 3)),  # 元旦
            (_d(2, 15), _d(2, 23)),  # 春节
            (_d(4, 4), _d(4, 6)),  # 清明节
            (_d(5, 1), _d(5, 5)),  # 劳动节
            (_d(6, 19), _d(6, 21)),  # 端午节
            (_d(9, 25), _d(9, 27)),  # 中秋节
            (_d(10, 1), _d(10, 7)),  # 国庆节
        ),
        workdays=(_d(1, 4), _d(2, 14), _d(2, 28), _d(5, 9), _d(9, 20), _d(10, 10)),
    ),
}

UNPUBLISHED_NOTE = (
    "China's official holiday schedule for {year} (days off and make-up working days, 调休) is "
    "not known to this version of Tradewind: {year} uses the holidays package's estimate of the "
    "public holidays and no make-up working days"
)
