"""Filing, deleting and undo in the main window on the demo profile (issue 11): drag and
drop (built the way the list builds it), Ctrl-drag copies, the folder picker, Archive, Delete
to Trash, Shift+Delete's confirmation, undo of each kind, undo after a restart, and the next
message selected after a move or delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QMessageBox, QToolBar

from client.store import FolderRecord, Store
from ui.mainwindow.window import MainWindow
from ui.models.message_list import MESSAGE_IDS_MIME
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks

INBOX, ARCHIVE, PROJECTS, DUBAI = 1, 4, 5, 6


@pytest.fixture
def trash_db(demo_db: Path) -> Path:
    """The demo profile with a Trash folder (the demo account has none)."""
    with Store.open(demo_db) as store:
        store.upsert_folder(1, FolderRecord("Trash", "/", "trash"))
    return demo_db


def _open(qtbot, db: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() > 0)
    return win


@pytest.fixture
def win(qtbot, trash_db: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    yield _open(qtbot, trash_db)
    wait_for_background_tasks()


def _folder_of(db: Path, row_id: int) -> tuple[int, bool] | None:
    with Store.open(db) as store:
        row = store.get_message(row_id)
        return None if row is None else (row.folder_id, row.deleted)


def _in_folder(db: Path, folder_id: int) -> list[int]:
    with Store.open(db) as store:
        return store.message_ids(folder_id)


def _select(win: MainWindow, row: int) -> int:
    win.message_view.selectRow(row)
    message = win.message_model.message_id_at(row)
    assert message is not None
    return message


def _drag(win: MainWindow, rows: list[int]) -> QMimeData:
    """The QMimeData the list view builds for a drag of these rows (every column's index)."""
    model = win.message_model
    return model.mimeData([model.index(r, c) for r in rows for c in range(model.columnCount())])


def _undo_shown(win: MainWindow, text: str) -> bool:
    bar = win.triage.undo_bar
    return bar.isVisible() and text in bar.label.text()


def test_dropping_rows_on_a_folder_moves_them_and_selects_the_next(
        qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    first = _select(win, 2)
    second, following = win.message_model.message_id_at(3), win.message_model.message_id_at(4)
    data = _drag(win, [2, 3])
    assert data.hasFormat(MESSAGE_IDS_MIME)
    target = win.folder_model.index_of_folder(DUBAI)
    assert win.folder_model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    assert win.folder_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    qtbot.waitUntil(lambda: _folder_of(trash_db, first) == (DUBAI, False))
    assert _folder_of(trash_db, second) == (DUBAI, False)
    assert win.message_model.row_of(first) is None and win.message_model.row_of(second) is None
    assert win.selected_ids() == [following]  # the one below took their place
    qtbot.waitUntil(lambda: _undo_shown(win, "Moved 2 message(s) to “Projects / Al Noor"))
    win.triage.undo_bar.undo_button.click()
    qtbot.waitUntil(lambda: _folder_of(trash_db, first) == (INBOX, False))
    assert _folder_of(trash_db, second) == (INBOX, False)
    qtbot.waitUntil(lambda: win.message_model.row_of(first) is not None)
    qtbot.waitUntil(lambda: win.selected_ids() == [first])  # the restored message


def test_ctrl_drag_copies(qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    source = _select(win, 0)
    before = set(_in_folder(trash_db, PROJECTS))
    target = win.folder_model.index_of_folder(PROJECTS)
    assert win.folder_model.dropMimeData(_drag(win, [0]), Qt.DropAction.CopyAction, -1, -1,
                                         target)
    qtbot.waitUntil(lambda: len(_in_folder(trash_db, PROJECTS)) == len(before) + 1)
    assert _folder_of(trash_db, source) == (INBOX, False)
    assert win.message_model.row_of(source) is not None  # a copy leaves the list alone
    qtbot.waitUntil(lambda: _undo_shown(win, "Copied 1 message(s) to “Projects”"))
    win.triage.undo_action.trigger()
    qtbot.waitUntil(lambda: set(_in_folder(trash_db, PROJECTS)) == before)


def test_drops_the_tree_refuses(win: MainWindow) -> None:
    data = _drag(win, [0])
    model = win.folder_model
    account = model.index(0, 0)
    folder = model.index_of_folder(PROJECTS)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, account)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, folder)  # between
    assert not model.canDropMimeData(data, Qt.DropAction.LinkAction, -1, -1, folder)
    junk = QMimeData()
    junk.setData(MESSAGE_IDS_MIME, b'{"ids": ["1; DROP TABLE"]}')
    assert not model.dropMimeData(junk, Qt.DropAction.MoveAction, -1, -1, folder)
    text = QMimeData()
    text.setText("17")
    assert not model.dropMimeData(text, Qt.DropAction.MoveAction, -1, -1, folder)


def test_move_to_picker_filters_and_lists_recent_folders(
        qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    moved = _select(win, 0)
    picker = win.triage.pick_folder(copy=False)
    assert picker is not None and picker.isVisible()
    assert INBOX not in picker.shown_folders()  # not into the folder it is in
    picker.filter_field.setText("dubai")
    assert picker.shown_folders() == [DUBAI]
    picker.filter_field.setText("zzz")
    assert picker.shown_folders() == [] and not picker.ok_button.isEnabled()
    picker.filter_field.setText("ARCH")  # the role's name too, any case
    assert picker.shown_folders() == [ARCHIVE]
    qtbot.keyClick(picker.filter_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _folder_of(trash_db, moved) == (ARCHIVE, False))
    qtbot.waitUntil(lambda: _undo_shown(win, "Moved 1 message(s) to “Archive”."))  # job done
    _select(win, 0)
    again = win.triage.pick_folder(copy=True)
    assert again is not None
    assert again.shown_folders()[0] == ARCHIVE  # the recent folder first
    assert again.list.item(0).text() == "Recent folders"
    again.reject()


def test_archive_key_and_its_undo(qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert [s.toString() for s in win.triage.archive_action.shortcuts()] == ["A"]
    message = _select(win, 1)
    win.triage.archive_action.trigger()
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (ARCHIVE, False))
    qtbot.waitUntil(lambda: _undo_shown(win, "Archived 1 message(s)."))
    win.triage.undo_action.trigger()
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (INBOX, False))


def test_delete_goes_to_trash_and_in_trash_asks_before_deleting_for_good(
        qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    trash = win.store.folder_by_role(1, "trash").id
    message = _select(win, 0)
    win.delete_action.trigger()
    assert win.triage.box is None  # no question for Trash
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (trash, False))
    qtbot.waitUntil(lambda: _undo_shown(win, "Moved 1 message(s) to Trash."))
    win.select_folder(trash)
    qtbot.waitUntil(lambda: win.message_model.ids() == [message])
    _select(win, 0)
    win.delete_action.trigger()
    box = win.triage.box
    assert box is not None and box.isVisible() and "for good" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert win.triage.box is None
    assert _folder_of(trash_db, message) == (trash, False)  # nothing happened
    win.delete_action.trigger()
    confirm = win.triage.box
    assert confirm is not None
    next(b for b in confirm.buttons() if b.text() == "Delete for good").click()
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (trash, True))
    qtbot.waitUntil(lambda: _undo_shown(win, "Deleted 1 message(s) for good."))
    assert win.message_model.ids() == []


def test_shift_delete_asks_then_deletes_for_good_and_undo_brings_it_back(
        qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    assert [s.toString() for s in win.triage.delete_for_good_action.shortcuts()] == ["Shift+Del"]
    message = _select(win, 0)
    win.triage.delete_for_good_action.trigger()
    box = win.triage.box
    assert box is not None and "cannot be brought back" in box.text()
    assert _folder_of(trash_db, message) == (INBOX, False)  # nothing before the answer
    next(b for b in box.buttons() if b.text() == "Delete for good").click()
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (INBOX, True))
    assert win.message_model.row_of(message) is None
    win.triage.undo()
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (INBOX, False))
    qtbot.waitUntil(lambda: win.message_model.row_of(message) is not None)


def test_flag_and_read_toggles_are_undone(qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    message = _select(win, 5)

    def flags() -> tuple[bool, bool]:
        with Store.open(trash_db) as store:
            row = store.get_message(message)
            assert row is not None
            return row.seen, row.flagged

    qtbot.waitUntil(lambda: flags()[0])  # opening it marked it read (not undoable)
    seen, flagged = flags()
    win.messages.toggle_flag()
    qtbot.waitUntil(lambda: flags() == (seen, not flagged))
    qtbot.waitUntil(lambda: _undo_shown(win, "lagged 1 message(s)."))
    win.messages.toggle_read()
    qtbot.waitUntil(lambda: flags() == (False, not flagged))
    win.triage.undo()  # the read change
    qtbot.waitUntil(lambda: flags() == (True, not flagged))
    win.triage.undo()  # the flag
    qtbot.waitUntil(lambda: flags() == (True, flagged))


def test_undo_works_after_a_restart(qtbot, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    first = _open(qtbot, trash_db)
    message = _select(first, 0)
    first.triage.file([message], first.store.folder(PROJECTS), copy=False)
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (PROJECTS, False))
    wait_for_background_tasks()
    first.quit()
    second = _open(qtbot, trash_db)
    assert second.message_model.row_of(message) is None
    second.triage.undo()
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) == (INBOX, False))
    qtbot.waitUntil(lambda: second.message_model.row_of(message) is not None)
    second.triage.undo()  # nothing more
    qtbot.waitUntil(lambda: second.statusBar().currentMessage() == "Nothing to undo.")
    wait_for_background_tasks()


def test_deleting_the_last_message_selects_the_one_above(
        qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    last = win.message_model.rowCount() - 1
    above = win.message_model.message_id_at(last - 1)
    message = _select(win, last)
    win.delete_action.trigger()
    assert win.selected_ids() == [above]
    qtbot.waitUntil(lambda: _folder_of(trash_db, message) is not None
                    and _folder_of(trash_db, message) != (INBOX, False))


def test_menus_toolbar_and_context_menu_offer_the_commands(win: MainWindow) -> None:
    triage = win.triage
    menus = {a.text(): a.menu() for a in win.menuBar().actions() if a.menu()}
    assert list(menus)[:3] == ["&File", "&Edit", "&Message"]
    assert triage.undo_action in menus["&Edit"].actions()
    for action in (triage.archive_action, triage.move_action, triage.copy_action,
                   triage.delete_for_good_action):
        assert action in menus["&Message"].actions()
    toolbar = win.findChild(QToolBar, "main-toolbar")
    assert {triage.archive_action, triage.move_action, triage.undo_action} <= set(
        toolbar.actions())
    _select(win, 0)
    menu = win.list_menu()
    assert set(triage.context_actions()) <= set(menu.actions())
    menu.deleteLater()


def _drop_on_view(win: MainWindow, folder_id: int, data: QMimeData,
                  modifiers: Qt.KeyboardModifier) -> bool:
    """A drag entering the folder tree, moving over ``folder_id`` and dropping there, with the
    keys held (the events a real drag sends the view)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    view = win.folder_view
    point = view.visualRect(win.folder_model.index_of_folder(folder_id)).center()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    enter = QDragEnterEvent(point, actions, data, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(point, actions, data, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), move)
    drop = QDropEvent(QPointF(point), actions, data, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def test_the_folder_tree_view_takes_the_drop_shift_moves_ctrl_copies(
        qtbot, win: MainWindow, trash_db: Path) -> None:  # type: ignore[no-untyped-def]
    moved = _select(win, 0)
    assert _drop_on_view(win, DUBAI, _drag(win, [0]), Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _folder_of(trash_db, moved) == (DUBAI, False))
    copied = _select(win, 0)
    before = len(_in_folder(trash_db, PROJECTS))
    assert _drop_on_view(win, PROJECTS, _drag(win, [0]), Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_in_folder(trash_db, PROJECTS)) == before + 1)
    assert _folder_of(trash_db, copied) == (INBOX, False)
