"""Core events reach the window (progress, account state, folder refresh); conversation view."""

from __future__ import annotations

import threading
from pathlib import Path

from client.events import AccountStatus, FolderChanged, SyncProgress, default_bus
from client.ops import queue
from client.store.db import Store
from ui.mainwindow.window import MainWindow


def _publish_from_worker(event: object) -> None:
    worker = threading.Thread(target=default_bus().publish, args=(event,))
    worker.start()
    worker.join()


def test_sync_progress_and_account_state_show_in_the_status_bar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert not window.progress.isVisible()
    _publish_from_worker(SyncProgress(1, "INBOX", 1200, 5000, "fetch"))
    qtbot.waitUntil(window.progress.isVisible)
    assert window.progress.maximum() == 5000 and window.progress.value() == 1200
    assert window.progress.format() == "INBOX: 1,200 of 5,000"
    _publish_from_worker(AccountStatus(1, "syncing"))
    qtbot.waitUntil(lambda: window.connection_label.text() == "Online — syncing")
    _publish_from_worker(SyncProgress(1, "INBOX", 5000, 5000, "fetch"))
    qtbot.waitUntil(lambda: not window.progress.isVisible())
    _publish_from_worker(AccountStatus(1, "error", "The server refused the password."))
    qtbot.waitUntil(lambda: "refused the password" in window.connection_label.text())


def test_folder_change_refreshes_list_and_counts_keeping_the_reader(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    seen_row = next(r for r in range(window.message_model.rowCount())
                    if window.message_model.message(r).seen)  # type: ignore[union-attr]
    window.message_view.selectRow(seen_row)  # a read message: opening it changes no count
    reading = window.message_model.message_id_at(seen_row)
    qtbot.waitUntil(lambda: window.reader.shown_id == reading and
                    "Loading" not in window.reader.body.toPlainText())
    folder = window.current_folder
    unread_ids = [window.message_model.message_id_at(r) for r in range(window.message_model.rowCount())
                  if not window.message_model.message(r).seen]  # type: ignore[union-attr]
    with Store.open(demo_db) as store:  # another thread of the core changes the cache
        queue.mark(store, unread_ids[:2], seen=True)
        expected = store.unread_counts()[folder]  # type: ignore[index]
    _publish_from_worker(FolderChanged(1, folder, updated=tuple(unread_ids[:2])))  # type: ignore[arg-type]
    label = window.folder_model.index_of_folder(folder).data()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.folder_model.index_of_folder(folder).data()  # type: ignore[arg-type]
                    == (f"Inbox ({expected})" if expected else "Inbox"))
    assert label != window.folder_model.index_of_folder(folder).data()  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.message_model.message(
        window.message_model.row_of(unread_ids[0])).seen)  # type: ignore[arg-type, union-attr]
    assert window.reader.shown_id == reading


def test_group_by_conversation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    flat = window.message_model.rowCount()
    window.group_action.trigger()
    assert window.threaded
    qtbot.waitUntil(lambda: window.list_source is not None and window.message_model.rowCount() < flat)
    subjects = [window.message_model.index(r, 4).data() for r in range(window.message_model.rowCount())]
    assert any(s.endswith(")") and "  (" in s for s in subjects)  # a conversation with its count
    window.group_action.trigger()
    qtbot.waitUntil(lambda: window.list_source is not None and window.message_model.rowCount() == flat)
