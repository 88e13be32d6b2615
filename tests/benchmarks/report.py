"""The benchmark's verdicts against the issue's targets, the printed table and the JSON file.

A verdict compares the measured number with its limit as is: a miss is printed with its
figure, never rounded into a pass. Pure functions apart from ``write_json``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Verdict:
    """One target: what was measured, against what limit, and whether it was met."""

    name: str
    measured: float | None
    limit: float | None
    unit: str
    rule: str
    detail: str = ""

    @property
    def result(self) -> str:
        if self.measured is None or self.limit is None:
            return "NOT MEASURED"
        if self.rule == "<=":
            return "PASS" if self.measured <= self.limit else "MISS"
        return "PASS" if self.measured < self.limit else "MISS"


def verdicts(results: dict[str, Any]) -> list[Verdict]:
    """The targets of issue 17 (speed, round two) from the collected ``results``: the sync is
    ready when its search index is complete, so that time is compared with mbsync's."""
    tw, mb = results.get("tradewind", {}), results.get("mbsync", {})
    indexed, peer = tw.get("full_sync_index_complete_seconds"), mb.get("full_sync_seconds")
    search = results.get("search", {}).get("100000", {})
    memory = [v for v in (tw.get("full_sync_max_rss_mb"), tw.get("resync_max_rss_mb"),
                          tw.get("index_process_max_rss_mb")) if v is not None]
    detail = f"{indexed / peer:.2f}x mbsync {peer:.1f} s" if indexed is not None and peer else ""
    nofsync, bodies = mb.get("full_sync_nofsync_seconds"), tw.get("full_sync_seconds")
    if indexed is not None and nofsync:
        detail += f"; {indexed / nofsync:.2f}x mbsync with FSync no"
    if bodies is not None and peer:
        detail += f"; bodies stored at {bodies:.1f} s = {bodies / peer:.2f}x"
    return [
        Verdict("sync with index <= 1.0x mbsync", indexed, peer, "s", "<=", detail),
        Verdict("no-change resync < 0.5 s", tw.get("resync_seconds"), 0.5, "s", "<",
                f"mbsync {mb['resync_seconds']:.2f} s" if "resync_seconds" in mb else ""),
        Verdict("resync as a process < 1 s", tw.get("resync_process_seconds"), 1.0, "s", "<"),
        Verdict("all headers listable < 1 s", tw.get("headers_listable_seconds"), 1.0, "s", "<"),
        Verdict("search p95 < 50 ms at 100k", search.get("p95_ms"), 50.0, "ms", "<",
                f"median {search['median_ms']:.1f} ms" if "median_ms" in search else ""),
        Verdict("peak memory < 300 MB", max(memory) if memory else None, 300.0, "MB", "<",
                f"mbsync {mb['full_sync_max_rss_mb']:.0f} MB" if "full_sync_max_rss_mb" in mb else ""),
    ]


def _fmt(value: float | None, unit: str, digits: int | None = None) -> str:
    if value is None:
        return "-"
    if digits is None:
        digits = 1 if unit in ("ms", "MB") or value >= 10 else 3
    return f"{value:.{digits}f} {unit}"


def _fmt_against(value: float | None, limit: float | None, unit: str) -> str:
    """``value`` with enough digits that it never prints equal to a limit it differs from."""
    text = _fmt(value, unit)
    if value is None or limit is None or value == limit:
        return text
    start = 1 if unit in ("ms", "MB") or value >= 10 else 3
    for digits in range(start, 6):
        if _fmt(value, unit, digits) != _fmt(limit, unit, digits):
            return _fmt(value, unit, digits)
    return text


def render_table(results: dict[str, Any]) -> str:
    """The side-by-side figures and the verdicts as fixed-width text."""
    tw, mb = results.get("tradewind", {}), results.get("mbsync", {})
    mailbox = results.get("mailbox", {})
    lines = [f"Mailbox: {mailbox.get('messages', '?')} messages, "
             f"{mailbox.get('total_bytes', 0) / 1e6:.0f} MB, {mailbox.get('with_attachments', '?')} with "
             f"attachments, folders {mailbox.get('folders', {})}",
             f"Load average (1 min, {results.get('cpus', '?')} CPUs): {results.get('load_average_1min', {})}",
             f"Code: {results.get('code', {})}", ""]
    rows = [
        ("full initial sync: all bodies stored", tw.get("full_sync_seconds"),
         mb.get("full_sync_seconds"), "s"),
        ("  + search index complete (sync call ends)", tw.get("full_sync_index_complete_seconds"),
         None, "s"),
        ("  busy in index_pending (thread indexer)", tw.get("full_sync_index_seconds"), None, "s"),
        ("  whole process incl. start-up", tw.get("full_sync_process_seconds"), mb.get("full_sync_seconds"), "s"),
        ("  mbsync with FSync no", None, mb.get("full_sync_nofsync_seconds"), "s"),
        ("no-change resync", tw.get("resync_seconds"), mb.get("resync_seconds"), "s"),
        ("  whole process incl. start-up", tw.get("resync_process_seconds"), mb.get("resync_seconds"), "s"),
        ("all headers listable", tw.get("headers_listable_seconds"), None, "s"),
        ("peak RSS, full sync", tw.get("full_sync_max_rss_mb"), mb.get("full_sync_max_rss_mb"), "MB"),
        ("peak RSS, resync", tw.get("resync_max_rss_mb"), mb.get("resync_max_rss_mb"), "MB"),
        ("peak RSS, index process (full sync)", tw.get("index_process_max_rss_mb"), None, "MB"),
    ]
    synced = tw.get("search_synced_store")
    if synced:
        label = f"search at {synced['messages']:,} (synced store)"
        rows += [(label + " median", synced["median_ms"], None, "ms"), (label + " p95", synced["p95_ms"], None, "ms")]
    for size, figures in sorted(results.get("search", {}).items(), key=lambda kv: int(kv[0])):
        label = f"search at {int(size):,} ({figures.get('source', '')})"
        rows.append((label + " median", figures.get("median_ms"), None, "ms"))
        rows.append((label + " p95", figures.get("p95_ms"), None, "ms"))
        rows.append((label + " p99", figures.get("p99_ms"), None, "ms"))
    lines.append(f"{'measure':<44}{'Tradewind':>14}{'mbsync':>14}")
    for label, ours, theirs, unit in rows:
        if ours is None and theirs is None:
            continue
        lines.append(f"{label:<44}{_fmt(ours, unit):>14}{_fmt(theirs, unit):>14}")
    lines += ["", f"{'target':<32}{'measured':>14}{'limit':>14}  result"]
    if mailbox.get("messages", 10_000) not in (10_000, 50_000):
        lines.append(f"(targets are set for 10,000 and 50,000 messages; this run synced "
                     f"{mailbox['messages']:,}, so the sync verdicts are only indicative)")
    for verdict in verdicts(results):
        limit = f"{verdict.rule} {_fmt(verdict.limit, verdict.unit)}" if verdict.limit is not None else "-"
        measured = _fmt_against(verdict.measured, verdict.limit, verdict.unit)
        lines.append(f"{verdict.name:<32}{measured:>14}{limit:>14}  "
                     f"{verdict.result}{'  (' + verdict.detail + ')' if verdict.detail else ''}")
    return "\n".join(lines)


def write_json(results: dict[str, Any], path: Path) -> None:
    """Write the results with the verdicts added (``verdicts``: name, measured, limit, result)."""
    document = dict(results)
    document["verdicts"] = [dict(asdict(v), result=v.result) for v in verdicts(results)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
