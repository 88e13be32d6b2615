"""Zone validation, countries of zones and addresses, and guessing a zone from Date offsets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from client.meetings.zones import (
    ZoneError,
    country_of_address,
    country_of_zone,
    guess_zone,
    primary_zone,
    validate_zone,
)


def _at(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Asia/Kolkata", "Asia/Kolkata"),
        ("asia/kathmandu", "Asia/Kathmandu"),
        ("Asia/Calcutta", "Asia/Kolkata"),  # old alias, canonical name kept
        ("China Standard Time", "Asia/Shanghai"),  # Windows name (C1)
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("UTC", "UTC"),
        ("  Pacific/Chatham ", "Pacific/Chatham"),
    ],
)
def test_valid_zones_are_canonical(text: str, zone: str) -> None:
    assert validate_zone(text) == zone


@pytest.mark.parametrize(
    "text", ["CST", "EST", "IST", "PST8PDT", "Mars/Olympus", "../../etc/passwd", "Europe/\x00Berlin",
             "", "A" * 300, "Europe/Berlin\u202e"],
)
def test_ambiguous_or_bad_zones_are_refused_in_words(text: str) -> None:
    with pytest.raises(ZoneError) as info:
        validate_zone(text)
    message = str(info.value)
    assert "zone" in message
    assert "\x00" not in message and "\u202e" not in message


def test_cst_message_names_both_meanings() -> None:
    with pytest.raises(ZoneError, match="America/Chicago.*Asia/Shanghai"):
        validate_zone("CST")


@pytest.mark.parametrize(
    ("address", "country"),
    [("li@acme.cn", "CN"), ("Hans@Firma.DE", "DE"), ("a@b.co.uk", "GB"), ("x@y.com.br", "BR"),
     ("x@y.com", None), ("x@y.eu", None), ("no-at-sign", None), ("x@localhost", None)],
)
def test_country_of_address(address: str, country: str | None) -> None:
    assert country_of_address(address) == country


def test_country_of_zone() -> None:
    assert country_of_zone("Asia/Kolkata") == "IN"
    assert country_of_zone("America/Sao_Paulo") == "BR"
    assert country_of_zone("UTC") is None


def test_primary_zones() -> None:
    assert primary_zone("DE") == "Europe/Berlin"
    assert primary_zone("US") == "America/New_York"
    assert primary_zone("BR") == "America/Sao_Paulo"
    assert primary_zone("AU") == "Australia/Sydney"
    assert primary_zone("XX") is None


def test_guess_from_domain_only() -> None:
    guess = guess_zone([], "IN")
    assert guess is not None and guess.zone == "Asia/Kolkata" and guess.source == "domain"
    assert guess_zone([], None) is None


def test_offsets_pick_the_zone_inside_a_big_country() -> None:
    # -0700 in January and -0700 in July: Arizona (no DST), not Denver (-0600 in July).
    seen = [(_at(2026, 1, 10, 18), -7 * 3600), (_at(2026, 7, 10, 18), -7 * 3600)]
    guess = guess_zone(seen, "US")
    assert guess is not None and guess.zone == "America/Phoenix" and guess.source == "date-offsets"


def test_offsets_override_a_contradicting_domain() -> None:
    # a .de address writing with +0530 lives in India
    seen = [(_at(2026, 2, 1, 8), 19800), (_at(2026, 8, 1, 8), 19800)]
    guess = guess_zone(seen, "DE")
    assert guess is not None and guess.zone == "Asia/Kolkata"


def test_offsets_without_country_prefer_common_zones() -> None:
    seen = [(_at(2026, 1, 5, 3), 8 * 3600)]
    guess = guess_zone(seen, None)
    assert guess is not None and guess.zone == "Asia/Shanghai"
    nepal = guess_zone([(_at(2026, 1, 5, 3), 5 * 3600 + 45 * 60)], None)
    assert nepal is not None and nepal.zone == "Asia/Kathmandu"


def test_southern_summer_offsets_pick_sydney_over_brisbane() -> None:
    seen = [(_at(2026, 1, 5, 3), 11 * 3600), (_at(2026, 7, 5, 3), 10 * 3600)]
    guess = guess_zone(seen, "AU")
    assert guess is not None and guess.zone in {"Australia/Sydney", "Australia/Melbourne",
                                                "Australia/Hobart"}
    assert guess.zone == "Australia/Sydney"
