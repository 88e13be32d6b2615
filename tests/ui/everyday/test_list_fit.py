"""Lists that fit the folder: To in Sent and Drafts, the column chooser remembered per folder,
search results with a Folder column, highlighted words and "no messages match"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from client import settings
from client.store.db import Store
from tests.ui.everyday.conftest import folder_id, search, show_folder
from ui.everyday.list_fit import COLUMNS_KEY
from ui.mainwindow.window import MainWindow
from ui.models.message_list import (
    COL_ATTACHMENT,
    COL_DATE,
    COL_FLAG,
    COL_FOLDER,
    COL_FROM,
    COL_SUBJECT,
    COL_UNREAD,
    COLUMN_COUNT,
)
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks


def _header(win: MainWindow, column: int) -> str:
    return str(win.message_model.headerData(column, Qt.Orientation.Horizontal))


def _cell(win: MainWindow, row: int, column: int,
          role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
    return win.message_model.index(row, column).data(role)


def test_sent_and_drafts_show_to_inbox_shows_from(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert _header(window, COL_FROM) == "From"
    first = window.message_model.message(0)
    assert first is not None and _cell(window, 0, COL_FROM) == (first.from_name or first.from_email)
    for role in ("sent", "drafts"):
        show_folder(qtbot, window, role)
        assert _header(window, COL_FROM) == "To"
        for row in range(window.message_model.rowCount()):
            message = window.message_model.message(row)
            assert message is not None and message.to
            shown = _cell(window, row, COL_FROM)
            assert message.to[0][0] in shown or message.to[0][1] in shown
            assert message.from_name not in shown  # the rep's own name is not what is shown
    show_folder(qtbot, window, "inbox")
    assert _header(window, COL_FROM) == "From"


def test_every_column_and_cell_has_a_spoken_name(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model = window.message_model
    names = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole)
             for c in range(COLUMN_COUNT)]
    assert names[COL_UNREAD] == "Unread" and names[COL_FLAG] == "Flagged"
    assert names[COL_ATTACHMENT] == "Attachments"
    assert all(isinstance(n, str) and n for n in names)
    spoken = {(c, _cell(window, r, c, Qt.ItemDataRole.AccessibleTextRole))
              for r in range(model.rowCount()) for c in (COL_UNREAD, COL_FLAG, COL_ATTACHMENT)}
    assert {(COL_UNREAD, "Unread"), (COL_UNREAD, "Read"), (COL_FLAG, "Flagged"),
            (COL_FLAG, "Not flagged"), (COL_ATTACHMENT, "Has attachments"),
            (COL_ATTACHMENT, "No attachments")} <= spoken
    for row in range(model.rowCount()):
        for column in (COL_FROM, COL_SUBJECT, COL_DATE):
            assert _cell(window, row, column, Qt.ItemDataRole.AccessibleTextRole)


def test_search_shows_folder_column_highlight_and_empty_message(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    header = window.message_view.horizontalHeader()
    assert header.isSectionHidden(COL_FOLDER)
    search(qtbot, window, "LED")
    assert window.message_model.rowCount() > 1
    assert not header.isSectionHidden(COL_FOLDER)
    folders = {_cell(window, r, COL_FOLDER) for r in range(window.message_model.rowCount())}
    assert {"INBOX", "Sent"} <= folders
    assert window.everyday.list_fit.delegate.terms == ("led",)
    assert not window.everyday.list_fit.empty_label.isVisible()
    window.message_view.clearSelection()
    image = window.message_view.viewport().grab().toImage()
    mark = QColor("#ffe066").rgb()
    assert any(image.pixel(x, y) == mark for x in range(0, image.width(), 2)
               for y in range(0, min(image.height(), 200), 2))

    search(qtbot, window, "zzqxnothingmatches")
    assert window.message_model.rowCount() == 0
    label = window.everyday.list_fit.empty_label
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "No messages match “zzqxnothingmatches”."

    window.everyday.keyboard.clear_search()
    qtbot.waitUntil(lambda: window.list_source is not None and window.list_source[0] == "folder")
    assert header.isSectionHidden(COL_FOLDER) and not label.isVisible()


def test_column_chooser_is_remembered_per_folder(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    show_folder(qtbot, win, "sent")
    header = win.message_view.horizontalHeader()
    menu = win.everyday.list_fit.column_menu()
    flag_entry = next(a for a in menu.actions() if a.text() == "Flagged")
    assert flag_entry.isChecked()
    flag_entry.trigger()  # hide the Flag column
    assert header.isSectionHidden(COL_FLAG)
    header.resizeSection(COL_FROM, 333)
    header.moveSection(header.visualIndex(COL_DATE), 0)
    assert not next(a for a in menu.actions() if a.text() == "Subject").isEnabled()
    show_folder(qtbot, win, "inbox")  # another folder keeps its own layout
    assert not header.isSectionHidden(COL_FLAG) and header.visualIndex(COL_DATE) != 0
    win.quit()
    wait_for_background_tasks()
    with Store.open(demo_db) as store:
        saved = settings.read(store, COLUMNS_KEY)
    assert f"folder:{folder_id(demo_db, 'sent')}" in saved

    again = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(again)
    again.show()
    header = again.message_view.horizontalHeader()
    qtbot.waitUntil(lambda: again.list_source is not None)
    assert not header.isSectionHidden(COL_FLAG)
    show_folder(qtbot, again, "sent")
    assert header.isSectionHidden(COL_FLAG)
    assert header.sectionSize(COL_FROM) == 333
    assert header.visualIndex(COL_DATE) == 0
    again.quit()
    wait_for_background_tasks()


def test_restoring_a_layout_neither_reloads_nor_resorts_the_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.message_view.sortByColumn(COL_SUBJECT, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: window._sort == ("subject", False))
    window.everyday.list_fit.set_column_shown(COL_FLAG, False)  # the Inbox has a saved layout
    show_folder(qtbot, window, "sent")
    generation = window.generation
    show_folder(qtbot, window, "inbox")
    assert window.generation == generation + 1  # one load, no second one from a re-sort
    header = window.message_view.horizontalHeader()
    assert header.isSectionHidden(COL_FLAG)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COL_SUBJECT, Qt.SortOrder.AscendingOrder)
    assert window._sort == ("subject", False)


def test_the_subject_keeps_room_in_a_narrow_search_list(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(760, 520)  # 150 % on a 1280x720 screen leaves about this much
    qtbot.waitUntil(lambda: window.message_view.viewport().width() < 600)
    search(qtbot, window, "LED")
    header = window.message_view.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(COL_SUBJECT) >= 0.3 * window.message_view.viewport().width())
    assert not header.isSectionHidden(COL_FOLDER)
