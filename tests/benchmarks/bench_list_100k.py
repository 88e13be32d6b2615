"""Benchmark: the message list at 100,000 messages (issue 3: "stays smooth"); not a test.

    .venv/bin/python -m tests.benchmarks.bench_list_100k [--count 100000] [--keep DIR]

Builds (or reuses with ``--keep``) a profile of ``--count`` messages (client.demo.large), then
prints, for its biggest folder, the best of ``RUNS`` timings of the calls the app makes:
background queries (``ui.mainwindow.list_queries.folder_ids`` per sort key, flat and by conversation;
``ui.mainwindow.list_queries.next_unread`` from the top, from past the last unread row so it scans the
whole list and crosses to the next folder, and over search results; the flag state of a
"select all" for a toggle) and the look-ups the GUI thread makes (a page of 200 rows, the
unread counts, also with every message unread). Each background call opens its own Store
like the app does, so the figures include that (~1 ms).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

RUNS = 5


def best_ms(call: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of RUNS calls in milliseconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(RUNS):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best * 1000, result


def run(db: Path) -> None:
    """Print the figures for the biggest folder of the profile at ``db``."""
    from client.store.db import Store
    from ui.mainwindow import list_queries

    with Store.open(db) as store:
        total = store.conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        folder, size = store.conn.execute(
            "SELECT folder_id, count(*) FROM messages GROUP BY folder_id ORDER BY 2 DESC"
        ).fetchone()
        order = [f.id for a in store.list_accounts() for f in store.folders(a.id)]
    print(f"profile: {total:,} messages; biggest folder {folder} with {size:,}")
    print("background (ui.mainwindow.list_queries, own Store per call):")
    for key in ("date", "from", "subject"):
        for threaded in (False, True):
            for descending in (True, False):
                ms, ids = best_ms(partial(list_queries.folder_ids,
                                          db, folder, key, descending, threaded))
                print(f"  sort by {key:<7} {'conversations' if threaded else 'messages':<13} "
                      f"{'desc' if descending else 'asc ':<4}: {ms:7.1f} ms ({len(ids):,} rows)")
    ids = list_queries.folder_ids(db, folder)
    with Store.open(db) as store:
        unread = store.unread_ids(folder)
    last_unread = max((i for i, mid in enumerate(ids) if mid in unread), default=-1)
    for label, current in (("from the top", -1), ("past the last unread row", last_unread)):
        ms, found = best_ms(partial(list_queries.next_unread, db, ids, current, folder, order))
        print(f"  next unread {label:<24}: {ms:7.1f} ms -> {found}")
    ms, found = best_ms(lambda: list_queries.next_unread(db, ids, last_unread, None))
    print(f"  next unread in {len(ids):,} search results: {ms:7.1f} ms -> {found}")
    ms, counts = best_ms(lambda: list_queries.flag_counts(db, ids, "flagged"))
    print(f"  flag state of a {len(ids):,}-row selection (toggle): {ms:7.1f} ms -> {counts}")
    print("GUI thread (the window's own Store):")
    with Store.open(db) as store:
        threaded_ids = store.message_ids(folder, threaded=True)
        middle = len(ids) // 2
        ms, _ = best_ms(lambda: store.rows_by_ids(ids[middle : middle + 200]))
        print(f"  a page of 200 rows                 : {ms:7.1f} ms")
        ms, _ = best_ms(lambda: store.rows_by_ids(threaded_ids[middle : middle + 200], True))
        print(f"  a page of 200 conversation rows    : {ms:7.1f} ms")
        ms, _ = best_ms(store.unread_counts)
        print(f"  unread counts of every folder      : {ms:7.1f} ms")
        store.conn.execute("BEGIN")  # every message unread, rolled back afterwards
        try:
            store.conn.execute("UPDATE messages SET seen = 0")
            ms, _ = best_ms(store.unread_counts)
            print(f"  … with all {total:,} unread          : {ms:7.1f} ms")
        finally:
            store.conn.execute("ROLLBACK")


def window_run(db: Path) -> None:
    """Time the same actions through the main window (offscreen, on a copy of ``db``): from
    the header click / key press until the list shows the result, and what a "select all" plus
    flag toggle blocks the GUI thread for."""
    import os
    import shutil

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.mainwindow.window import MainWindow
    from ui.models.message_list import COL_DATE, COL_FROM, COL_SUBJECT
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks

    copy = Path(tempfile.mkdtemp(prefix="tradewind-list-bench-window-"))
    for suffix in ("", "-wal"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", copy / f"{db.name}{suffix}")
    app = QApplication.instance() or QApplication([])
    from ui.qt.gc_on_gui_thread import GuiThreadCollector

    GuiThreadCollector(app)  # as ui.app.main.run does
    window = MainWindow(copy / db.name, babel_locale("en_US"))
    resets: list[int] = []
    window.message_model.modelReset.connect(lambda: resets.append(1))

    def until(done: Callable[[], bool]) -> float:
        started = time.perf_counter()
        while not done():
            app.processEvents()
            time.sleep(0.0005)  # leave the GIL to the worker thread between polls
            if time.perf_counter() - started > 60:
                raise TimeoutError("the window did not get there in 60 s")
        return (time.perf_counter() - started) * 1000

    try:
        window.show()
        folder = window.store.conn.execute(
            "SELECT folder_id FROM messages GROUP BY folder_id ORDER BY count(*) DESC"
        ).fetchone()[0]
        window.select_folder(folder)
        until(lambda: window.list_source == ("folder", folder))
        print("main window (click or key until the list shows it, incl. the first page):")
        for column, name in ((COL_FROM, "sender"), (COL_SUBJECT, "subject"), (COL_DATE, "date")):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                seen = len(resets)
                started = time.perf_counter()
                window.message_view.sortByColumn(column, order)
                until(lambda seen=seen: len(resets) > seen and window.statusBar().currentMessage() == "")
                window.message_model.index(0, COL_SUBJECT).data()
                label = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
                print(f"  sort by {name:<7} {label:<4}: {(time.perf_counter() - started) * 1000:7.1f} ms")
        model, view = window.message_model, window.message_view
        unread = window.store.unread_ids(folder)
        rows = sorted(r for r in (model.row_of(i) for i in unread) if r is not None)
        if rows:
            view.selectRow(rows[0] - 1 if rows[0] else rows[0])
            start_row = view.currentIndex().row()
            ms = until(lambda: view.currentIndex().row() != start_row) if not window.messages.next_unread() else 0.0
            print(f"  next unread (row {start_row} -> {view.currentIndex().row()}): {ms:7.1f} ms")
            view.selectRow(rows[-1])
            ms = until(lambda: window.messages._unread_wait is None
                       and window.list_source != ("folder", folder)
                       and view.currentIndex().row() >= 0) if not window.messages.next_unread() else 0.0
            print(f"  next unread past the last one, into the next folder: {ms:7.1f} ms")
            window.select_folder(folder)
            until(lambda: window.list_source == ("folder", folder))
        started = time.perf_counter()
        view.selectAll()
        window.messages.toggle_flag()
        blocked = (time.perf_counter() - started) * 1000
        print(f"  select all {model.rowCount():,} + flag toggle, GUI thread: {blocked:7.1f} ms")
        wait_for_background_tasks(120_000)
        app.processEvents()
        window.messages.toggle_flag()  # back as it was (on the copy anyway)
        wait_for_background_tasks(120_000)
    finally:
        window.quit()
        shutil.rmtree(copy, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="message list timings at 100,000 messages")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse/keep the profile in this folder")
    args = parser.parse_args()
    from client.demo.large import build_large_profile
    from client.profile.paths import DATABASE_NAME

    profile = args.keep or Path(tempfile.mkdtemp(prefix="tradewind-list-bench-")) / "large"
    if not (profile / DATABASE_NAME).exists():
        started = time.perf_counter()
        stored = build_large_profile(profile, args.count, index=False)
        print(f"built a {stored:,}-message profile in {time.perf_counter() - started:.1f} s")
    run(profile / DATABASE_NAME)
    window_run(profile / DATABASE_NAME)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
