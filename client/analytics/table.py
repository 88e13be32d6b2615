"""The figures as table rows: the CSV export and the app's table share them.

`HEADERS` names the columns; `stat_rows(stats) -> [[cell, ...]]` gives one row per rep, per
group (when `by` is set) and the total, first column the dimension (`rep`, `channel`,
`country`, `customer`, `total`); values per currency are one cell `EUR 1200.00; USD 300.00`.
`write_csv(stats, path)` writes them UTF-8 (a customer name or tag that a spreadsheet would
read as a formula gets a leading apostrophe) with a header line, to a temporary file renamed
into place (nothing half-written); raises `OSError`. Pure but `write_csv`; any thread.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from client.analytics.figures import Figures, Stats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADERS = ("dimension", "key", "label", "sent", "received", "inquiries", "replied",
           "reply_rate", "first_response_median_h", "first_response_p90_h", "quotes_sent",
           "quotes_won", "quotes_lost", "value_sent", "value_won", "value_lost")


def _num(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _money(fig: Figures, state: str) -> str:
    return "; ".join(f"{cur} {format(per[state], 'f')}" for cur, per in sorted(fig.value.items()))


def figure_row(dimension: str, fig: Figures) -> list[str]:
    return [dimension, fig.key, fig.label or fig.key, str(fig.sent), str(fig.received),
            str(fig.inquiries), str(fig.replied), _num(fig.reply_rate, 4),
            _num(fig.median_hours, 2), _num(fig.p90_hours, 2), str(fig.quotes_sent),
            str(fig.quotes_won), str(fig.quotes_lost), _money(fig, "sent"),
            _money(fig, "won"), _money(fig, "lost")]


def stat_rows(stats: Stats) -> list[list[str]]:
    rows = [figure_row("rep", f) for f in stats.reps]
    rows += [figure_row(stats.by or "", f) for f in stats.groups]
    rows.append(figure_row("total", stats.total))
    return rows


def _inert(cell: str) -> str:
    """A name from the mail (customer, tag) that a spreadsheet would run as a formula
    (`=HYPERLINK(...)`, `+`, `-`, `@`) is written with a leading apostrophe."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def csv_text(stats: Stats) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    writer.writerows([row[0], _inert(row[1]), _inert(row[2]), *row[3:]]
                     for row in stat_rows(stats))
    return out.getvalue()


def write_csv(stats: Stats, path: Path) -> None:
    """See the module docstring."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=".stats-", suffix=".csv", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(csv_text(stats))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
