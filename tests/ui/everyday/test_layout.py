"""Windows that fit and remember: size, position, maximised state and splitters across a
restart, the reading pane right/bottom/off, the reader's font size (also set by the CLI's
settings), and a window that never reaches past its screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from client import settings
from client.store.db import Store
from ui.everyday.layout import keep_on_screen
from ui.everyday.zoom import point_size
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks


def _open(qtbot, db: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() > 0)
    return win


def _close(win: MainWindow) -> None:
    win.quit()
    wait_for_background_tasks()


def test_size_position_and_splitters_are_remembered(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = _open(qtbot, demo_db)
    layout = win.everyday.layout
    win.resize(700, 520)
    win.move(40, 30)
    layout.outer_splitter.setSizes([150, 550])
    qtbot.waitUntil(lambda: layout.outer_splitter.sizes()[0] == 150)
    outer = layout.outer_splitter.sizes()
    _close(win)
    with Store.open(demo_db) as store:
        assert set(settings.read(store, "ui.window_layout")) == {"geometry", "outer", "list"}

    again = _open(qtbot, demo_db)
    assert (again.width(), again.height()) == (700, 520)
    assert again.everyday.layout.outer_splitter.sizes() == outer
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    _close(again)
    third = _open(qtbot, demo_db)
    qtbot.waitUntil(third.isMaximized)
    _close(third)


def test_reading_pane_right_bottom_off_is_remembered(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = _open(qtbot, demo_db)
    layout = win.everyday.layout
    assert layout.list_splitter.orientation() == Qt.Orientation.Vertical  # bottom by default
    win.everyday.pane_actions["right"].trigger()
    assert layout.list_splitter.orientation() == Qt.Orientation.Horizontal
    assert win.reader.isVisible()
    win.everyday.pane_actions["off"].trigger()
    assert not win.reader.isVisible()
    _close(win)
    with Store.open(demo_db) as store:
        assert settings.read(store, "ui.reading_pane") == "off"
    again = _open(qtbot, demo_db)
    assert not again.reader.isVisible() and again.everyday.pane_actions["off"].isChecked()
    again.everyday.pane_actions["right"].trigger()
    assert again.reader.isVisible()
    _close(again)
    with Store.open(demo_db) as store:
        assert settings.read(store, "ui.reading_pane") == "right"


def test_font_size_setting_and_zoom_apply_to_the_reader(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:  # as `tradewind settings set reader.font_size 16` does
        settings.write(store, "reader.font_size", 16)
    win = _open(qtbot, demo_db)
    assert win.reader.body.font().pointSizeF() == 16
    assert win.everyday.font_actions[16].isChecked()
    win.everyday.zoom_in_action.trigger()
    assert win.reader.body.font().pointSizeF() == point_size(16, 1) > 16
    win.everyday.zoom_reset_action.trigger()
    win.everyday.font_actions[12].trigger()
    assert win.reader.body.font().pointSizeF() == 12
    _close(win)
    with Store.open(demo_db) as store:
        assert settings.read(store, "reader.font_size") == 12


def test_a_window_is_kept_on_its_screen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    room = window.screen().availableGeometry()
    window.resize(room.width() + 600, room.height() + 400)
    window.move(room.right() - 50, room.bottom() - 50)
    keep_on_screen(window)
    frame = window.frameGeometry()
    assert room.contains(frame.topLeft()) and frame.right() <= room.right() + 1
    assert frame.bottom() <= room.bottom() + 1 and window.height() <= room.height()


def test_with_the_reading_pane_off_selecting_leaves_a_message_unread(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    model = window.message_model
    rows = [r for r in range(model.rowCount()) if not model.message(r).seen]  # type: ignore[union-attr]
    window.everyday.pane_actions["off"].trigger()
    window.message_view.selectRow(rows[0])
    subject = model.message(rows[0]).subject  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.reader.subject.text() == subject)
    assert not model.message(rows[0]).seen  # type: ignore[union-attr]
    window.everyday.pane_actions["bottom"].trigger()
    window.message_view.selectRow(rows[1])
    qtbot.waitUntil(lambda: model.message(rows[1]).seen)  # type: ignore[union-attr]
