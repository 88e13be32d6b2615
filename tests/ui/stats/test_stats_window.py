"""The Statistics window: the figures of the hand-checked mailbox in the table and charts,
the by-selector, Export CSV, and a period that ends before it starts said in words."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from PySide6.QtCharts import QBarSeries, QLineSeries

from client.store.db import Store
from tests.client.analytics.test_figures import build_mailbox
from ui.stats.window import StatsWindow


def _cache(tmp_path: Path) -> Path:
    path = tmp_path / "tradewind.db"
    build_mailbox(path).close()
    return path


def _open(qtbot, path: Path) -> StatsWindow:  # type: ignore[no-untyped-def]
    window = StatsWindow(path, today=date(2026, 12, 6))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.first_edit.setDate(window.first_edit.date().addDays(29 - 6))  # Mon 30 Nov
    return window


def _rows(window: StatsWindow) -> list[list[str]]:
    return [[window.table.item(r, c).text() for c in range(window.table.columnCount())]
            for r in range(window.table.rowCount())]


def test_figures_table_and_charts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, _cache(tmp_path))
    assert window.period()[:2] == (date(2026, 11, 30), date(2026, 12, 6))
    rows = _rows(window)
    total = rows[-1]
    # the numbers worked out by hand in tests/client/analytics/test_figures.py
    assert (total[0], total[2], total[3], total[4], total[5], total[6], total[8]) == (
        "Total", "Total", "4", "7", "5", "4", "2.25")
    assert [r[0] for r in rows] == ["Rep", "Rep", "Total"]
    assert "4 of 5 inquiries answered (80 %)" in window.summary.text()
    [bars] = window.bar_chart.series()
    assert isinstance(bars, QBarSeries) and bars.count() == 3
    assert [bars.barSets()[0].at(i) for i in range(2)] == [3, 1]  # sent: Anna 3, Bob 1
    lines = window.line_chart.series()
    assert all(isinstance(s, QLineSeries) for s in lines) and lines[0].count() == 7
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.by_box.setCurrentIndex(window.by_box.findData("channel"))
    labels = {r[2] for r in _rows(window) if r[0] == "Channel"}
    assert labels == {"web-form", "alibaba", "untagged"}


def test_export_csv(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, _cache(tmp_path))
    target = tmp_path / "out.csv"
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.export_to(target)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["dimension", "key", "label", "sent"] and rows[-1][3] == "4"
    assert "Exported to" in window.summary.text()


def test_export_to_a_missing_folder_is_said(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, _cache(tmp_path))
    window.export_to(tmp_path / "no-such-folder" / "out.csv")
    qtbot.waitUntil(lambda: "could not be written" in window.summary.text(), timeout=10000)


def test_a_period_ending_before_it_starts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _cache(tmp_path)
    window = _open(qtbot, path)
    window.last_edit.setDate(window.first_edit.date().addDays(-1))
    assert "ends before it starts" in window.summary.text()
    with Store.open(path) as store:  # nothing written
        assert store.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 4
