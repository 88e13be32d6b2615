"""Time zones of meeting attendees: validation, countries, and guessing a contact's zone.

`validate_zone(text) -> str` accepts IANA names (any case, old aliases) and Windows zone names
(CLDR `windowsZones`, e.g. "China Standard Time" → Asia/Shanghai) and returns the canonical
IANA name; abbreviations such as CST or IST are refused (they mean several zones: checklist C1),
as is anything that is not a plain zone name. Raises `ZoneError` (words, no raw input echoed
with control characters). `guess_zone(observations, country)` picks the zone that explains the
most observed UTC offsets (from past Date headers), preferring the contact's country, else the
country's main zone. Pure, any thread; zone data comes from tzdata/zoneinfo and CLDR via babel.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from babel.core import get_global


class ZoneError(ValueError):
    """A zone name that cannot be used; the message says why in words."""


# Abbreviations people type that name more than one zone, with what they may mean.
_AMBIGUOUS = {
    "CST": "US Central (America/Chicago), China (Asia/Shanghai) or Cuba (America/Havana)",
    "IST": "India (Asia/Kolkata), Ireland (Europe/Dublin) or Israel (Asia/Jerusalem)",
    "EST": "US Eastern (America/New_York) or Australian Eastern (Australia/Sydney)",
    "BST": "British Summer Time (Europe/London) or Bangladesh (Asia/Dhaka)",
    "AST": "Atlantic (America/Halifax) or Arabia (Asia/Riyadh)",
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")
_UTC_NAMES = {"utc": "UTC", "etc/utc": "UTC", "gmt": "UTC", "etc/gmt": "UTC", "z": "UTC"}
# Countries whose first zone in zone.tab (ordered by geography) is not where most people live.
_PRIMARY = {
    "AU": "Australia/Sydney", "BR": "America/Sao_Paulo", "CA": "America/Toronto",
    "RU": "Europe/Moscow", "PT": "Europe/Lisbon", "ES": "Europe/Madrid", "UA": "Europe/Kyiv",
    "EC": "America/Guayaquil", "CL": "America/Santiago", "NZ": "Pacific/Auckland",
    "ID": "Asia/Jakarta", "KZ": "Asia/Almaty", "MN": "Asia/Ulaanbaatar", "CD": "Africa/Kinshasa",
    "AR": "America/Argentina/Buenos_Aires", "MX": "America/Mexico_City", "US": "America/New_York",
    "CN": "Asia/Shanghai", "DE": "Europe/Berlin", "MY": "Asia/Kuala_Lumpur",
}
# Zones many trading partners write from; they win ties when the country is unknown.
_COMMON = (
    "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Europe/London", "Asia/Kolkata",
    "America/Chicago", "America/Los_Angeles", "America/Denver", "America/Phoenix",
    "America/Sao_Paulo", "America/Mexico_City", "Europe/Paris", "Europe/Istanbul",
    "Europe/Moscow", "Asia/Dubai", "Asia/Riyadh", "Asia/Tokyo", "Asia/Seoul", "Asia/Singapore",
    "Asia/Jakarta", "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok", "Asia/Kathmandu",
    "Australia/Sydney", "Pacific/Auckland", "Africa/Lagos", "Africa/Cairo",
    "Africa/Johannesburg", "Africa/Nairobi", "America/Bogota", "America/Santiago",
)
_TLD_ALIASES = {"UK": "GB"}
MAX_NAME = 64


def safe_text(value: str, limit: int) -> str:
    """`value` without control or bidi-override characters, at most `limit` characters."""
    clean = "".join("?" if unicodedata.category(ch) in {"Cc", "Cf"} else ch for ch in value)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


@dataclass(frozen=True)
class ZoneGuess:
    """A guessed zone: `source` is "date-offsets" or "domain"; `matched`/`observed` count the
    Date offsets the zone explains."""

    zone: str
    source: str
    matched: int = 0
    observed: int = 0


@lru_cache(maxsize=1)
def _canonical_names() -> dict[str, str]:
    """lower-case name → canonical IANA name, for every zone tzdata ships."""
    names = {name.lower(): name for name in zoneinfo.available_timezones()}
    aliases: Mapping[str, Any] = get_global("zone_aliases")
    for alias, target in aliases.items():
        names.setdefault(alias.lower(), target)
    return names


@lru_cache(maxsize=1)
def _windows_names() -> dict[str, str]:
    mapping: Mapping[str, Any] = get_global("windows_zone_mapping")
    return {name.lower(): zone for name, zone in mapping.items()}


def _canonical(name: str) -> str:
    """Prefer CLDR's current spelling (Asia/Calcutta → Asia/Kolkata, Europe/Kiev → Kyiv)."""
    territories: Mapping[str, Any] = get_global("zone_territories")
    if name in territories:
        return name
    modern = {"Asia/Calcutta": "Asia/Kolkata", "Asia/Katmandu": "Asia/Kathmandu",
              "Europe/Kiev": "Europe/Kyiv", "Asia/Saigon": "Asia/Ho_Chi_Minh",
              "Asia/Rangoon": "Asia/Yangon", "America/Buenos_Aires": "America/Argentina/Buenos_Aires"}
    if name in modern:
        return modern[name]
    aliases: Mapping[str, Any] = get_global("zone_aliases")
    return aliases.get(name, name)


def validate_zone(text: str) -> str:
    """The canonical IANA name for `text`; raises `ZoneError` in words when it is not one."""
    value = (text or "").strip()
    shown = safe_text(value, 40)
    if not value:
        raise ZoneError("the time zone is empty: give an Area/City name such as Europe/Berlin")
    if value.upper() in _AMBIGUOUS:
        raise ZoneError(
            f"the time zone abbreviation {value.upper()} is ambiguous: it can mean "
            f"{_AMBIGUOUS[value.upper()]}; give an Area/City name"
        )
    if value.lower() in _UTC_NAMES:
        return "UTC"
    windows = _windows_names().get(value.lower())
    if windows is not None:
        return "UTC" if windows == "Etc/UTC" else _canonical(windows)
    if len(value) > MAX_NAME or not _NAME.match(value):
        raise ZoneError(f"{shown!r} is not a time zone name: give an Area/City name such as "
                        "Asia/Shanghai")
    found = _canonical_names().get(value.lower())
    if found is None or "/" not in found or found.startswith(("Etc/", "SystemV/", "US/")):
        raise ZoneError(f"unknown time zone {shown!r}: give an Area/City name such as "
                        "America/Chicago or Asia/Shanghai")
    return _canonical(found)


def country_of_zone(zone: str) -> str | None:
    """The ISO 3166 country of an IANA zone (CLDR), or None (UTC, Etc/…)."""
    territories: Mapping[str, Any] = get_global("zone_territories")
    country = territories.get(_canonical(zone))
    if country is None or not country.isalpha() or country in {"ZZ", "001"}:
        return None
    return country


def country_of_address(address: str) -> str | None:
    """The country of an address's country-code top-level domain (.de → DE, .uk → GB), or
    None for generic domains (.com, .org, .eu, ...) and malformed addresses."""
    _, at, domain = (address or "").rpartition("@")
    if not at or "." not in domain:
        return None
    tld = domain.rstrip(".").rsplit(".", 1)[-1].upper()
    tld = _TLD_ALIASES.get(tld, tld)
    if len(tld) != 2 or not tld.isalpha():
        return None
    return tld if tld in _country_zones() else None


@lru_cache(maxsize=1)
def _country_zones() -> dict[str, tuple[str, ...]]:
    """country → its zones, zone.tab order first (most populous first within a region)."""
    order: dict[str, list[str]] = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            order.setdefault(fields[0], []).append(_canonical(fields[2]))
    territory_zones: Mapping[str, Any] = get_global("territory_zones")
    for country, zones in territory_zones.items():
        for zone in zones:
            if zone not in order.setdefault(country, []):
                order[country].append(zone)
    return {country: tuple(zones) for country, zones in order.items() if zones}


def zones_of_country(country: str) -> tuple[str, ...]:
    """Every zone of a country (empty if unknown)."""
    return _country_zones().get(country.upper(), ())


def primary_zone(country: str) -> str | None:
    """The zone where most of a country's people live, or None for an unknown country."""
    zones = zones_of_country(country)
    if not zones:
        return None
    return _PRIMARY.get(country.upper(), zones[0])


def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)  # ZoneInfo keeps its own cache of loaded zones


@lru_cache(maxsize=1)
def _all_guessable() -> tuple[str, ...]:
    zones: set[str] = set()
    for country_zones in _country_zones().values():
        zones.update(country_zones)
    return tuple(sorted(z for z in zones if z.lower() in _canonical_names() or z in _COMMON))


def _offset_at(zone: str, instant: float) -> int | None:
    try:
        offset = datetime.fromtimestamp(instant, UTC).astimezone(_zone(zone)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OverflowError, OSError):
        return None
    return None if offset is None else int(offset.total_seconds())


def guess_zone(observations: Sequence[tuple[float, int]], country: str | None) -> ZoneGuess | None:
    """Guess a contact's zone from `(utc_epoch, utc_offset_seconds)` pairs of their past Date
    headers and their country (from the address), or None when there is nothing to go on.

    The zone explaining the most offsets wins; ties go to the country's zones, then its main
    zone, then zones many partners use. With no usable offsets: the country's main zone.
    """
    in_country = set(zones_of_country(country)) if country else set()
    if observations:
        scores: dict[str, int] = {}
        for zone in _candidates(in_country):
            scores[zone] = sum(_offset_at(zone, when) == offset for when, offset in observations)
        best = max(scores.values(), default=0)
        if best > 0:
            tied = [zone for zone, score in scores.items() if score == best]
            main = primary_zone(country) if country else None
            primaries = {primary_zone(c) for c in _country_zones()}

            def rank(zone: str) -> tuple[int, int, int, int, str]:
                common = _COMMON.index(zone) if zone in _COMMON else len(_COMMON)
                return (zone not in in_country, zone != main, common, zone not in primaries, zone)

            return ZoneGuess(min(tied, key=rank), "date-offsets", best, len(observations))
    if country:
        main = primary_zone(country)
        if main:
            return ZoneGuess(main, "domain", 0, len(observations))
    return None


def _candidates(in_country: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*in_country, *_all_guessable()]))
