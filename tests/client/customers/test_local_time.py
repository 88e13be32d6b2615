"""The buyer's local time: weekday, working hours, weekend and public holiday, zones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from client.customers.build import build_customers
from client.customers.local_time import buyer_zone, local_time
from client.customers.records import customer_of_address, edit_customer
from client.store.db import Store
from tests.client.customers.conftest import REP


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_inside_working_hours_in_shanghai() -> None:
    lt = local_time("Asia/Shanghai", None, _utc(2026, 12, 2, 2, 5))  # Wed 10:05 in Shanghai
    assert (lt.clock, lt.weekday, lt.inside_hours, lt.reason) == ("10:05", 2, True, None)
    assert lt.label() == "Wed 10:05 (Asia/Shanghai)"


def test_before_and_after_hours_on_a_working_day() -> None:
    early = local_time("Asia/Shanghai", None, _utc(2026, 12, 2, 23, 30))  # Thu 07:30
    assert early.working_day and not early.inside_hours and early.reason == "before-hours"
    late = local_time("America/New_York", None, _utc(2026, 12, 2, 23, 30))  # Wed 18:30
    assert late.reason == "after-hours" and late.clock == "18:30"
    assert late.label().endswith("outside working hours")


def test_weekend_and_the_same_instant_elsewhere() -> None:
    instant = _utc(2026, 12, 4, 23, 30)  # Sat 07:30 in Shanghai, Fri 18:30 in New York
    assert local_time("Asia/Shanghai", None, instant).reason == "weekend"
    assert local_time("America/New_York", None, instant).reason == "after-hours"
    assert "weekend" in local_time("Asia/Shanghai", None, instant).label()


def test_public_holiday_by_the_buyer_country() -> None:
    christmas = _utc(2026, 12, 25, 10, 0)  # Friday
    lt = local_time("Europe/Berlin", None, christmas)
    assert lt.reason == "holiday" and lt.holiday and "Christmas" in lt.holiday
    assert "holiday" in lt.label()
    assert local_time("Asia/Shanghai", None, christmas).inside_hours is False  # 18:00 there
    assert local_time("Asia/Tokyo", None, _utc(2026, 12, 25, 1, 0)).inside_hours  # 10:00


def test_uae_weekend_is_saturday_and_sunday_since_2022() -> None:
    friday = _utc(2026, 12, 4, 7, 0)  # Fri 11:00 in Dubai
    assert local_time("Asia/Dubai", None, friday).inside_hours


def test_zone_of_a_customer_wins_over_the_guess(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("a@importer.de", REP, date="Wed, 02 Dec 2026 09:00:00 +0100")
    build_customers(desk_store)
    guessed = buyer_zone(desk_store, "a@importer.de")
    assert guessed is not None and guessed.zone == "Europe/Berlin"
    customer = customer_of_address(desk_store, "a@importer.de")
    assert customer is not None
    edit_customer(desk_store, customer.id, zone="America/Chicago")
    chosen = buyer_zone(desk_store, "a@importer.de")
    assert chosen is not None and (chosen.zone, chosen.source) == ("America/Chicago", "customer")


def test_unknown_zone_raises() -> None:
    with pytest.raises(Exception, match="No time zone"):
        local_time("Mars/Olympus", None, 0.0)
