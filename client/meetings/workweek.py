"""Working days per country: weekends with their history, public holidays, China's 调休.

`WorkCalendar(country).day(d) -> DayInfo(working, reason, name, estimated)`: `reason` is None,
"weekend" or "holiday". Weekends and holidays come from the `holidays` package
(`is_weekend` follows history: the UAE's Friday–Saturday weekend ended in 2022); a country it
does not know, or None, gets a Saturday–Sunday weekend and no holidays (`notes()` says so).
National holidays only (no states or provinces). For China a make-up working weekend day is a
working day and a bridge day off a holiday; a year the package has no make-up days for is read
from `cn_schedule.OFFICIAL`, and a year neither knows is marked `estimated` with a note.
Not thread-safe (caches); build one per thread. Never raises for a valid date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from client.meetings import cn_schedule


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Whether a day is a working day and why not."""

    working: bool
    reason: str | None = None
    name: str | None = None
    estimated: bool = False


MAKE_UP_DAY = "make-up working day (调休)"


class WorkCalendar:
    """One country's working days; `package` overrides the holidays object (tests)."""

    def __init__(self, country: str | None, *, package: Any = None) -> None:
        self.country = country.upper() if country else None
        self._notes: list[str] = []
        self._days: dict[date, DayInfo] = {}
        self._cn_years: dict[int, str] = {}  # year → "package" | "table" | "unknown"
        self._package: Any = package
        if self._package is None and self.country:
            import holidays  # on first use: ~100 ms the app's start need not pay (issue 17)

            try:
                self._package = holidays.country_holidays(self.country)
            except NotImplementedError:
                self._notes.append(
                    f"no public holiday data for the country {self.country}: "
                    "Saturday–Sunday weekend assumed, no holidays"
                )

    def notes(self) -> list[str]:
        """Sentences about data this calendar lacked (shown to the user)."""
        return list(self._notes)

    def day(self, day: date) -> DayInfo:
        """The status of one local calendar day."""
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = self._compute(day)
        return found

    def _compute(self, day: date) -> DayInfo:
        package = self._package
        if package is None:
            return DayInfo(False, "weekend") if day.weekday() >= 5 else DayInfo(True)
        if self.country == "CN":
            source = self._cn_source(day.year)
            if source == "table":
                return self._from_table(day)
            estimated = source == "unknown"
        else:
            estimated = False
        name = package.get(day)
        weekend = bool(package.is_weekend(day))
        if weekend and day in getattr(package, "weekend_workdays", set()):
            return DayInfo(True, None, MAKE_UP_DAY, estimated)
        if name is not None:
            return DayInfo(False, "holiday", str(name), estimated)
        if weekend:
            return DayInfo(False, "weekend", None, estimated)
        return DayInfo(True, None, None, estimated)

    def _cn_source(self, year: int) -> str:
        source = self._cn_years.get(year)
        if source is None:
            self._package.get(date(year, 1, 1))  # makes the package fill in that year
            workdays: set[date] = getattr(self._package, "weekend_workdays", set())
            if any(d.year == year for d in workdays):
                source = "package"
            elif year in cn_schedule.OFFICIAL:
                source = "table"
            else:
                source = "unknown"
                self._notes.append(cn_schedule.UNPUBLISHED_NOTE.format(year=year))
            self._cn_years[year] = source
        return source

    def _from_table(self, day: date) -> DayInfo:
        schedule = cn_schedule.OFFICIAL[day.year]
        if day in schedule.workdays:
            return DayInfo(True, None, MAKE_UP_DAY)
        if day in set(schedule.days_off()):
            name = self._package.get(day)
            return DayInfo(False, "holiday", str(name) if name else "official day off")
        if day.weekday() >= 5:
            return DayInfo(False, "weekend")
        return DayInfo(True)
