"""Read/flag commands on a big selection: "select all" and a toggle stay off the GUI thread's
paging (the decision for more than ``TOGGLE_FROM_LIST`` rows is one background query)."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.store.db import Store
from ui.mainwindow import flag_commands
from ui.mainwindow.window import MainWindow


def test_select_all_and_toggle_flag_from_a_store_query(qtbot, window: MainWindow, demo_db: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flag_commands, "TOGGLE_FROM_LIST", 3)
    window.message_view.selectAll()
    ids = window.selected_ids()
    assert ids == window.message_model.ids() and len(ids) > 3
    pages = window.message_model.pages_loaded

    def flagged() -> int:
        with Store.open(demo_db) as store:
            return store.flag_counts(ids, "flagged")[1]

    before = flagged()
    assert 0 < before < len(ids)  # the demo Inbox has some flagged mail: not all of it
    window.messages.toggle_flag()
    qtbot.waitUntil(lambda: flagged() == len(ids))
    assert window.message_model.message(len(ids) - 1).flagged  # type: ignore[union-attr]
    window.messages.toggle_flag()  # all flagged now: unflag all
    qtbot.waitUntil(lambda: flagged() == 0)
    assert window.message_model.pages_loaded - pages <= 2  # only the rows looked at again


def test_flag_counts_refuses_other_flags(demo_db: Path) -> None:
    with Store.open(demo_db) as store, pytest.raises(ValueError, match="unknown flag"):
        store.flag_counts([1], "deleted")
