"""Editing, merging and the duplicate check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from client.customers.build import build_customers
from client.customers.records import (
    CustomerError,
    customer_of_address,
    edit_customer,
    find_duplicates,
    get_customer,
    merge_customers,
)
from client.store.db import Store
from tests.client.customers.conftest import REP


def _ids(store: Store, *addresses: str) -> list[int]:
    build_customers(store)
    found = [customer_of_address(store, a) for a in addresses]
    assert all(found)
    return [c.id for c in found if c is not None]


def test_edit_checks_every_value_before_writing(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("a@importer.de", REP)
    [cid] = _ids(desk_store, "a@importer.de")
    changed = edit_customer(desk_store, cid, stage="prospect", name="Importer GmbH",
                            zone="Europe/Berlin", owner="anna", notes="met at Canton Fair")
    assert (changed.stage, changed.name, changed.zone) == ("prospect", "Importer GmbH",
                                                           "Europe/Berlin")
    with pytest.raises(CustomerError, match="stage must be one of"):
        edit_customer(desk_store, cid, name="Other", stage="friend")
    with pytest.raises(CustomerError):
        edit_customer(desk_store, cid, zone="CST")
    with pytest.raises(CustomerError, match="two-letter"):
        edit_customer(desk_store, cid, country="Germany")
    assert get_customer(desk_store, cid).name == "Importer GmbH"  # nothing half written
    with pytest.raises(CustomerError, match="no customer 999"):
        edit_customer(desk_store, 999, stage="lost")


def test_merge_moves_addresses_and_mail_and_keeps_fields(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("a@acme.de", REP)
    add_mail("b@acme.de", REP)
    add_mail("boss@gmail.com", REP)
    keep, other = _ids(desk_store, "a@acme.de", "boss@gmail.com")
    edit_customer(desk_store, other, phone="+49 30 1234567", notes="the owner", stage="customer")
    merged = merge_customers(desk_store, keep, other)
    assert merged.id == keep and set(merged.addresses) == {"a@acme.de", "b@acme.de",
                                                           "boss@gmail.com"}
    assert merged.phone == "+49 30 1234567" and merged.stage == "customer"
    assert "the owner" in merged.notes
    assert get_customer(desk_store, other).id == keep  # the old id leads to the survivor
    count = desk_store.conn.execute(
        "SELECT COUNT(*) FROM customer_messages WHERE customer_id = ?", (keep,)).fetchone()[0]
    assert count == 3
    with pytest.raises(CustomerError, match="already the same"):
        merge_customers(desk_store, keep, other)


def test_duplicates_by_domain_name_and_phone(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    for sender in ("a@acme.de", "b@acme.com", "c@globex.com", "d@gbx-intl.cn",
                   "e@initech.co.uk", "boss@gmail.com", "f@unrelated.fr",
                   "hans@kraemer-licht.de", "hans@kraemer-llcht.de"):
        add_mail(sender, REP)
    acme_de, acme_com, globex, globex_cn, initech, boss, unrelated, real, fake = _ids(
        desk_store, "a@acme.de", "b@acme.com", "c@globex.com", "d@gbx-intl.cn",
        "e@initech.co.uk", "boss@gmail.com", "f@unrelated.fr", "hans@kraemer-licht.de",
        "hans@kraemer-llcht.de")
    edit_customer(desk_store, globex, name="Globex Corporation")
    edit_customer(desk_store, globex_cn, name="GLOBEX Ltd.")
    edit_customer(desk_store, initech, phone="+44 20 7946 0958")
    edit_customer(desk_store, boss, phone="020 7946 0958")
    pairs = {(d.first, d.second): d.reason for d in find_duplicates(desk_store)}
    assert pairs == {
        (acme_de, acme_com): "same domain",
        (globex, globex_cn): "similar names",
        (initech, boss): "same phone",
        (real, fake): "lookalike domain",
    }
    assert all(unrelated not in pair for pair in pairs)
