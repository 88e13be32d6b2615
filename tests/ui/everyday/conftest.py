"""Helpers for the everyday-client tests: open a folder or a search and wait for the list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from client.store.db import Store
from ui.mainwindow import list_queries


def folder_id(db: Path, role: str) -> int:
    with Store.open(db) as store:
        account = store.list_accounts()[0]
        folder = store.folder_by_role(account.id, role)
        assert folder is not None
        return folder.id


def show_folder(qtbot: Any, win: Any, role: str) -> int:
    """Select the folder with ``role`` and wait until the list shows exactly its messages."""
    wanted = folder_id(win.db_path, role)
    key, descending = win._sort
    expected = list_queries.folder_ids(win.db_path, wanted, key, descending, win.threaded)
    win.select_folder(wanted)
    qtbot.waitUntil(lambda: win.list_source == ("folder", wanted)
                    and win.message_model.ids() == expected)
    return wanted


def search(qtbot: Any, win: Any, text: str) -> None:
    """Type ``text`` into the search field, run it and wait for its results."""
    win.search_field.setText(text)
    win.run_search()
    qtbot.waitUntil(lambda: win.list_source == ("search", text))
