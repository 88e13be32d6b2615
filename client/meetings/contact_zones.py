"""Remembered time zones per contact, and the zone to use for an attendee.

Zones the user gives are kept in the cache's `settings` table under `meet.zone:<address>`
(value `{"zone", "source", "updated"}`; address lower-cased), so no schema change is needed and
the quarantine export of a damaged cache keeps them. `resolve_zone(store, address)`: the
remembered zone, else a guess from the Date offsets of the contact's cached mail and the country
domain (`zones.guess_zone`), else None. A damaged stored value is ignored, never raised.
On the store's own thread. `AddressError` / `ZoneError` (words) for bad input; nothing is
written then.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from client.meetings.sender_offsets import date_offsets
from client.meetings.zones import (
    ZoneError,
    country_of_address,
    country_of_zone,
    guess_zone,
    safe_text,
    validate_zone,
)

if TYPE_CHECKING:
    from client.store.db import Store

KEY_PREFIX = "meet.zone:"
MAX_ADDRESS = 254


class AddressError(ValueError):
    """An attendee address that is not a plain mail address."""


@dataclass(frozen=True)
class ZoneChoice:
    """The zone used for a contact: `source` is "given", "remembered", "date-offsets" or
    "domain"; `country` drives weekends and holidays (from the zone, else the domain)."""

    address: str
    zone: str
    source: str
    country: str | None


@dataclass(frozen=True)
class Remembered:
    address: str
    zone: str
    source: str
    updated: float


def normalise_address(address: str) -> str:
    """The lower-cased address; raises `AddressError` when it is not `local@domain`."""
    value = (address or "").strip()
    shown = safe_text(value, 60)
    if (not value or len(value) > MAX_ADDRESS or value.count("@") != 1
            or any(ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf"} for ch in value)):
        raise AddressError(f"{shown!r} is not a mail address (expected name@domain)")
    local, domain = value.split("@")
    if not local or not domain or domain.startswith(".") or ".." in domain:
        raise AddressError(f"{shown!r} is not a mail address (expected name@domain)")
    return value.lower()


def _key(address: str) -> str:
    return KEY_PREFIX + normalise_address(address)


def _read(address: str, value: Any) -> Remembered | None:
    if not isinstance(value, dict):
        return None
    try:
        zone = validate_zone(str(value.get("zone", "")))
    except ZoneError:
        return None
    updated = value.get("updated")
    return Remembered(address, zone, str(value.get("source") or "user"),
                      float(updated) if isinstance(updated, int | float) else 0.0)


def remember_zone(store: Store, address: str, zone: str, source: str = "user") -> Remembered:
    """Keep `zone` for `address` (validated first). Idempotent."""
    key = _key(address)
    canonical = validate_zone(zone)
    record = Remembered(key[len(KEY_PREFIX):], canonical, source, time.time())
    store.set_setting(key, {"zone": canonical, "source": source, "updated": record.updated})
    return record


def forget_zone(store: Store, address: str) -> bool:
    """Drop a remembered zone; True if there was one."""
    key = _key(address)
    with store.transaction() as conn:
        return conn.execute("DELETE FROM settings WHERE key = ?", (key,)).rowcount > 0


def remembered_zone(store: Store, address: str) -> Remembered | None:
    key = _key(address)
    return _read(key[len(KEY_PREFIX):], store.get_setting(key))


def remembered_zones(store: Store) -> list[Remembered]:
    """Every usable remembered zone, by address."""
    rows = store.conn.execute(
        "SELECT key FROM settings WHERE key >= ? AND key < ? ORDER BY key",
        (KEY_PREFIX, KEY_PREFIX[:-1] + chr(ord(KEY_PREFIX[-1]) + 1)),
    ).fetchall()
    found = []
    for (key,) in rows:
        record = _read(key[len(KEY_PREFIX):], store.get_setting(key))
        if record is not None:
            found.append(record)
    return found


def resolve_zone(store: Store | None, address: str) -> ZoneChoice | None:
    """The zone to plan with for `address`, or None when nothing is known."""
    normal = normalise_address(address)
    domain_country = country_of_address(normal)
    if store is not None:
        record = remembered_zone(store, normal)
        if record is not None:
            return ZoneChoice(normal, record.zone, "remembered",
                              country_of_zone(record.zone) or domain_country)
    observations = date_offsets(store, normal) if store is not None else []
    guess = guess_zone(observations, domain_country)
    if guess is None:
        return None
    return ZoneChoice(normal, guess.zone, guess.source,
                      country_of_zone(guess.zone) or domain_country)
