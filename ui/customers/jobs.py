"""The customers window's background work (thread pool; each call opens its own Store).

`load_list(db)`: customers built from any new mail first, then listed; `load_view(db, id)`:
one customer's `CustomerView`; `save(db, id, fields)`; `merge(db, keep, other)`. They raise
`CustomerError` in words (shown by the window); never called on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from client.customers.build import build_customers
from client.customers.records import (
    Customer,
    Duplicate,
    edit_customer,
    find_duplicates,
    list_customers,
    merge_customers,
)
from client.customers.view import CustomerView, customer_view
from client.store.db import Store


def load_list(db_path: Path) -> tuple[list[Customer], list[Duplicate]]:
    with Store.open(db_path) as store:
        build_customers(store)
        return list_customers(store), find_duplicates(store)


def load_view(db_path: Path, customer_id: int) -> CustomerView:
    with Store.open(db_path) as store:
        return customer_view(store, customer_id)


def save(db_path: Path, customer_id: int, fields: dict[str, str]) -> Customer:
    with Store.open(db_path) as store:
        return edit_customer(store, customer_id, **fields)


def merge(db_path: Path, keep: int, other: int) -> Customer:
    with Store.open(db_path) as store:
        return merge_customers(store, keep, other)
