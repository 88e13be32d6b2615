"""The quote tables are local-only rows: a cache rebuild (`client.store.recovery`) exports them
and puts them back (price list, number counters, quote records and their lines). Registered
when `client.quotes` is imported (the CLI imports it at start through `client.cli.quote_cmd`).
Pure data; any thread; idempotent.
"""

from __future__ import annotations

from client.store.local_tables import LocalTable, register_local_table

TABLES = (
    LocalTable("products", "products", "price list products"),
    LocalTable("product_prices", "product_prices", "price list prices",
               required={"product_id": "products"}),
    LocalTable("quote_sequences", "quote_sequences", "quote number counters", replace=True),
    LocalTable("quotes", "quotes", "quotes",
               optional={"account_id": "accounts", "inquiry_row": "messages"}),
    LocalTable("quote_items", "quote_items", "quote lines", required={"quote_id": "quotes"}),
)


def register() -> None:
    """Add the quote tables to the rebuild registry (after the core tables)."""
    for entry in TABLES:
        register_local_table(entry)
