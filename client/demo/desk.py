"""The trade desk in the demo profile: customers built from the demo mail with stages, and
one message waiting in the outbox as `scheduled` (send later, at Hans's 09:00).

`install_demo_customers(store)` (called by `build_demo_profile`): customers and their stages.
`schedule_demo_message(profile_dir)` (called by the app's `--demo` start, not by
`build_demo_profile`, whose empty outbox tests rely on): the scheduled message. Both are
idempotent (settings `demo.customers`, `demo.scheduled`). Caller's thread; no network.
"""

from __future__ import annotations

import time
from pathlib import Path

from client.compose.drafts import DraftFields
from client.customers.build import build_customers
from client.customers.later import queue_later, their_morning
from client.customers.records import customer_of_address, edit_customer
from client.customers.send_time import buyer_morning
from client.outgoing.pipeline import queue_message
from client.store.db import Store

CUSTOMERS_KEY = "demo.customers"
SCHEDULED_KEY = "demo.scheduled"
STAGES = {
    "hans.kraemer@kraemer-licht.example": ("customer", "Europe/Berlin", "Kraemer Licht GmbH"),
    "omar.alfarsi@alnoor-hotels.example": ("prospect", "Asia/Dubai", "Al Noor Hotels"),
    "d.sokolov@svettorg.example": ("lead", "Europe/Moscow", "SvetTorg"),
    "compras@iluminacion-ruiz.example": ("lost", "Europe/Madrid", "Iluminación Ruiz S.L."),
}
HANS = "hans.kraemer@kraemer-licht.example"


def install_demo_customers(store: Store) -> None:
    """Customers from the demo mail, four of them with a stage, zone and company name."""
    if store.get_setting(CUSTOMERS_KEY):
        return
    build_customers(store)
    for address, (stage, zone, name) in STAGES.items():
        customer = customer_of_address(store, address)
        if customer is not None:
            edit_customer(store, customer.id, stage=stage, zone=zone, name=name)
    store.set_setting(CUSTOMERS_KEY, True)


def schedule_demo_message(profile_dir: Path) -> None:
    """One message to Hans, scheduled at his next working-day 09:00 (see the module)."""
    from client.profile.paths import DATABASE_NAME

    with Store.open(profile_dir / DATABASE_NAME) as store:
        accounts = store.list_accounts()
        if store.get_setting(SCHEDULED_KEY) or len(accounts) != 1:
            return
        account = accounts[0]
        install_demo_customers(store)
        found = their_morning(store, HANS)
        send_at = found[0] if found else buyer_morning("Europe/Berlin", "DE", time.time())
        fields = DraftFields(
            sender=account.email, to=f"Hans Krämer <{HANS}>",
            subject="LED panels LP-600: sample dispatch", text=(
                "Dear Mr Krämer,\n\nthe two LP-600 samples leave Ningbo on Friday by DHL; "
                "the tracking number follows.\n\nBest regards,\nMei Lin\n"))
        queue_later(store, lambda: queue_message(store, account.id, fields), send_at)
        store.set_setting(SCHEDULED_KEY, True)
