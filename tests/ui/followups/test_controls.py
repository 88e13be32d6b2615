"""View → Follow-ups… and View → Statistics… in the main window on the demo profile: the due
reminders fire at start (missed while closed), Write follow-up opens the composer on the
suggested draft, the Statistics window counts the demo mail."""

from __future__ import annotations

import time

from client.followups.records import list_followups
from client.store.db import Store


def test_menu_entries_start_check_and_write(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    texts = [a.text() for a in window.view_menu.actions()]
    assert "Follow-ups…" in texts and "Statistics…" in texts

    def fired() -> bool:
        with Store.open(window.db_path) as store:
            due = list_followups(store, now=time.time(), due_only=True)
            return bool(due) and all(f.fired_at is not None for f in due)

    qtbot.waitUntil(fired, timeout=10000)  # the notifier's check at start
    qtbot.waitUntil(lambda: "fell due while Tradewind was closed"
                    in window.statusBar().currentMessage(), timeout=10000)
    view = window.followups.open_window()
    qtbot.waitUntil(lambda: view.table.rowCount() > 0, timeout=10000)
    view.table.selectRow(0)
    before = len(window.compose.composers)
    view.write_button.click()
    qtbot.waitUntil(lambda: len(window.compose.composers) == before + 1, timeout=15000)
    composer = window.compose.composers[-1]
    assert getattr(composer, "draft_id", None) is not None
    stats = window.stats.open_window()
    qtbot.waitUntil(lambda: stats.data is not None, timeout=10000)
    assert stats.table.rowCount() >= 2
    for widget in (composer, view, stats):
        widget.close()
