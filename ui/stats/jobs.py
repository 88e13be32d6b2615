"""The Statistics window's background work (thread pool; each call opens its own Store).

`load(db, first, last, by) -> StatsData(stats, days, rows)`: customers brought up to date
(`build_customers`, incremental), then `compute_stats`, the per-day
counts for the line chart and the table rows (`client.analytics.table.stat_rows`), in the
rep's zone; `export(stats, path)` writes the CSV. They raise `ValueError` (a bad period) and
`OSError` (the file) in words; never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from client.analytics.daily import DayCount, daily_counts
from client.analytics.figures import Stats, compute_stats
from client.analytics.table import stat_rows, write_csv
from client.store.db import Store


@dataclass(frozen=True)
class StatsData:
    stats: Stats
    days: list[DayCount]
    rows: list[list[str]]


def load(db_path: Path, first: date, last: date, by: str | None) -> StatsData:
    from client.customers.build import build_customers
    from client.meetings.rep_zone import rep_zone

    with Store.open(db_path) as store:
        build_customers(store)  # incremental: customers and countries of the newest mail
        zone = rep_zone(store).zone
        stats = compute_stats(store, first, last, by, zone)
        return StatsData(stats, daily_counts(store, first, last, zone), stat_rows(stats))


def export(stats: Stats, path: Path) -> Path:
    write_csv(stats, path)
    return path
