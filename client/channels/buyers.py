"""The buyer a platform notification names becomes (or updates) a customer (client/customers).

`record_buyer(store, message_row, buyer) -> customer id | None`: only with the buyer's own
e-mail address (the platform's notification address is never a buyer). The address's
customer is found, else the company of its registrable domain, else created (a company named
as the notification says, a free-mail contact named after the buyer); an empty name of a
contact, a company still named after its domain, and an unknown country are filled from the
notification, nothing the rep set is overwritten. The message is recorded as that customer's
inbound mail (`customer_messages`, replacing the platform's row). Runs inside the caller's
transaction; caller's Store and thread; idempotent.
"""

from __future__ import annotations

from client.channels.platforms import Buyer
from client.customers import records
from client.customers.build import _company_name
from client.customers.domains import domain_of, is_free_mail, registrable_domain
from client.store.db import Store


def _find_or_create(store: Store, buyer: Buyer) -> int | None:
    found = records.customer_of_address(store, buyer.email)
    if found is not None:
        return found.id
    domain = registrable_domain(domain_of(buyer.email))
    if not domain:
        return None
    country = buyer.country if len(buyer.country) == 2 else None
    if is_free_mail(domain):
        return records.create_customer(store, "contact", None,
                                       buyer.name or buyer.company or buyer.email, country)
    row = store.conn.execute(
        "SELECT id FROM customers WHERE domain = ? ORDER BY merged_into IS NOT NULL, id LIMIT 1",
        (domain,)).fetchone()
    if row is not None:
        return records.resolve(store, int(row[0]))
    return records.create_customer(store, "company", domain,
                                   buyer.company or _company_name(domain), country)


def record_buyer(store: Store, message_row: int, buyer: Buyer) -> int | None:
    """See the module."""
    if not buyer.email:
        return None
    cid = _find_or_create(store, buyer)
    if cid is None:
        return None
    customer = records.get_customer(store, cid)
    updates: dict[str, str] = {}
    if customer.kind == "company" and buyer.company and customer.domain and (
            customer.name == _company_name(customer.domain)):
        updates["name"] = buyer.company[:200]
    if customer.kind == "contact" and buyer.name and customer.name in ("", buyer.email):
        updates["name"] = buyer.name[:200]
    if customer.country is None and len(buyer.country) == 2:
        updates["country"] = buyer.country
    conn = store.conn
    if updates:
        sets = ", ".join(f"{k} = ?" for k in updates)  # keys from the two literals above
        conn.execute(f"UPDATE customers SET {sets} WHERE id = ?", (*updates.values(), cid))
    conn.execute("INSERT OR IGNORE INTO customer_addresses (address, customer_id, name)"
                 " VALUES (?, ?, ?)", (buyer.email, cid, buyer.name[:200]))
    conn.execute("INSERT OR REPLACE INTO customer_messages (message_row, customer_id, direction)"
                 " VALUES (?, ?, 'in')", (message_row, cid))
    return cid
