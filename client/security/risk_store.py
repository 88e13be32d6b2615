"""The fraud guard's tables (schema 17): known bank details, the allow list, the trusted
authserv-id per account and the risk cache.

All functions take the caller's ``Store`` and run on its thread; writes are one transaction
each and idempotent (adding what exists, removing what is absent: no error). Every change to
the bank details, the allow list or an authserv-id clears ``risk_cache``, so the next display
recomputes. ``ValueError`` (in words, in the current language of ``client.i18n``) for an
entry that is not an address or ``@domain``, a bank detail that does not validate, or an
authserv-id that is not a server name (``check_authserv_id``).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Any

from client.i18n import _
from client.security.bank_details import KINDS, BankDetail, extract, normalise
from client.security.lookalike import ascii_host, domain_of, registrable
from client.store.db import Store


@dataclass(frozen=True)
class KnownDetail:
    """One row of the known bank details."""

    id: int
    domain: str
    kind: str
    masked: str
    fingerprint: str
    source: str
    created: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "domain": self.domain, "kind": self.kind, "value": self.masked,
                "source": self.source, "created": self.created}


def _clear_cache(store: Store) -> None:
    store.conn.execute("DELETE FROM risk_cache")


def known_details(store: Store, domain: str | None = None) -> list[KnownDetail]:
    """Every known bank detail (of one registrable domain when given), by domain then id."""
    sql = "SELECT id, domain, kind, masked, fingerprint, source, created FROM known_bank_details"
    rows = (store.conn.execute(sql + " WHERE domain = ? ORDER BY id", (registrable(domain),))
            if domain else store.conn.execute(sql + " ORDER BY domain, id"))
    return [KnownDetail(*row) for row in rows]


def add_detail(store: Store, domain: str, detail: BankDetail, source: str = "") -> KnownDetail:
    """Remember ``detail`` as confirmed for ``domain`` (a domain or an address)."""
    company = domain_of(domain) if "@" in domain else registrable(domain)
    if not company or "." not in company:
        raise ValueError(_("“{value}” is not a domain or an address.", value=domain))
    with store.transaction():
        store.conn.execute(
            "INSERT OR IGNORE INTO known_bank_details (domain, kind, fingerprint, masked, "
            "source, created) VALUES (?, ?, ?, ?, ?, ?)",
            (company, detail.kind, detail.fingerprint, detail.masked, source, time.time()))
        _clear_cache(store)
    return next(k for k in known_details(store, company) if k.fingerprint == detail.fingerprint)


def parse_detail(kind: str, value: str) -> BankDetail:
    """A detail the rep typed: an IBAN or BIC must validate; ValueError in words if not."""
    if kind not in KINDS:
        raise ValueError(_("“{value}” is not one of {kinds}.", value=kind, kinds=", ".join(KINDS)))
    if kind in ("iban", "bic"):
        label = "IBAN" if kind == "iban" else "SWIFT"
        found = [d for d in extract(f"{label}: {value}") if d.kind == kind]
        if not found:
            raise ValueError(_("“{value}” is not a valid {kind}.", value=value, kind=kind.upper()))
        return found[0]
    clean = normalise(kind, value)
    if not clean:
        raise ValueError(_("The value is empty."))
    return BankDetail(kind, clean)


def remove_detail(store: Store, detail_id: int) -> bool:
    """Forget one known detail; True if it existed."""
    with store.transaction():
        gone = store.conn.execute("DELETE FROM known_bank_details WHERE id = ?", (detail_id,))
        _clear_cache(store)
    return gone.rowcount > 0


def allow_entry(entry: str) -> str:
    """``entry`` as stored: a lower-case address or ``@domain``; ValueError otherwise."""
    text = entry.strip().lower()
    if text.startswith("@") and "." in text[1:] and "@" not in text[1:]:
        return "@" + registrable(text[1:])
    if text.count("@") == 1 and "." in text.split("@")[1] and text.split("@")[0]:
        return text
    if "@" not in text and "." in text:
        return "@" + registrable(text)
    raise ValueError(_("“{value}” is not an address or a domain.", value=entry))


#: mail services where anyone can get an address: trusting one trusts the address, not the domain
FREEMAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "aol.com", "icloud.com", "qq.com", "163.com", "126.com", "sina.com", "sohu.com",
    "yeah.net", "foxmail.com", "mail.ru", "yandex.ru", "gmx.de", "web.de", "gmx.net",
    "proton.me", "protonmail.com", "zoho.com", "naver.com", "rediffmail.com"})


def trust_entry_for(address: str) -> str:
    """What "this is really our buyer" trusts for a sender: the domain, or the address itself
    at a freemail service (FREEMAIL)."""
    domain = domain_of(address)
    return address.lower() if domain in FREEMAIL else "@" + domain


def allowed(store: Store) -> set[str]:
    """The allow list: addresses and ``@domain`` entries."""
    return {row[0] for row in store.conn.execute("SELECT entry FROM risk_allow")}


def allow(store: Store, entry: str) -> str:
    """Add ``entry`` (an address, ``@domain`` or ``domain``) to the allow list; returns it."""
    value = allow_entry(entry)
    with store.transaction():
        store.conn.execute("INSERT OR IGNORE INTO risk_allow (entry, created) VALUES (?, ?)",
                           (value, time.time()))
        _clear_cache(store)
    return value


def disallow(store: Store, entry: str) -> bool:
    """Take ``entry`` off the allow list (the undo of ``allow``); True if it was on it."""
    value = allow_entry(entry)
    with store.transaction():
        gone = store.conn.execute("DELETE FROM risk_allow WHERE entry = ?", (value,))
        _clear_cache(store)
    return gone.rowcount > 0


def is_allowed(entries: set[str], address: str) -> bool:
    """True when ``address`` or its registrable domain is on the allow list."""
    address = address.lower()
    return address in entries or ("@" + domain_of(address)) in entries


def authserv_id(store: Store, account_id: int) -> str | None:
    """The authserv-id set for an account, or None (the default applies)."""
    row = store.conn.execute("SELECT authserv_id FROM risk_settings WHERE account_id = ?",
                             (account_id,)).fetchone()
    return str(row[0]) if row else None


_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def check_authserv_id(value: str) -> str:
    """``value`` as stored: a server name (``mx.example.com``) in lower-case punycode, "" for
    an empty one (the default applies); ValueError in words for anything else. Pure."""
    text = value.strip().strip(".")
    if not text:
        return ""
    host = ascii_host(text)
    labels = host.split(".")
    if len(host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise ValueError(_("“{value}” is not a server name such as mx.example.com.",
                           value=value.strip()))
    return host


def set_authserv_id(store: Store, account_id: int, value: str | None) -> None:
    """Set (or, with None/"", reset to the default) the trusted authserv-id of an account;
    ValueError in words (nothing stored) when it is not a server name."""
    value = check_authserv_id(value or "")
    with store.transaction():
        if value:
            store.conn.execute("INSERT OR REPLACE INTO risk_settings VALUES (?, ?)",
                               (account_id, value))
        else:
            store.conn.execute("DELETE FROM risk_settings WHERE account_id = ?", (account_id,))
        _clear_cache(store)


def cached_risk(store: Store, message_id: int, version: int) -> dict[str, Any] | None:
    """The cached risk JSON of a message computed by rules ``version``, else None."""
    row = store.conn.execute(
        "SELECT score, level, reasons_json FROM risk_cache WHERE message_id = ? AND version = ?",
        (message_id, version)).fetchone()
    if row is None:
        return None
    return {"score": int(row[0]), "level": str(row[1]), "reasons": json.loads(row[2])}


def cache_risk(store: Store, message_id: int, version: int, risk: dict[str, Any]) -> None:
    """Keep a computed risk (replaces an older one)."""
    with store.transaction():
        store.conn.execute(
            "INSERT OR REPLACE INTO risk_cache VALUES (?, ?, ?, ?, ?, ?)",
            (message_id, version, int(risk["score"]), str(risk["level"]),
             json.dumps(risk["reasons"], ensure_ascii=False), time.time()))


def cached_levels(store: Store, message_ids: list[int], version: int) -> dict[int, str]:
    """{message id: level} of the given messages whose risk is cached (for the list's icon)."""
    if not message_ids:
        return {}
    marks = ",".join("?" * len(message_ids))
    rows = store.conn.execute(
        f"SELECT message_id, level FROM risk_cache WHERE version = ? AND message_id IN ({marks})",
        (version, *message_ids))
    return {int(r[0]): str(r[1]) for r in rows}
