"""Conversations stay open across list reloads, new mail and folder switches, and opening one
in its window marks its unread messages read through the queued (undoable) operations."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from client.events import FolderChanged
from client.store import IncomingMessage
from client.store.db import Store
from tests.ui.everyday.conftest import folder_id, show_folder
from tests.ui.everyday.test_conversation import _thread_with_sent_reply
from ui.everyday.conversation import ConversationWindow, conversation_ids
from ui.mainwindow.window import MainWindow
from ui.qt.tasks import wait_for_background_tasks


def _expand(qtbot, window: MainWindow, thread: list[int]) -> int:  # type: ignore[no-untyped-def]
    """Group the Inbox, expand the conversation of ``thread``; returns its head id."""
    window.group_action.trigger()
    qtbot.waitUntil(lambda: window.threaded and window.list_source is not None
                    and window.message_model.rowCount() > 0)
    model = window.message_model
    head_row = next(r for r in range(model.rowCount()) if model.message_id_at(r) in thread)
    window.message_view.setFocus()
    window.message_view.selectRow(head_row)
    qtbot.waitUntil(lambda: window.message_view.currentIndex().row() == head_row)
    qtbot.keyClick(window.message_view, Qt.Key.Key_Right)
    head = model.message_id_at(head_row)
    assert head is not None
    qtbot.waitUntil(lambda: head in window.everyday.threads.expanded)
    return head


def _children_below(window: MainWindow, head: int, thread: list[int]) -> list[int]:
    model = window.message_model
    row = model.row_of(head)
    assert row is not None
    children = [i for i in thread if i != head]
    return model.ids()[row + 1 : row + 1 + len(children)]


def test_an_open_conversation_stays_open_when_the_list_reloads(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _inbox_id, thread = _thread_with_sent_reply(window.db_path)
    head = _expand(qtbot, window, thread)
    children = [i for i in thread if i != head]
    generation = window.generation
    window.load_folder()  # what a flag change or a sync's refresh does
    qtbot.waitUntil(lambda: window.generation > generation
                    and _children_below(window, head, thread) == children)
    assert window.message_model.child_ids == set(children)

    show_folder(qtbot, window, "sent")
    assert window.everyday.threads.expanded == {} or head not in window.everyday.threads.expanded
    show_folder(qtbot, window, "inbox")  # and back: still open
    qtbot.waitUntil(lambda: _children_below(window, head, thread) == children)

    window.message_view.selectRow(window.message_model.row_of(head))  # type: ignore[arg-type]
    qtbot.keyClick(window.message_view, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: window.message_model.row_of(children[0]) is None)
    generation = window.generation
    window.load_folder()  # folded by the rep: stays folded
    qtbot.waitUntil(lambda: window.generation > generation
                    and window.list_source is not None and window.message_model.rowCount() > 0)
    wait_for_background_tasks()  # a re-expansion (wrong here) would have run by now
    qtbot.waitUntil(lambda: window.everyday.threads.expanded == {})
    assert window.message_model.row_of(children[0]) is None


def test_new_mail_in_an_open_conversation_keeps_it_open(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    inbox = folder_id(window.db_path, "inbox")
    _head_id, thread = _thread_with_sent_reply(window.db_path)
    head = _expand(qtbot, window, thread)
    with Store.open(window.db_path) as store:
        last = store.get_message(thread[-1])
        assert last is not None
        uid = 1 + max(r.uid or 0 for r in store.rows_by_ids(store.message_ids(inbox)))
        raw = (f"From: Buyer <buyer@example.com>\r\nTo: rep@example.com\r\n"
               f"Subject: Re: {last.subject}\r\nMessage-ID: <new-in-thread@example.com>\r\n"
               f"In-Reply-To: <{last.message_id}>\r\nReferences: <{last.message_id}>\r\n"
               f"Date: Mon, 01 Jan 2035 10:00:00 +0000\r\n\r\nOne more question.\r\n").encode()
        result = store.insert_messages(inbox, [IncomingMessage(
            uid=uid, raw=raw, flags=(), internaldate=datetime(2035, 1, 1, tzinfo=UTC))], uid)
        new_id = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                                    ("new-in-thread@example.com",)).fetchone()[0]
        assert new_id not in thread and result is not None
    window.core_events.folder_changed(FolderChanged(0, inbox, added=(int(new_id),)))
    # the new message is now the conversation's row; the conversation is open below it
    wanted = conversation_ids(window.db_path, int(new_id))
    assert head in wanted
    qtbot.waitUntil(lambda: window.message_model.row_of(int(new_id)) is not None
                    and _children_below(window, int(new_id), wanted)
                    == [i for i in wanted if i != int(new_id)], timeout=10000)


def test_opening_a_conversation_marks_its_unread_messages_read_and_undo_restores(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    message_id, thread = _thread_with_sent_reply(window.db_path)
    with Store.open(window.db_path) as store:
        unread = {r.id for r in store.rows_by_ids(thread) if not r.seen}
    assert unread
    conversation = window.everyday.open_conversation(message_id)
    assert isinstance(conversation, ConversationWindow)
    qtbot.waitUntil(lambda: len(conversation.cards) == len(thread))

    def states() -> dict[int, bool]:
        with Store.open(window.db_path) as store:
            return {r.id: r.seen for r in store.rows_by_ids(thread)}

    qtbot.waitUntil(lambda: all(states().values()))
    with Store.open(window.db_path) as store:
        ops = store.conn.execute(
            "SELECT count(*) FROM pending_ops WHERE kind = 'flags'").fetchone()[0]
    assert ops >= 1  # queued for the server: works offline
    conversation.close()
    window.triage.undo_action.trigger()
    qtbot.waitUntil(lambda: {i for i, seen in states().items() if not seen} == unread)
