"""Mails sent and received per local day of a period (the Statistics window's line chart).

`daily_counts(store, first, last, zone) -> list[DayCount(day, sent, received)]`, one entry per
day `first`..`last` in `zone`, with the counting rules of `client.analytics.figures` (each
Message-ID once; drafts, deleted and the Drafts/Trash/Junk/Outbox folders left out; sent =
from one of the profile's addresses). Caller's Store and thread; read-only. Raises
`ValueError` when `last < first` or the period is longer than `MAX_DAYS`.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from client.analytics.figures import SKIPPED_ROLES, _bounds, own_addresses
from client.store.db import Store

MAX_DAYS = 3660


@dataclass(frozen=True)
class DayCount:
    day: date
    sent: int
    received: int


def daily_counts(store: Store, first: date, last: date, zone: str) -> list[DayCount]:
    """See the module docstring."""
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise ValueError(f"a chart covers at most {MAX_DAYS} days")
    tz = zoneinfo.ZoneInfo(zone)
    start, end = _bounds(first, last, zone)
    own = own_addresses(store)
    sent = [0] * days
    received = [0] * days
    seen: set[str] = set()
    marks = ",".join("?" * len(SKIPPED_ROLES))
    for mid, sender, when in store.conn.execute(
            "SELECT m.message_id, LOWER(TRIM(m.from_email)), m.sort_date FROM messages m"
            " JOIN folders f ON f.id = m.folder_id WHERE m.deleted = 0 AND m.draft = 0"
            f" AND COALESCE(f.role, '') NOT IN ({marks}) AND m.sort_date >= ?"
            " AND m.sort_date < ?", (*SKIPPED_ROLES, start, end)):
        if mid:
            if mid in seen:
                continue
            seen.add(mid)
        index = (datetime.fromtimestamp(when, tz).date() - first).days
        if 0 <= index < days:
            if sender in own:
                sent[index] += 1
            else:
                received[index] += 1
    return [DayCount(first + timedelta(days=i), sent[i], received[i]) for i in range(days)]
