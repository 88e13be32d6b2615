"""The buyer's local time: clock, weekday, working hours, weekend or public holiday.

`buyer_zone(store, address) -> ZoneChoice | None`: the customer's own zone when the rep set
one (`customers edit --zone`), else `client.meetings.contact_zones.resolve_zone` (remembered
zone, Date-header offsets, the domain's country). `local_time(zone, country, at) ->
LocalTime` for a UTC instant; `label()` is the short English line ("Tue 14:05, outside
working hours (holiday: Christmas Day)"); the app builds its own translated line from the
fields. Working hours are the meeting planner's (`DEFAULT_HOURS`, 09:00–18:00) on a working
day of `client.meetings.workweek`. Pure but `buyer_zone` (the caller's Store and thread).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime

from client.meetings.contact_zones import ZoneChoice, resolve_zone
from client.meetings.planner import DEFAULT_HOURS
from client.meetings.workweek import WorkCalendar
from client.meetings.zones import country_of_zone
from client.store.db import Store


@dataclass(frozen=True, slots=True)
class LocalTime:
    """One instant in the buyer's zone. `reason`: None (inside working hours), "weekend",
    "holiday", "before-hours" or "after-hours"; `holiday` names the holiday."""

    zone: str
    local: datetime
    working_day: bool
    inside_hours: bool
    reason: str | None
    holiday: str | None

    @property
    def clock(self) -> str:
        return self.local.strftime("%H:%M")

    @property
    def weekday(self) -> int:
        """0 = Monday."""
        return self.local.weekday()

    def label(self) -> str:
        """Short English description (the CLI's; the app translates its own)."""
        text = f"{self.local.strftime('%a')} {self.clock} ({self.zone})"
        if self.inside_hours:
            return text
        if self.reason == "holiday":
            return f"{text}, outside working hours (holiday: {self.holiday})"
        if self.reason == "weekend":
            return f"{text}, outside working hours (weekend)"
        return f"{text}, outside working hours"

    def as_json(self) -> dict[str, object]:
        return {"zone": self.zone, "local": self.local.isoformat(), "clock": self.clock,
                "weekday": self.weekday, "working_day": self.working_day,
                "inside_hours": self.inside_hours, "reason": self.reason,
                "holiday": self.holiday}


def local_time(zone: str, country: str | None, at: datetime | float,
               calendar: WorkCalendar | None = None) -> LocalTime:
    """`at` (aware datetime or UTC epoch) in `zone`; weekends and holidays of `country` (the
    zone's country when None). Raises `zoneinfo.ZoneInfoNotFoundError` for an unknown zone."""
    instant = datetime.fromtimestamp(at, UTC) if isinstance(at, (int, float)) else at
    local = instant.astimezone(zoneinfo.ZoneInfo(zone))
    work = calendar or WorkCalendar(country or country_of_zone(zone))
    day = work.day(local.date())
    start, end = DEFAULT_HOURS
    now = local.time().replace(tzinfo=None)
    if not day.working:
        return LocalTime(zone, local, False, False, day.reason, day.name)
    if now < start:
        return LocalTime(zone, local, True, False, "before-hours", None)
    if now >= end:
        return LocalTime(zone, local, True, False, "after-hours", None)
    return LocalTime(zone, local, True, True, None, None)


def buyer_zone(store: Store | None, address: str) -> ZoneChoice | None:
    """The zone to show the buyer's time in (see the module), or None when nothing is known."""
    if store is not None:
        from client.customers.records import customer_of_address

        customer = customer_of_address(store, address)
        if customer is not None and customer.zone:
            return ZoneChoice(address.strip().lower(), customer.zone, "customer",
                              customer.country or country_of_zone(customer.zone))
    return resolve_zone(store, address)


def buyer_time_now(store: Store, address: str, now: float | None = None) -> LocalTime | None:
    """The buyer's local time now for a message from `address` (the reader header, the list
    column): None when the address is the rep's own, belongs to no customer, or has no zone."""
    import time

    from client.customers.build import own_addresses
    from client.customers.records import customer_of_address

    normal = address.strip().lower()
    if not normal or normal in own_addresses(store) or customer_of_address(store, normal) is None:
        return None
    choice = buyer_zone(store, normal)
    if choice is None:
        return None
    return local_time(choice.zone, choice.country, time.time() if now is None else now)


def known_zones(store: Store) -> dict[str, tuple[str, str | None]]:
    """address → (zone, country) for every customer address whose zone is known without
    reading mail: the customer's zone, else the zone remembered for the address (`meet zone`),
    else the main zone of the customer's country. For the list column (a few queries, no
    Date-header guessing); the rep's own addresses are left out."""
    from client.customers.build import own_addresses
    from client.meetings.contact_zones import remembered_zones
    from client.meetings.zones import primary_zone

    own = own_addresses(store)
    remembered = {r.address: r.zone for r in remembered_zones(store)}
    found: dict[str, tuple[str, str | None]] = {}
    rows = store.conn.execute(
        "SELECT a.address, c.zone, c.country FROM customer_addresses a"
        " JOIN customers c ON c.id = a.customer_id")
    for address, zone, country in rows:
        address = str(address).lower()
        if address in own:
            continue
        chosen = zone or remembered.get(address) or (primary_zone(country) if country else None)
        if chosen:
            found[address] = (str(chosen), country or country_of_zone(str(chosen)))
    return found
