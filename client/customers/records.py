"""Customer rows: read, edit, merge, and the duplicate check.

A customer is a company (`kind` "company", keyed by its registrable `domain`) or a free-mail
contact (`kind` "contact", one address). `customer_addresses` maps every address seen to its
customer. A merged customer keeps its row with `merged_into` set (so later mail at its domain
finds the survivor) and disappears from lists. Caller's Store and thread; writes are durable
transactions; bad input raises `CustomerError` in words and changes nothing.
"""

from __future__ import annotations

import difflib
import re
import time
from dataclasses import dataclass

from client.store.db import Store

STAGES = ("lead", "prospect", "customer", "lost")
EDITABLE = ("name", "country", "zone", "stage", "owner", "phone", "notes")


class CustomerError(Exception):
    """A customer action is not possible (unknown id, bad value); `str()` says why."""


@dataclass(frozen=True, slots=True)
class Customer:
    id: int
    kind: str
    domain: str | None
    name: str
    country: str | None
    zone: str | None
    stage: str
    owner: str
    phone: str
    notes: str
    created: float
    addresses: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "kind": self.kind, "domain": self.domain, "name": self.name,
            "country": self.country, "zone": self.zone, "stage": self.stage,
            "owner": self.owner, "phone": self.phone, "notes": self.notes,
            "addresses": list(self.addresses),
        }


_COLUMNS = "id, kind, domain, name, country, zone, stage, owner, phone, notes, created"


def _addresses(store: Store, customer_id: int) -> tuple[str, ...]:
    rows = store.conn.execute(
        "SELECT address FROM customer_addresses WHERE customer_id = ? ORDER BY address",
        (customer_id,)).fetchall()
    return tuple(str(r[0]) for r in rows)


def _customer(store: Store, row: tuple[object, ...]) -> Customer:
    cid = int(row[0])  # type: ignore[call-overload]
    return Customer(cid, str(row[1]), None if row[2] is None else str(row[2]), str(row[3]),
                    None if row[4] is None else str(row[4]),
                    None if row[5] is None else str(row[5]), str(row[6]), str(row[7]),
                    str(row[8]), str(row[9]), float(row[10]),  # type: ignore[arg-type]
                    _addresses(store, cid))


def resolve(store: Store, customer_id: int) -> int:
    """The surviving id of `customer_id` (follows merges); `CustomerError` if unknown."""
    seen: set[int] = set()
    current = customer_id
    while current not in seen:
        seen.add(current)
        row = store.conn.execute("SELECT merged_into FROM customers WHERE id = ?",
                                 (current,)).fetchone()
        if row is None:
            raise CustomerError(f"There is no customer {customer_id}.")
        if row[0] is None:
            return current
        current = int(row[0])
    return current


def get_customer(store: Store, customer_id: int) -> Customer:
    """One customer (a merged id gives its survivor); raises `CustomerError`."""
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM customers WHERE id = ?",
                             (resolve(store, customer_id),)).fetchone()
    return _customer(store, row)


def list_customers(store: Store, stage: str | None = None) -> list[Customer]:
    """Every customer not merged away, by name."""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM customers WHERE merged_into IS NULL"
        " AND (? IS NULL OR stage = ?) ORDER BY lower(name), id", (stage, stage)).fetchall()
    return [_customer(store, r) for r in rows]


def customer_of_address(store: Store, address: str) -> Customer | None:
    """The customer an address belongs to, or None."""
    row = store.conn.execute("SELECT customer_id FROM customer_addresses WHERE address = ?",
                             (address.strip().lower(),)).fetchone()
    return None if row is None else get_customer(store, int(row[0]))


def _check(field: str, value: str) -> str | None:
    value = value.strip()
    if field == "stage":
        if value not in STAGES:
            raise CustomerError(f"The stage must be one of {', '.join(STAGES)}, not {value!r}.")
    elif field == "country":
        if value and not re.fullmatch(r"[A-Za-z]{2}", value):
            raise CustomerError(f"The country must be a two-letter code such as DE, not "
                                f"{value!r}.")
        return value.upper() or None
    elif field == "zone":
        if value:
            from client.meetings.zones import ZoneError, validate_zone

            try:
                return validate_zone(value)
            except ZoneError as exc:
                raise CustomerError(str(exc)) from None
        return None
    elif field == "name" and len(value) > 200:
        raise CustomerError("The company name is longer than 200 characters.")
    elif any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise CustomerError(f"The {field} holds a control character.")
    return value


def edit_customer(store: Store, customer_id: int, **fields: str) -> Customer:
    """Change editable fields (`EDITABLE`); every value is checked before anything is
    written. Idempotent."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise CustomerError(f"Unknown customer field: {', '.join(sorted(unknown))}.")
    values = {k: _check(k, v) for k, v in fields.items()}
    cid = resolve(store, customer_id)
    if values:
        sets = ", ".join(f"{k} = ?" for k in values)
        with store.transaction(durable=True) as conn:
            conn.execute(f"UPDATE customers SET {sets} WHERE id = ?", (*values.values(), cid))
    return get_customer(store, cid)


def create_customer(store: Store, kind: str, domain: str | None, name: str,
                    country: str | None) -> int:
    """A new customer row (the builder's; in the caller's transaction)."""
    cur = store.conn.execute(
        "INSERT INTO customers (kind, domain, name, country, created) VALUES (?, ?, ?, ?, ?)",
        (kind, domain, name, country, time.time()))
    return int(cur.lastrowid or 0)


def merge_customers(store: Store, keep: int, other: int) -> Customer:
    """Merge `other` into `keep`: its addresses and messages move, empty fields of `keep` take
    `other`'s values, notes are joined; `other` is kept as a pointer. One durable
    transaction; raises `CustomerError` for unknown ids or the same customer twice."""
    a, b = resolve(store, keep), resolve(store, other)
    if a == b:
        raise CustomerError(f"Customers {keep} and {other} are already the same customer.")
    first, second = get_customer(store, a), get_customer(store, b)
    updates: dict[str, object] = {}
    for field in ("country", "zone", "owner", "phone"):
        if not getattr(first, field) and getattr(second, field):
            updates[field] = getattr(second, field)
    if second.notes and second.notes not in first.notes:
        updates["notes"] = "\n".join(filter(None, [first.notes, second.notes]))
    if first.stage == "lead" and second.stage != "lead":
        updates["stage"] = second.stage
    if first.kind == "contact" and second.kind == "company":
        updates.update(kind="company", name=second.name)
    with store.transaction(durable=True) as conn:
        conn.execute("UPDATE customer_addresses SET customer_id = ? WHERE customer_id = ?",
                     (a, b))
        conn.execute("UPDATE customer_messages SET customer_id = ? WHERE customer_id = ?",
                     (a, b))
        conn.execute("UPDATE customers SET merged_into = ? WHERE id = ?", (a, b))
        if first.domain is None and second.domain is not None:
            updates["domain"] = second.domain
            conn.execute("UPDATE customers SET domain = NULL WHERE id = ?", (b,))
        if updates:
            sets = ", ".join(f"{k} = ?" for k in updates)
            conn.execute(f"UPDATE customers SET {sets} WHERE id = ?", (*updates.values(), a))
    return get_customer(store, a)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two customers that may be one, and why: `same domain`, `similar names`, `same phone`,
    or `lookalike domain` (one letter or so apart: may be an impostor, check before merging,
    security checklist B1)."""

    first: int
    second: int
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"first": self.first, "second": self.second, "reason": self.reason}


_LEGAL = re.compile(r"\b(co|company|corp|corporation|inc|ltd|limited|llc|gmbh|ag|sa|srl|spa|"
                    r"bv|oy|ab|plc|pty|kg|sas|trading|group|international|intl)\b\.?")


def name_key(name: str) -> str:
    """A company name without case, punctuation and legal forms ("ACME GmbH" → "acme")."""
    text = re.sub(r"[^\w\s]", " ", name.lower())
    return " ".join(_LEGAL.sub(" ", text).split())


def _lookalike(a: str, b: str) -> bool:
    """Labels one edit apart (two for long ones): `kunde`/`kvnde`, `kraemer-licht`/`-llcht`."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= (2 if min(len(a), len(b)) >= 10 else 1)


def find_duplicates(store: Store, *, similarity: float = 0.85) -> list[Duplicate]:
    """Pairs that may be the same buyer: the same registrable domain label under two suffixes
    (`acme.de`, `acme.com`), domain labels alike (`kraemer-licht`, `kraemer-llcht`: reported
    as a lookalike, which may be an impostor), names alike after legal forms are removed, or
    the same phone (digits only, 7 or more). Read-only; every pair once, lower id first."""
    people = list_customers(store)
    found: dict[tuple[int, int], str] = {}

    def add(x: Customer, y: Customer, reason: str) -> None:
        key = (min(x.id, y.id), max(x.id, y.id))
        found.setdefault(key, reason)

    for i, x in enumerate(people):
        for y in people[i + 1:]:
            lx = x.domain.split(".")[0] if x.domain else ""
            ly = y.domain.split(".")[0] if y.domain else ""
            if lx and lx == ly:
                add(x, y, "same domain")
                continue
            if lx and ly and _lookalike(lx, ly):
                add(x, y, "lookalike domain")
                continue
            px, py = re.sub(r"\D", "", x.phone), re.sub(r"\D", "", y.phone)
            if len(px) >= 7 and px[-9:] == py[-9:]:
                add(x, y, "same phone")
                continue
            kx, ky = name_key(x.name), name_key(y.name)
            if kx and ky and difflib.SequenceMatcher(None, kx, ky).ratio() >= similarity:
                add(x, y, "similar names")
    return [Duplicate(a, b, r) for (a, b), r in sorted(found.items())]
