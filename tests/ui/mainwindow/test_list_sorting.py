"""Header clicks sort the main window's list through the store's indexes, with conversation
grouping on and off (issue 3: sortable at 100,000 messages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from client.store.db import Store
from ui.mainwindow.window import MainWindow
from ui.models.message_list import COL_FROM, COL_SUBJECT


@pytest.mark.parametrize("threaded", [False, True])
@pytest.mark.parametrize(("column", "sort"), [(COL_FROM, "sender"), (COL_SUBJECT, "subject")])
def test_header_click_shows_the_store_order(qtbot, window: MainWindow, demo_db: Path,  # type: ignore[no-untyped-def]
                                            threaded: bool, column: int, sort: str) -> None:
    inbox = window.current_folder
    with Store.open(demo_db) as store:
        ascending = store.message_ids(inbox, "asc", threaded, sort=sort)
        descending = store.message_ids(inbox, "desc", threaded, sort=sort)
    assert ascending != store_date_order(demo_db, inbox, threaded)  # the click changes the order
    window.set_threaded(threaded)
    window.message_view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: window.message_model.ids() == ascending)
    window.message_view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: window.message_model.ids() == descending)
    assert descending == ascending[::-1]


def store_date_order(db: Path, folder: int | None, threaded: bool) -> list[int]:
    with Store.open(db) as store:
        return store.message_ids(folder, "desc", threaded)
