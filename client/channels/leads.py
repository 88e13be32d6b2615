"""Trade-show lead lists: a CSV of addresses imported under a tag (table `lead_addresses`).

`read_leads(path) -> LeadFile(rows, bad)`: the file is UTF-8 (with or without a BOM) or, as
Excel saves it on a Chinese Windows, GB18030; the first row names the columns when one of them
is an e-mail column (`email`, `e-mail`, `mail`, `address`, `邮箱`; also `name`/`姓名`,
`company`/`公司`, `country`/`国家`), else the first column holding an address is used. A row
whose address is missing or malformed is listed in ``bad`` as (row number in the file, reason);
the others are kept. Raises `LeadImportError` (in words) for a missing, unreadable or binary
file, or one with no usable row; nothing is written then.
`import_leads(store, path, tag) -> LeadReport`: writes the good rows under ``tag`` in one
durable transaction (a re-import updates names; idempotent), with a `lead-list` rule for
the tag when there is none yet. Caller's Store and thread.
`on_list(store)` gives the lookup `evaluate` uses.
"""

from __future__ import annotations

import csv
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from client.channels.evaluate import LeadLookup
from client.channels.rules import normalise_tag
from client.i18n import _
from client.store.db import Store

MAX_BYTES = 20 * 1024 * 1024
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
_COLUMNS = {
    "email": ("email", "e-mail", "mail", "address", "email address", "邮箱", "电子邮件"),
    "name": ("name", "contact", "full name", "姓名", "联系人"),
    "company": ("company", "organisation", "organization", "公司", "公司名称"),
    "country": ("country", "country/region", "国家", "国家/地区"),
}


class LeadImportError(Exception):
    """The lead list cannot be read at all; `str()` says why."""


@dataclass(frozen=True)
class Lead:
    address: str
    name: str = ""
    company: str = ""
    country: str = ""


@dataclass
class LeadFile:
    rows: list[Lead] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


@dataclass
class LeadReport:
    tag: str
    imported: int
    bad: list[tuple[int, str]]

    def as_json(self) -> dict[str, object]:
        return {"tag": self.tag, "imported": self.imported,
                "bad_rows": [{"row": n, "reason": why} for n, why in self.bad]}


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise LeadImportError(_("{file} is not a CSV text file (it holds binary data).",
                                file=path.name))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LeadImportError(_("{file} is neither UTF-8 nor GB18030 text.", file=path.name))


def _header_map(first: list[str]) -> dict[str, int] | None:
    names = [c.strip().lower() for c in first]
    found = {key: names.index(label) for key, labels in _COLUMNS.items()
             for label in reversed(labels) if label in names}
    return found if "email" in found else None


def read_leads(path: Path) -> LeadFile:
    """See the module."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LeadImportError(_("{file} is larger than 20 MB; split the list.",
                                    file=path.name))
        data = path.read_bytes()
    except OSError as exc:
        raise LeadImportError(_("{file} cannot be read ({reason}).", file=path.name,
                                reason=exc.strerror or exc)) from None
    text = _decode(data, path)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        table = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise LeadImportError(_("{file} is not a readable CSV file ({reason}).",
                                file=path.name, reason=exc)) from None
    out = LeadFile()
    columns = _header_map(table[0]) if table else None
    start = 1 if columns else 0
    for number, cells in enumerate(table[start:], start=start + 1):
        if not any(c.strip() for c in cells):
            continue
        if columns is None:
            where = next((i for i, c in enumerate(cells) if "@" in c), None)
            columns_here = {"email": where} if where is not None else {}
        else:
            columns_here = columns

        def cell(key: str, row: list[str] = cells, cols: dict[str, int] = columns_here) -> str:
            index = cols.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        address = cell("email").strip("<>").lower()
        if not address:
            out.bad.append((number, _("no e-mail address")))
        elif not _ADDRESS.match(address):
            out.bad.append((number, _("“{address}” is not an e-mail address",
                                      address=address[:80])))
        else:
            out.rows.append(Lead(address, cell("name")[:200], cell("company")[:200],
                                 cell("country")[:80]))
    if not out.rows:
        if out.bad:
            raise LeadImportError(_("{file} has no row with an e-mail address (row {row}: "
                                    "{reason}).", file=path.name, row=out.bad[0][0],
                                    reason=out.bad[0][1]))
        raise LeadImportError(_("{file} has no row with an e-mail address.", file=path.name))
    return out


def import_leads(store: Store, path: Path, tag: str) -> LeadReport:
    """See the module."""
    stored = normalise_tag(tag)
    leads = read_leads(path)
    return LeadReport(stored, add_leads(store, stored, leads.rows), leads.bad)


def add_leads(store: Store, tag: str, leads: list[Lead]) -> int:
    """Put ``leads`` on the list ``tag`` (and its rule, see the module); returns how many
    distinct addresses were given."""
    stored = normalise_tag(tag)
    now = time.time()
    with store.transaction(durable=True) as conn:
        conn.executemany(
            "INSERT INTO lead_addresses (tag, address, name, company, country, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(tag, address) DO UPDATE SET"
            " name = excluded.name, company = excluded.company, country = excluded.country",
            [(stored, lead.address, lead.name, lead.company, lead.country, now)
             for lead in leads])
        if conn.execute("SELECT 1 FROM channel_rules WHERE kind = 'lead-list' AND match = ?",
                        (stored,)).fetchone() is None:
            from client.channels.rules import add_rule

            add_rule(store, "lead-list", stored, stored)  # the list tags its senders
    return len({lead.address for lead in leads})


def lead_lists(store: Store) -> dict[str, int]:
    """Each imported list's tag and its number of addresses."""
    return {str(t): int(n) for t, n in store.conn.execute(
        "SELECT tag, count(*) FROM lead_addresses GROUP BY tag ORDER BY tag")}


def on_list(store: Store) -> LeadLookup:
    """A lookup (list tag, lower-case address) -> on it, over the lists as they are now."""
    members: set[tuple[str, str]] = {
        (str(t), str(a).lower())
        for t, a in store.conn.execute("SELECT tag, address FROM lead_addresses")}
    return lambda tag, address: (tag, address) in members
