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


own_addresses = _own  # the same rule for `client.analytics.daily`


def _table_exists(store: Store, name: str) -> bool:
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (name,)).fetchone() is not None


class _Keys:
    """Group keys of customers for one `by` (customers and addresses: small tables)."""

    def __init__(self, store: Store, by: str | None) -> None:
        self.by = by
        self.labels: dict[str, str] = {}
        self.survivor: dict[int, int] = {}
        self.country: dict[int, str] = {}
        self.customer_of_address: dict[str, int] = {}
        self.has_tags = _table_exists(store, "message_tags")
        self.tags: dict[int, str] = {}
        if by == "channel" and self.has_tags:
            self.tags = {int(r): str(t) for r, t in store.conn.execute(
                "SELECT message_row, tag FROM message_tags ORDER BY tag DESC")}  # first wins
        if by in ("customer", "country"):
            for cid, name, country, merged in store.conn.execute(
                    "SELECT id, name, country, merged_into FROM customers"):
                self.survivor[int(cid)] = int(merged) if merged else int(cid)
                self.country[int(cid)] = str(country or "")
                self.labels[str(cid)] = str(name)
            for address, cid in store.conn.execute(
                    "SELECT address, customer_id FROM customer_addresses"):
                self.customer_of_address[str(address).lower()] = int(cid)

    def of_customer(self, cid: int | None) -> str:
        if cid is None:
            return ""
        cid = self.survivor.get(cid, cid)
        if self.by == "customer":
            return str(cid)
        return self.country.get(cid, "")

    def of_address(self, address: str) -> str:
        return self.of_customer(self.customer_of_address.get(address.lower()))

    def column(self) -> str:
        """The SQL expression of a message row's own key part (alias m)."""
        if self.by in ("customer", "country"):
            return "c.customer_id"
        if self.by == "channel" and self.has_tags:
            return "m.id"  # looked up in `tags`
        return "NULL"

    def join(self) -> str:
        """The join that `column` needs."""
        if self.by in ("customer", "country"):
            return " LEFT JOIN customer_messages c ON c.message_row = m.id"
        return ""


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

    skipped = [int(f) for (f,) in store.conn.execute(
        "SELECT id FROM folders WHERE role IN ({})".format(",".join("?" * len(SKIPPED_ROLES))),
        SKIPPED_ROLES)]
    channel = by == "channel"
    of_customer = keys.of_customer
    cache: dict[int, str] = {}
    seen: set[str] = set()
    counts: dict[tuple[int, str, bool], int] = defaultdict(int)
    inquiries: list[tuple[int, str, float, float | None]] = []
    thread_tag: dict[int, str] = {}
    current: int | None = None
    opened = 0.0
    answer: float | None = None
    # (account, own key or None, sender) of the thread's first message when it is inbound
    head: tuple[int, Any, str] | None = None
    tag = ""

    def group_of(own_key: Any) -> str:
        if channel:
            return str(own_key) if own_key else tag
        if own_key is None:
            return ""
        found = cache.get(own_key)
        if found is None:
            found = cache[own_key] = of_customer(int(own_key))
        return found

    def close_thread() -> None:
        if head is not None and start <= opened < end and not is_no_reply(head[2]):
            inquiries.append((head[0], group_of(head[1]), opened, answer))

    pending: list[tuple[int, Any, bool]] = []  # this thread's messages in the period

    def count_pending() -> None:
        for account, own_key, outbound in pending:
            counts[(account, group_of(own_key), outbound)] += 1
        pending.clear()

    cursor = store.conn.execute(
        "SELECT m.account_id, m.thread_id, m.message_id, m.from_email,"  # stored lower-case
        f" m.sort_date, {keys.column()} FROM messages m{keys.join()}"
        " WHERE m.deleted = 0 AND m.draft = 0"
        " AND m.folder_id NOT IN ({}) ORDER BY m.thread_id, m.sort_date".format(
            ",".join("?" * len(skipped))), skipped)
    tags = keys.tags
    for account, thread, mid, sender, when, own_key in cursor:
        if channel:
            own_key = tags.get(own_key)
        if mid:
            if mid in seen:
                continue
            seen.add(mid)
        outbound = sender in own
        moment = when or 0.0
        if thread != current or thread is None:
            close_thread()
            count_pending()
            current, tag, answer = thread, "", None
            opened = moment
            head = None if outbound else (account, own_key, sender or "")
        elif head is not None and answer is None and outbound:
            answer = moment
        if channel and not tag and own_key:
            tag = str(own_key)
            if thread is not None:
                thread_tag[thread] = tag
        if start <= moment < end:
            pending.append((account, own_key, outbound))
    close_thread()
    count_pending()
    for (account, group, outbound), number in counts.items():
        for fig in rows_for(accounts.get(account, ""), group):
            if outbound:
                fig.sent += number
            else:
                fig.received += number
    asked: dict[tuple[int, str], list[float | None]] = defaultdict(list)  # hours or None
    for account, group, began, answered in inquiries:
        asked[(account, group)].append(
            None if answered is None else clock.seconds(began, answered) / 3600)
    for (account, group), times in asked.items():
        answered_hours = [t for t in times if t is not None]
        for fig in rows_for(accounts.get(account, ""), group):
            fig.inquiries += len(times)
            fig.replied += len(answered_hours)
            fig.response_hours.extend(answered_hours)
    _add_quotes(store, start, end, accounts, keys, thread_tag, rows_for)
    for fig in groups.values():
        fig.label = keys.labels.get(fig.key, fig.key) if by == "customer" else fig.key
    return Stats(first, last, by, zone, total, sorted(reps.values(), key=lambda f: f.key),
                 sorted(groups.values(), key=lambda f: (-f.sent - f.received, f.key)))


def _add_quotes(store: Store, start: float, end: float, accounts: dict[int, str], keys: _Keys,
                thread_tag: dict[int, str], rows_for: Any) -> None:
    tag_sql = "m.id" if keys.by == "channel" else "NULL"
    for account, rep, buyer, currency, total, state, tag, thread in store.conn.execute(
            "SELECT q.account_id, q.rep, q.buyer_email, q.currency, q.total, q.state,"
            f" {tag_sql}, m.thread_id FROM quotes q LEFT JOIN messages m"
            " ON m.id = q.inquiry_row WHERE q.sent_at IS NOT NULL AND q.sent_at >= ?"
            " AND q.sent_at < ?", (start, end)):
        name = accounts.get(int(account), "") if account is not None else str(rep).lower()
        if keys.by == "channel":
            found = keys.tags.get(tag) if tag is not None else None
            group = found or thread_tag.get(thread, "")
        else:
            group = keys.of_address(str(buyer))
        for fig in rows_for(name, group):
            fig.quotes_sent += 1
            fig.quotes_won += state == "won"
            fig.quotes_lost += state == "lost"
            fig.add_value(str(currency), str(state), Decimal(str(total)))
