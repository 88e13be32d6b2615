"""The follow-up clock: working days of the buyer's calendar across weekends, public holidays
and zones (fixed dates; the `holidays` package's national holidays)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from client.followups.clock import due_after, working_days_between


def _at(*args: int, zone: str) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


def test_three_days_from_monday_fall_due_friday_morning() -> None:
    # Mon 30 Nov 2026 15:00 Berlin; waited Tue 1, Wed 2, Thu 3 -> Fri 4 Dec 09:00 CET = 08:00Z
    due = due_after(_at(2026, 11, 30, 15, zone="Europe/Berlin"), "Europe/Berlin", "DE", 3)
    assert due == datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


def test_weekend_is_skipped() -> None:
    # Thu 3 Dec 2026 in Berlin, 2 days: Fri 4, (Sat 5, Sun 6 skipped) Mon 7 -> Tue 8 09:00 CET
    due = due_after(_at(2026, 12, 3, 10, zone="Europe/Berlin"), "Europe/Berlin", "DE", 2)
    assert due == datetime(2026, 12, 8, 8, 0, tzinfo=UTC)


def test_christmas_in_germany_is_skipped() -> None:
    # Wed 23 Dec 2026, 3 days: Thu 24 (a working day in German national law), Fri 25 and
    # Sat 26 are holidays, Sun 27 weekend, Mon 28, Tue 29 -> Wed 30 Dec 09:00 CET = 08:00Z
    due = due_after(_at(2026, 12, 23, 10, zone="Europe/Berlin"), "Europe/Berlin", "DE", 3)
    assert due == datetime(2026, 12, 30, 8, 0, tzinfo=UTC)


def test_thanksgiving_in_the_united_states_is_skipped() -> None:
    # Wed 25 Nov 2026 New York, 3 days: Thu 26 Thanksgiving, Fri 27, Mon 30, Tue 1 Dec
    # -> Wed 2 Dec 09:00 EST = 14:00Z
    due = due_after(_at(2026, 11, 25, 16, zone="America/New_York"), "America/New_York", "US", 3)
    assert due == datetime(2026, 12, 2, 14, 0, tzinfo=UTC)


def test_a_friday_saturday_weekend_counts_sunday() -> None:
    # Thu 3 Dec 2026 10:00 Riyadh, 2 days: Fri 4 and Sat 5 are Saudi Arabia's weekend, Sun 6,
    # Mon 7 -> Tue 8 09:00 AST (UTC+3) = 06:00Z; the same mail to Berlin is due at 08:00Z
    sent = _at(2026, 12, 3, 10, zone="Asia/Riyadh")
    assert due_after(sent, "Asia/Riyadh", "SA", 2) == datetime(2026, 12, 8, 6, 0, tzinfo=UTC)
    assert due_after(sent, "Europe/Berlin", "DE", 2) == datetime(2026, 12, 8, 8, 0, tzinfo=UTC)


def test_the_buyers_date_decides_the_day_the_mail_was_sent() -> None:
    # Sun 6 Dec 2026 23:30 UTC is already Monday 08:30 in Tokyo (day 0 = Mon: waits Tue 8 ->
    # due Wed 9 09:00 JST = 00:00Z) but still Sunday 18:30 in New York (waits Mon 7 -> due
    # Tue 8 09:00 EST = 14:00Z)
    sent = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
    assert due_after(sent, "Asia/Tokyo", "JP", 1) == datetime(2026, 12, 9, 0, 0, tzinfo=UTC)
    assert due_after(sent, "America/New_York", "US", 1) == datetime(2026, 12, 8, 14, 0,
                                                                    tzinfo=UTC)


def test_a_mail_sent_on_a_saturday_waits_from_monday() -> None:
    # Sat 5 Dec 2026 in Berlin, 1 day: Mon 7 waited -> Tue 8 09:00 CET
    due = due_after(_at(2026, 12, 5, 11, zone="Europe/Berlin"), "Europe/Berlin", "DE", 1)
    assert due == datetime(2026, 12, 8, 8, 0, tzinfo=UTC)


def test_days_waiting_counts_full_working_days() -> None:
    # sent Wed 23 Dec; on Wed 30 Dec the mail has waited Thu 24, Mon 28, Tue 29 = 3
    sent = _at(2026, 12, 23, 10, zone="Europe/Berlin")
    now = _at(2026, 12, 30, 12, zone="Europe/Berlin")
    assert working_days_between(sent, now, "Europe/Berlin", "DE") == 3
    assert working_days_between(sent, sent, "Europe/Berlin", "DE") == 0


@pytest.mark.parametrize("days", [0, 61, -1])
def test_days_out_of_range_are_refused(days: int) -> None:
    with pytest.raises(ValueError, match="1 to 60"):
        due_after(datetime(2026, 12, 1, tzinfo=UTC), "UTC", None, days)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        due_after(datetime(2026, 12, 1), "UTC", None, 1)
