"""The customer rows are the rep's own data (stage, owner, notes, merges): a cache rebuild
(`client.store.recovery`) exports them and puts them back. `customer_messages` is not kept:
it is rebuilt from the mail (`build`, which starts over when its last row is gone).
Registered when `client.customers.records` is imported (the CLI does at start through
`client.cli.customers_cmd`). Pure data; any thread; idempotent.
"""

from __future__ import annotations

from client.store.local_tables import LocalTable, register_local_table

TABLES = (
    LocalTable("customers", "customers", "customers", optional={"merged_into": "customers"}),
    LocalTable("customer_addresses", "customer_addresses", "customer addresses",
               required={"customer_id": "customers"}),
)


def register() -> None:
    """Add the customer tables to the rebuild registry (after the core tables)."""
    for entry in TABLES:
        register_local_table(entry)


register()
