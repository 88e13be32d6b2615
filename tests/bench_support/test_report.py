"""The benchmark's verdicts: a miss keeps its figure and is never rounded into a pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.benchmarks.report import render_table, verdicts, write_json


def _results(**tradewind: float) -> dict[str, Any]:
    tw = {"full_sync_seconds": 15.0, "full_sync_index_complete_seconds": 18.0,
          "resync_seconds": 0.1, "resync_process_seconds": 0.6, "headers_listable_seconds": 0.8,
          "full_sync_max_rss_mb": 120.0, "resync_max_rss_mb": 40.0}
    tw.update(tradewind)
    return {"tradewind": tw,
            "mbsync": {"full_sync_seconds": 20.0, "resync_seconds": 0.2, "full_sync_nofsync_seconds": 10.0},
            "search": {"100000": {"median_ms": 10.0, "p95_ms": 49.99}}}


def _by_name(results: dict[str, Any]) -> dict[str, str]:
    return {v.name.split()[0] + " " + v.name.split()[1]: v.result for v in verdicts(results)}


def test_limits_follow_the_issue_and_boundaries_are_strict() -> None:
    assert set(_by_name(_results()).values()) == {"PASS"}
    # the sync is compared with mbsync once its index is complete: at most 1.0x
    assert _by_name(_results(full_sync_index_complete_seconds=20.0))["sync with"] == "PASS"
    assert _by_name(_results(full_sync_index_complete_seconds=20.01))["sync with"] == "MISS"
    assert _by_name(_results(resync_seconds=0.5))["no-change resync"] == "MISS"  # < 0.5 s
    assert _by_name(_results(resync_process_seconds=1.0))["resync as"] == "MISS"  # < 1 s
    assert _by_name(_results(headers_listable_seconds=1.0))["all headers"] == "MISS"  # < 1 s
    assert _by_name(_results(resync_max_rss_mb=300.0))["peak memory"] == "MISS"
    assert _by_name(_results(index_process_max_rss_mb=300.0))["peak memory"] == "MISS"


def test_a_near_miss_is_printed_with_its_own_digits() -> None:
    table = render_table(_results(headers_listable_seconds=1.0004, full_sync_max_rss_mb=299.96))
    listable = next(line for line in table.splitlines() if line.startswith("all headers listable <"))
    assert "1.0004 s" in listable and listable.rstrip().endswith("MISS")
    memory = next(line for line in table.splitlines() if line.startswith("peak memory"))
    assert "299.96 MB" in memory and "PASS" in memory


def test_missing_figures_are_not_measured_and_json_keeps_verdicts(tmp_path: Path) -> None:
    results = _results()
    del results["search"]
    assert _by_name(results)["search p95"] == "NOT MEASURED"
    write_json(results, tmp_path / "out.json")
    document = json.loads((tmp_path / "out.json").read_text())
    assert {v["result"] for v in document["verdicts"]} == {"PASS", "NOT MEASURED"}
    assert document["tradewind"]["full_sync_seconds"] == 15.0


def test_the_index_complete_time_is_printed_beside_the_bodies_time() -> None:
    table = render_table(_results(full_sync_seconds=12.0, full_sync_index_complete_seconds=31.5))
    bodies = next(line for line in table.splitlines() if line.startswith("full initial sync: all bodies"))
    assert "12.0 s" in bodies and "20.0 s" in bodies
    index = next(line for line in table.splitlines() if "search index complete (sync call" in line)
    assert "31.5 s" in index
    verdict = next(line for line in table.splitlines() if line.startswith("sync with index"))
    assert "1.57x mbsync 20.0 s" in verdict and "bodies stored at 12.0 s = 0.60x" in verdict
    assert verdict.rstrip().endswith(")") and "MISS" in verdict
