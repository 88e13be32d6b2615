"""`tradewind stats [--from D --to D] [--by channel|country|customer] [--csv FILE]`.

The figures of `client.analytics.figures.compute_stats` for the period (local days of the
rep's zone, both inclusive; default the last 30 days up to today), after the customers are
brought up to date from the mail (`client.customers.build`, as `customers` does); `--csv FILE` writes the
table as CSV too (the text output says where). Bad dates or a period that ends before it
starts exit 2 in words. Definitions: docs/analytics.md; JSON shape: docs/cli.md. Main thread;
read-only but for the CSV file.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError
from client.cli.output import format_table, safe_text


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `stats`."""
    cmd = subparsers.add_parser("stats", parents=[common],
                                help="mails, reply rate, first-response time and quotes")
    cmd.add_argument("--from", dest="first", metavar="YYYY-MM-DD")
    cmd.add_argument("--to", dest="last", metavar="YYYY-MM-DD")
    cmd.add_argument("--by", choices=("channel", "country", "customer"))
    cmd.add_argument("--csv", metavar="FILE", help="write the table as CSV to FILE")
    cmd.set_defaults(handler=cmd_stats)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what} {text!r} is not a date such as 2026-11-30.") from None


def _hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}h"


def cmd_stats(ctx: Context, args: argparse.Namespace) -> int:
    from client.analytics.figures import compute_stats
    from client.analytics.table import stat_rows, write_csv
    from client.customers.build import build_customers
    from client.meetings.rep_zone import rep_zone

    store = ctx.store()
    build_customers(store)  # incremental: the customers (and countries) of the newest mail
    zone = rep_zone(store).zone
    import zoneinfo

    today = datetime.now(zoneinfo.ZoneInfo(zone)).date()
    last = _day(args.last, "--to") if args.last else today
    first = _day(args.first, "--from") if args.first else last - timedelta(days=29)
    if last < first:
        raise UsageError(f"The period ends ({last}) before it starts ({first}).")
    stats = compute_stats(store, first, last, args.by, zone)
    if args.csv:
        try:
            write_csv(stats, Path(args.csv))
        except OSError as exc:
            raise UsageError(f"Cannot write {args.csv}: {exc.strerror or exc}.") from None

    def text() -> str:
        rows = [(r[0], safe_text(r[2] or ("(untagged)" if r[0] == "channel" else "(unknown)"),
                                 40), r[3], r[4], f"{r[6]}/{r[5]}",
                 _hours(float(r[8]) if r[8] else None), _hours(float(r[9]) if r[9] else None),
                 f"{r[10]}/{r[11]}/{r[12]}", safe_text(r[13], 40)) for r in stat_rows(stats)]
        table = format_table(("", "WHO", "SENT", "RECEIVED", "REPLIED", "MEDIAN", "P90",
                              "QUOTES S/W/L", "QUOTED"), rows)
        head = f"{first} to {last} ({zone}, working hours 09:00-18:00)"
        tail = f"\nCSV written to {args.csv}" if args.csv else ""
        return f"{head}\n{table}{tail}"

    ctx.emit(stats.as_json(), text)
    return ExitCode.OK
