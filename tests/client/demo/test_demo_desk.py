"""The demo profile shows the trade desk: customers with stages, and (on the app's --demo
start) one message waiting in the outbox as `scheduled` at Hans's 09:00."""

from __future__ import annotations

from pathlib import Path

from client.customers.records import customer_of_address, list_customers
from client.customers.send_time import buyer_morning
from client.demo import build_demo_profile
from client.demo.desk import schedule_demo_message
from client.profile.paths import DATABASE_NAME
from client.smtp.outbox import Outbox
from client.store.db import Store


def test_demo_customers_have_stages_and_the_outbox_one_scheduled_message(tmp_path: Path) -> None:
    profile = tmp_path / "demo"
    build_demo_profile(profile)
    with Store.open(profile / DATABASE_NAME) as store:
        hans = customer_of_address(store, "hans.kraemer@kraemer-licht.example")
        assert hans is not None and (hans.stage, hans.zone) == ("customer", "Europe/Berlin")
        assert {c.stage for c in list_customers(store)} == {"lead", "prospect", "customer",
                                                             "lost"}
        assert Outbox(store).items() == []  # build_demo_profile alone queues nothing
    schedule_demo_message(profile)
    schedule_demo_message(profile)  # idempotent
    with Store.open(profile / DATABASE_NAME) as store:
        [item] = Outbox(store).items()
    assert item.state == "scheduled" and item.send_at is not None
    assert abs(item.send_at - buyer_morning("Europe/Berlin", "DE", item.created)) < 1
