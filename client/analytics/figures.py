"""The figures of a period: per rep, per customer / country / channel, and in total.

`compute_stats(store, first, last, by=None, zone=None) -> Stats`. Definitions (docs/analytics.md):
- the period is the local days `first`..`last` (inclusive) in the rep's zone; a message counts
  by its date (`sort_date`); the same Message-ID in several folders counts once; drafts,
  deleted messages and the Drafts/Trash/Junk/Outbox folders are left out;
- *sent*: messages from one of the profile's addresses (accounts, identities); *received*:
  every other message;
- *inquiry conversation*: a thread whose first message is from outside (not a no-reply
  sender) and dated in the period; it is *replied* when a later message of the thread is the
  rep's; *reply rate* = replied / inquiry conversations;
- *first-response time*: the rep's working hours (`client.analytics.hours`) between the
  first message and the rep's first answer; *median* and *p90* over the replied ones (p90 by
  nearest rank: the smallest time at least 90 % of them do not exceed);
- *quotes*: quote records sent in the period (`sent_at`), and of those the ones now won or
  lost; values are their totals summed per currency;
- *rep*: the account (its address) a message belongs to, a conversation's account, a quote's
  account (else its rep address); *customer*/*country*: the customer the mail was assigned to
  (`customer_messages`; a quote: its buyer's address) and that customer's country; *channel*:
  the message's inquiry-channel tag (`message_tags`), else the tag of its thread.
Unknown keys are "" (shown as "unknown" / "untagged"). Caller's Store and thread; read-only.
Raises `ValueError` for `last < first` or an unknown `by`.
"""

from __future__ import annotations

import math
import statistics
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from client.analytics.hours import WorkingClock
from client.store.db import Store

BY = ("channel", "country", "customer")
SKIPPED_ROLES = ("drafts", "trash", "junk", "outbox")


@dataclass
class Figures:
    """One row: a rep, a customer, a country, a channel or the total."""

    key: str
    label: str = ""
    sent: int = 0
    received: int = 0
    inquiries: int = 0
    replied: int = 0
    response_hours: list[float] = field(default_factory=list)
    quotes_sent: int = 0
    quotes_won: int = 0
    quotes_lost: int = 0
    value: dict[str, dict[str, Decimal]] = field(default_factory=dict)

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.inquiries if self.inquiries else None

    @property
    def median_hours(self) -> float | None:
        return statistics.median(self.response_hours) if self.response_hours else None

    @property
    def p90_hours(self) -> float | None:
        if not self.response_hours:
            return None
        ordered = sorted(self.response_hours)
        return ordered[math.ceil(0.9 * len(ordered)) - 1]

    def add_value(self, currency: str, state: str, amount: Decimal) -> None:
        per = self.value.setdefault(currency, {"sent": Decimal(0), "won": Decimal(0),
                                               "lost": Decimal(0)})
        per["sent"] += amount
        if state in ("won", "lost"):
            per[state] += amount

    def as_json(self) -> dict[str, Any]:
        def hours(value: float | None) -> float | None:
            return None if value is None else round(value, 2)

        return {"key": self.key, "label": self.label or self.key, "sent": self.sent,
                "received": self.received, "inquiries": self.inquiries,
                "replied": self.replied,
                "reply_rate": None if self.reply_rate is None else round(self.reply_rate, 4),
                "first_response_hours": {"median": hours(self.median_hours),
                                         "p90": hours(self.p90_hours),
                                         "count": len(self.response_hours)},
                "quotes": {"sent": self.quotes_sent, "won": self.quotes_won,
                           "lost": self.quotes_lost,
                           "value": {cur: {k: format(v, "f") for k, v in per.items()}
                                     for cur, per in sorted(self.value.items())}}}


@dataclass
class Stats:
    first: date
    last: date
    by: str | None
    zone: str
    total: Figures
    reps: list[Figures]
    groups: list[Figures]

    def as_json(self) -> dict[str, Any]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat(), "by": self.by,
                "zone": self.zone, "working_hours": "09:00-18:00",
                "total": self.total.as_json(), "reps": [r.as_json() for r in self.reps],
                "groups": [g.as_json() for g in self.groups]}


def _bounds(first: date, last: date, zone: str) -> tuple[float, float]:
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime.combine(first, time(0), tzinfo=tz).timestamp()
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).timestamp()
    return start, end


def _own(store: Store) -> set[str]:
    rows = store.conn.execute("SELECT email FROM accounts UNION SELECT email FROM identities")
    return {str(r[0]).strip().lower() for r in rows if r[0]}


def _table_exists(store: Store, name: str) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone() is not None


class _Keys:
    """Group keys of messages and addresses for one `by`."""

    def __init__(self, store: Store, by: str | None) -> None:
        self.by = by
        self.labels: dict[str, str] = {}
        self.customer_of_row: dict[int, int] = {}
        self.customer_of_address: dict[str, int] = {}
        self.tags: dict[int, str] = {}
        self.country: dict[int, str] = {}
        if by in ("customer", "country"):
            survivor: dict[int, int] = {}
            for cid, name, country, merged in store.conn.execute(
                    "SELECT id, name, country, merged_into FROM customers"):
                survivor[int(cid)] = int(merged) if merged else int(cid)
                self.country[int(cid)] = str(country or "")
                self.labels[str(cid)] = str(name)
            for row, cid in store.conn.execute(
                    "SELECT message_row, customer_id FROM customer_messages"):
                self.customer_of_row[int(row)] = survivor.get(int(cid), int(cid))
            for address, cid in store.conn.execute(
                    "SELECT address, customer_id FROM customer_addresses"):
                self.customer_of_address[str(address).lower()] = survivor.get(int(cid),
                                                                              int(cid))
        if by == "channel" and _table_exists(store, "message_tags"):
            for row, tag in store.conn.execute(
                    "SELECT message_row, tag FROM message_tags ORDER BY tag DESC"):
                self.tags[int(row)] = str(tag)  # the first tag by name wins

    def _of_customer(self, cid: int | None) -> str:
        if cid is None:
            return ""
        if self.by == "customer":
            return str(cid)
        return self.country.get(cid, "")

    def of_row(self, row: int, thread_tag: str) -> str:
        if self.by == "channel":
            return self.tags.get(row, thread_tag)
        return self._of_customer(self.customer_of_row.get(row))

    def of_address(self, address: str) -> str:
        return self._of_customer(self.customer_of_address.get(address.lower()))


def compute_stats(store: Store, first: date, last: date, by: str | None = None,
                  zone: str | None = None) -> Stats:
    """See the module docstring."""
    from client.compose.checks import is_no_reply
    from client.meetings.rep_zone import rep_zone

    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    if by is not None and by not in BY:
        raise ValueError(f"--by takes one of {', '.join(BY)}, not {by!r}")
    zone = zone or rep_zone(store).zone
    start, end = _bounds(first, last, zone)
    clock = WorkingClock(zone)
    own = _own(store)
    keys = _Keys(store, by)
    accounts = {int(a): str(e).lower() for a, e in store.conn.execute(
        "SELECT id, email FROM accounts")}
    total = Figures("total")
    reps: dict[str, Figures] = {}
    groups: dict[str, Figures] = {}

    def rows_for(rep: str, group: str | None) -> list[Figures]:
        found = [total, reps.setdefault(rep, Figures(rep))]
        if by is not None and group is not None:
            found.append(groups.setdefault(group, Figures(group)))
        return found

    marks = ",".join("?" for _r in SKIPPED_ROLES)
    seen: set[str] = set()
    threads: dict[int, list[tuple[float, bool, int, int]]] = defaultdict(list)
    messages: list[tuple[int, int, int | None, float, bool, str]] = []
    for row, account, thread, mid, sender, when in store.conn.execute(
            "SELECT m.id, m.account_id, m.thread_id, m.message_id, m.from_email, m.sort_date"
            " FROM messages m JOIN folders f ON f.id = m.folder_id WHERE m.deleted = 0"
            f" AND m.draft = 0 AND COALESCE(f.role, '') NOT IN ({marks})", SKIPPED_ROLES):
        if mid:
            if mid in seen:
                continue
            seen.add(mid)
        address = str(sender or "").strip().lower()
        outbound = address in own
        moment = float(when or 0)
        if thread is not None:
            threads[int(thread)].append((moment, outbound, int(row), int(account)))
        if start <= moment < end:
            messages.append((int(row), int(account), thread, moment, outbound, address))
    thread_tag: dict[int, str] = {}
    if by == "channel":
        for thread, items in threads.items():
            for _m, _o, row, _a in sorted(items):
                if row in keys.tags:
                    thread_tag[thread] = keys.tags[row]
                    break
    for row, account, thread, _moment, outbound, _address in messages:
        group = keys.of_row(row, thread_tag.get(thread, "") if thread is not None else "")
        for fig in rows_for(accounts.get(account, ""), group):
            if outbound:
                fig.sent += 1
            else:
                fig.received += 1
    senders = {row: address for row, _a, _t, _m, _o, address in messages}
    for thread, items in threads.items():
        items.sort()
        opened, outbound, row, account = items[0]
        if outbound or not start <= opened < end or is_no_reply(senders.get(row, "")):
            continue
        answer = next((m for m, out, _r, _a in items[1:] if out), None)
        group = keys.of_row(row, thread_tag.get(thread, ""))
        for fig in rows_for(accounts.get(account, ""), group):
            fig.inquiries += 1
            if answer is not None:
                fig.replied += 1
                fig.response_hours.append(clock.seconds(opened, answer) / 3600)
    _add_quotes(store, start, end, accounts, keys, thread_tag, rows_for)
    for fig in groups.values():
        fig.label = keys.labels.get(fig.key, fig.key) if by == "customer" else fig.key
    return Stats(first, last, by, zone, total, sorted(reps.values(), key=lambda f: f.key),
                 sorted(groups.values(), key=lambda f: (-f.sent - f.received, f.key)))


def _add_quotes(store: Store, start: float, end: float, accounts: dict[int, str], keys: _Keys,
                thread_tag: dict[int, str], rows_for: Any) -> None:
    for account, rep, buyer, currency, total, state, inquiry, thread in store.conn.execute(
            "SELECT q.account_id, q.rep, q.buyer_email, q.currency, q.total, q.state,"
            " q.inquiry_row, m.thread_id FROM quotes q LEFT JOIN messages m"
            " ON m.id = q.inquiry_row WHERE q.sent_at IS NOT NULL AND q.sent_at >= ?"
            " AND q.sent_at < ?", (start, end)):
        name = accounts.get(int(account), "") if account is not None else str(rep).lower()
        if keys.by == "channel":
            group = keys.of_row(int(inquiry), thread_tag.get(thread, "")) if inquiry else ""
        else:
            group = keys.of_address(str(buyer))
        for fig in rows_for(name, group):
            fig.quotes_sent += 1
            fig.quotes_won += state == "won"
            fig.quotes_lost += state == "lost"
            fig.add_value(str(currency), str(state), Decimal(str(total)))
