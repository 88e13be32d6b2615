"""Customers from the cached mail, incrementally.

`build_customers(store, full=False) -> BuildReport` reads the message rows above the setting
`customers.built_upto` (all rows with `full=True`, or when that row is gone), in id order:
- a message from someone who is not the rep (no account or identity of the profile) belongs
  to its sender ("in"); one from the rep to its first outside To/Cc recipient ("out");
  colleagues (the registrable domain of one of the rep's business addresses) are no buyers;
- the address's customer is found by `customer_addresses`, else by its registrable domain
  (`domains.registrable_domain`, public-suffix list: `sales.acme.com.cn` → `acme.com.cn`),
  following merges, else created: a company for a business domain (named after the domain,
  the country of a country-code suffix), a contact for a free-mail address (named after the
  sender's display name);
- `customer_messages` records the message's customer and direction;
- a B2B platform's notification (an `inquiries` row with a platform, `client.channels`, which
  runs first after a sync) is skipped: the platform is no buyer, the notification's buyer
  is recorded by `client.channels.buyers`.
Idempotent (re-running changes nothing; a row is classified once). One durable transaction per
batch of 2,000 rows, so an interruption keeps whole batches. Called by the after-sync jobs
(`client.jobs.after_sync`) and `tradewind customers build`. Caller's Store and thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from client.customers import records
from client.customers.domains import domain_of, is_free_mail, registrable_domain
from client.store.db import Store

UPTO_KEY = "customers.built_upto"
BATCH = 2000


@dataclass
class BuildReport:
    """What one run did: rows read, customers created (ids), messages assigned."""

    rows: int = 0
    created: list[int] = field(default_factory=list)
    assigned: int = 0

    def as_json(self) -> dict[str, object]:
        return {"rows": self.rows, "created": self.created, "assigned": self.assigned}


def own_addresses(store: Store) -> set[str]:
    """Every address of the profile's accounts and identities, lower-cased."""
    rows = store.conn.execute("SELECT email FROM accounts UNION SELECT email FROM identities")
    return {str(r[0]).strip().lower() for r in rows if r[0]}


def _company_name(domain: str) -> str:
    label = domain.split(".", 1)[0]
    return label.replace("-", " ").title() if not label.isdigit() else domain


def _country(domain: str) -> str | None:
    from client.meetings.zones import country_of_address

    return country_of_address("x@" + domain)


def own_domains(own: set[str]) -> set[str]:
    """The registrable domains of the rep's own business addresses (colleagues are no buyers)."""
    domains = {registrable_domain(domain_of(a)) for a in own}
    return {d for d in domains if d and not is_free_mail(d)}


def _customer_for(store: Store, address: str, name: str, report: BuildReport,
                  colleagues: set[str]) -> int | None:
    row = store.conn.execute("SELECT customer_id FROM customer_addresses WHERE address = ?",
                             (address,)).fetchone()
    if row is not None:
        return records.resolve(store, int(row[0]))
    domain = registrable_domain(domain_of(address))
    if not domain or domain in colleagues:
        return None  # no usable host, or the rep's own company: not a buyer
    if is_free_mail(domain):
        cid = records.create_customer(store, "contact", None, name or address, None)
        report.created.append(cid)
    else:
        found = store.conn.execute(
            "SELECT id FROM customers WHERE domain = ? ORDER BY merged_into IS NOT NULL, id"
            " LIMIT 1", (domain,)).fetchone()
        if found is not None:
            cid = records.resolve(store, int(found[0]))
        else:
            cid = records.create_customer(store, "company", domain, _company_name(domain),
                                          _country(domain))
            report.created.append(cid)
    store.conn.execute(
        "INSERT OR IGNORE INTO customer_addresses (address, customer_id, name) VALUES (?, ?, ?)",
        (address, cid, name))
    return cid


def _outside_recipient(to_json: str, cc_json: str, own: set[str],
                       colleagues: set[str]) -> tuple[str, str] | None:
    for text in (to_json, cc_json):
        try:
            pairs = json.loads(text or "[]")
        except ValueError:
            continue
        for pair in pairs:
            if isinstance(pair, list) and len(pair) == 2 and pair[1]:
                address = str(pair[1]).strip().lower()
                if address not in own and registrable_domain(domain_of(address)) not in colleagues:
                    return str(pair[0] or ""), address
    return None


def build_customers(store: Store, *, full: bool = False) -> BuildReport:
    """Classify new message rows (see the module); returns what changed."""
    report = BuildReport()
    own = own_addresses(store)
    colleagues: set[str] | None = None  # the public-suffix list loads only when rows wait
    upto = 0 if full else int(store.get_setting(UPTO_KEY, 0) or 0)
    if upto and store.conn.execute("SELECT 1 FROM messages WHERE id = ?",
                                   (upto,)).fetchone() is None:
        upto = 0  # the row we stopped at is gone (cache rebuilt): look at every row again
    while True:
        rows = store.conn.execute(
            "SELECT id, from_name, from_email, to_json, cc_json FROM messages WHERE id > ?"
            " AND id NOT IN (SELECT message_row FROM inquiries WHERE platform IS NOT NULL)"
            " ORDER BY id LIMIT ?", (upto, BATCH)).fetchall()
        if not rows:
            break
        if colleagues is None:
            colleagues = own_domains(own)
        with store.transaction(durable=True) as conn:
            for row_id, from_name, from_email, to_json, cc_json in rows:
                report.rows += 1
                sender = str(from_email or "").strip().lower()
                if sender and sender not in own:
                    target: tuple[str, str] | None = (str(from_name or ""), sender)
                    direction = "in"
                else:
                    target = _outside_recipient(str(to_json), str(cc_json), own, colleagues)
                    direction = "out"
                if target is None:
                    continue
                cid = _customer_for(store, target[1], target[0], report, colleagues)
                if cid is None:
                    continue
                cur = conn.execute(
                    "INSERT OR IGNORE INTO customer_messages (message_row, customer_id,"
                    " direction) VALUES (?, ?, ?)", (int(row_id), cid, direction))
                report.assigned += cur.rowcount
            upto = int(rows[-1][0])
            store.set_setting(UPTO_KEY, upto)
    return report
