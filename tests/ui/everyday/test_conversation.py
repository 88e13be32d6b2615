"""Conversations: a grouped row opens the thread stacked, the rep's replies from Sent
included, the newest and the unread messages open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from client.store.db import Store
from tests.ui.everyday.conftest import folder_id
from ui.everyday.conversation import ConversationWindow, conversation_ids
from ui.mainwindow.window import MainWindow


def _thread_with_sent_reply(db: Path) -> tuple[int, list[int]]:
    """(an Inbox message whose thread has a reply in Sent and an unread message, its thread)"""
    sent, inbox = folder_id(db, "sent"), folder_id(db, "inbox")
    with Store.open(db) as store:
        for row in store.rows_by_ids(store.message_ids(inbox)):
            thread = store.thread_messages(row.thread_id) if row.thread_id else []
            if (len(thread) >= 3 and any(t.folder_id == sent for t in thread)
                    and any(not t.seen for t in thread[:-1])):
                return row.id, [t.id for t in thread]
    raise AssertionError("the demo profile has no such thread")


def test_conversation_ids_include_the_reps_replies_from_sent(demo_db: Path) -> None:
    message_id, thread = _thread_with_sent_reply(demo_db)
    assert conversation_ids(demo_db, message_id) == thread
    with Store.open(demo_db) as store:
        folders = {store.get_message(i).folder_id for i in thread}  # type: ignore[union-attr]
    assert folder_id(demo_db, "sent") in folders and folder_id(demo_db, "inbox") in folders


def test_conversation_window_opens_newest_and_unread(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.dates import babel_locale

    message_id, thread = _thread_with_sent_reply(demo_db)
    win = ConversationWindow(demo_db, message_id, babel_locale("en_US"))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.shown) as shown:
        win.show()
    assert shown.args == [len(thread)]
    assert [c.content.row.id for c in win.cards] == thread
    for position, card in enumerate(win.cards):
        expected = position == len(thread) - 1 or not card.content.row.seen
        assert card.is_open == expected, position
    closed = next(c for c in win.cards if not c.is_open)
    closed.toggle.click()
    assert closed.is_open
    assert all(c.toggle.accessibleName().startswith("Message from") for c in win.cards)


def test_enter_on_a_grouped_row_opens_the_conversation(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.group_action.trigger()
    qtbot.waitUntil(lambda: window.threaded and window.list_source is not None)
    model = window.message_model
    row = next(r for r in range(model.rowCount()) if model.message(r).thread_count > 1)  # type: ignore[union-attr]
    window.message_view.setFocus()
    window.message_view.setCurrentIndex(model.index(row, 4))
    qtbot.keyClick(window.message_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.everyday.windows) == 1)
    conversation = window.everyday.windows[0]
    assert isinstance(conversation, ConversationWindow)
    wanted = conversation_ids(window.db_path, model.message_id_at(row))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: [c.content.row.id for c in conversation.cards] == wanted)
    assert len(wanted) >= model.message(row).thread_count  # type: ignore[union-attr]
    conversation.close()


def test_a_conversation_expands_in_the_list_with_the_sent_replies(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    inbox_id, thread = _thread_with_sent_reply(window.db_path)
    sent = folder_id(window.db_path, "sent")
    window.group_action.trigger()
    qtbot.waitUntil(lambda: window.threaded and window.list_source is not None
                    and window.message_model.rowCount() > 0)
    model = window.message_model
    head_row = next(r for r in range(model.rowCount()) if model.message_id_at(r) in thread)
    head = model.message_id_at(head_row)
    before = model.ids()
    window.message_view.setFocus()
    window.message_view.selectRow(head_row)
    qtbot.waitUntil(lambda: window.message_view.currentIndex().row() == head_row)
    qtbot.keyClick(window.message_view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: model.rowCount() > len(before))
    children = [i for i in thread if i != head]
    assert model.ids()[head_row + 1 : head_row + 1 + len(children)] == children
    with Store.open(window.db_path) as store:
        assert any(store.get_message(i).folder_id == sent for i in children)  # type: ignore[union-attr]
    subject = model.index(head_row + 1, 4).data()
    assert subject.startswith("    ↳ ")
    assert model.row_of(head) == head_row and window.message_view.currentIndex().row() == head_row
    qtbot.keyClick(window.message_view, Qt.Key.Key_Right)  # already open: nothing changes
    qtbot.keyClick(window.message_view, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: model.ids() == before)
    assert window.everyday.threads.expanded == {}
    assert "Expand conversation" in [a.text() for a in _view_menu(window).actions()]


def _view_menu(window: MainWindow):  # type: ignore[no-untyped-def]
    return next(a.menu() for a in window.menuBar().actions()
                if a.menu() is not None and window.group_action in a.menu().actions())
