"""A cache rebuild (checklist S3) keeps the rep's customer edits and merges, and a scheduled
message with its time; the message-to-customer links are rebuilt from the mail."""

from __future__ import annotations

import time
from collections.abc import Callable

from client.customers.build import build_customers
from client.customers.records import customer_of_address, edit_customer, merge_customers
from client.smtp.outbox import Outbox
from client.store import Store, quarantine_and_rebuild
from tests.client.customers.conftest import REP


def test_rebuild_keeps_customers_and_the_scheduled_message(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("a@acme.de", REP)
    add_mail("b@acme.com", REP)
    build_customers(desk_store)
    de = customer_of_address(desk_store, "a@acme.de")
    com = customer_of_address(desk_store, "b@acme.com")
    assert de is not None and com is not None
    edit_customer(desk_store, de.id, stage="customer", notes="pays on time")
    merge_customers(desk_store, de.id, com.id)
    box = Outbox(desk_store)
    item_id = box.enqueue(desk_store.list_accounts()[0].id, b"Subject: x\r\n\r\nx\r\n",
                          message_id="<s@x>", sender=REP, recipients=["a@acme.de"])
    at = time.time() + 86400
    box.schedule(item_id, at)
    path = desk_store.path
    desk_store.close()
    quarantine_and_rebuild(path)
    with Store.open(path) as fresh:
        kept = customer_of_address(fresh, "b@acme.com")
        assert kept is not None and kept.id == de.id
        assert (kept.stage, kept.notes) == ("customer", "pays on time")
        item = Outbox(fresh).get(item_id)
        assert item.state == "scheduled" and item.send_at == at
