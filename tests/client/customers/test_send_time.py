"""`--at` values: a local time in a zone, `buyer-morning`, the DST gap, the past."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from client.customers.send_time import SendTimeError, buyer_morning, parse_at


def _epoch(*parts: int) -> float:
    return datetime(*parts, tzinfo=UTC).timestamp()  # type: ignore[misc]


NOW = _epoch(2026, 12, 2, 12, 0)


def test_local_time_in_a_zone() -> None:
    assert parse_at("2027-01-05T09:00", "Europe/Berlin", now=NOW) == _epoch(2027, 1, 5, 8, 0)
    assert parse_at("2027-07-05T09:00", "Europe/Berlin", now=NOW) == _epoch(2027, 7, 5, 7, 0)
    assert parse_at("2027-01-05T09:00+08:00", None, now=NOW) == _epoch(2027, 1, 5, 1, 0)


@pytest.mark.parametrize(("text", "zone", "words"), [
    ("2027-03-28T02:30", "Europe/Berlin", "does not exist"),
    ("2026-12-01T09:00", "Europe/Berlin", "in the past"),
    ("2027-01-05T09:00", None, "--zone"),
    ("2027-01-05T09:00", "CST", "CST"),
    ("tomorrow", "Europe/Berlin", "not a time"),
    ("buyer-morning", None, "time zone"),
])
def test_bad_values_are_refused_in_words(text: str, zone: str | None, words: str) -> None:
    with pytest.raises(SendTimeError, match=words):
        parse_at(text, zone, now=NOW)


def test_buyer_morning_skips_weekend() -> None:
    friday_evening = _epoch(2026, 12, 4, 20, 0)
    assert buyer_morning("Europe/Berlin", None, friday_evening) == _epoch(2026, 12, 7, 8, 0)


def test_buyer_morning_skips_public_holidays() -> None:
    christmas_eve = _epoch(2026, 12, 24, 12, 0)  # 13:00 in Berlin; 25th holiday, 26th Saturday
    assert buyer_morning("Europe/Berlin", None, christmas_eve) == _epoch(2026, 12, 28, 8, 0)


def test_buyer_morning_today_when_before_nine_there() -> None:
    tokyo_early = _epoch(2026, 12, 2, 22, 0)  # Thu 07:00 in Tokyo
    assert buyer_morning("Asia/Tokyo", None, tokyo_early) == _epoch(2026, 12, 3, 0, 0)
    assert parse_at("buyer-morning", "Asia/Tokyo", now=tokyo_early) == _epoch(2026, 12, 3, 0, 0)
