""""Next unread" (N) in the main window: the look-up runs in the background, crosses to the
next folder with unread mail like Thunderbird, and says so when there is none."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store
from ui.mainwindow.list_queries import NextUnread
from ui.mainwindow.window import MainWindow


def _unread_rows(window: MainWindow) -> list[int]:
    model = window.message_model
    return [r for r in range(model.rowCount()) if not model.message(r).seen]  # type: ignore[union-attr]


def test_next_unread_crosses_to_the_next_folder_and_back(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                         demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(1, "inbox").id  # type: ignore[union-attr]
        dubai = store.folder_by_name(1, "Projects/Al Noor Hotel Dubai").id  # type: ignore[union-attr]
        (dubai_unread,) = store.unread_ids(dubai)
    assert window.list_source == ("folder", inbox)
    last = _unread_rows(window)[-1]
    window.message_view.selectRow(last)
    window.messages.next_unread()  # nothing below in the Inbox: the next folder in the tree with unread
    qtbot.waitUntil(lambda: window.list_source == ("folder", dubai)
                    and window.message_model.message_id_at(
                        window.message_view.currentIndex().row()) == dubai_unread)
    qtbot.waitUntil(lambda: window.reader.shown_id == dubai_unread)
    qtbot.waitUntil(lambda: window.message_model.message(
        window.message_view.currentIndex().row()).seen)  # type: ignore[union-attr]
    first_unread = _inbox_first_unread(demo_db, inbox)
    window.messages.next_unread()  # past the last folder: wraps to the Inbox's first unread
    qtbot.waitUntil(lambda: window.list_source == ("folder", inbox)
                    and window.message_model.message_id_at(
                        window.message_view.currentIndex().row()) == first_unread)


def _inbox_first_unread(db: Path, inbox: int) -> int:
    with Store.open(db) as store:
        ids = store.message_ids(inbox)
        unread = store.unread_ids(inbox)
    return next(i for i in ids if i in unread)


def test_next_unread_says_when_there_is_none(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        store.conn.execute("UPDATE messages SET seen = 1")
    window.message_view.selectRow(0)
    window.messages.next_unread()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "No more unread messages.")
    assert window.message_view.currentIndex().row() == 0


def test_opening_another_folder_meanwhile_cancels_the_jump(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                           demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        dubai = store.folder_by_name(1, "Projects/Al Noor Hotel Dubai").id  # type: ignore[union-attr]
        sent = store.folder_by_role(1, "sent").id  # type: ignore[union-attr]
    source = window.list_source
    window.messages._unread_found(source, window.message_model.ids(), NextUnread(folder_id=dubai))
    window.select_folder(sent)  # the rep clicks Sent before Dubai is shown
    qtbot.waitUntil(lambda: window.list_source == ("folder", sent))
    # the jump is dropped when the Sent list is shown (a zero timer after its reset)
    qtbot.waitUntil(lambda: window.messages._unread_wait is None)
    assert not window.message_view.selectionModel().hasSelection()
