"""The main window by keyboard: Tab order, Space paging to the next unread, Esc clears the
search, every command in a menu with its shortcut, focus frames and spoken names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from tests.ui.everyday.conftest import search
from ui.mainwindow.window import MainWindow


def _focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_tab_and_shift_tab_move_between_tree_list_and_reader(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1400, 800)  # the search field in the toolbar, not in its overflow menu
    qtbot.waitUntil(window.search_field.isVisible)
    window.activateWindow()
    _focus(qtbot, window.folder_view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(window.message_view.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(window.reader.body.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(window.message_view.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(window.folder_view.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(window.search_field.hasFocus)


def test_space_pages_through_the_message_then_goes_to_the_next_unread(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(900, 500)
    model = window.message_model
    window.message_view.selectRow(0)
    first = model.message_id_at(0)
    qtbot.waitUntil(lambda: window.reader.shown_id == first and "Loading" not in
                    window.reader.body.toPlainText())
    long_text = "\n".join(f"line {n}" for n in range(400))
    window.reader.stack.setCurrentWidget(window.reader.body)
    window.reader.body.setPlainText(long_text)  # a message longer than the pane
    bar = window.reader.body.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    _focus(qtbot, window.message_view)
    qtbot.keyClick(window.message_view, Qt.Key.Key_Space)
    assert bar.value() == bar.pageStep() and window.reader.shown_id == first
    bar.setValue(bar.maximum())
    qtbot.keyClick(window.message_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.reader.shown_id not in (None, first))
    shown = model.row_of(window.reader.shown_id)  # type: ignore[arg-type]
    message = model.message(shown)  # type: ignore[arg-type]
    assert message is not None and shown is not None and shown > 0
    unread_before = [r for r in range(1, shown) if not model.message(r).seen]  # type: ignore[union-attr]
    assert unread_before == []


def test_esc_clears_the_search(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1400, 800)
    qtbot.waitUntil(window.search_field.isVisible)
    search(qtbot, window, "LED")
    window.activateWindow()
    _focus(qtbot, window.search_field)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.list_source == ("folder", window.current_folder))
    assert window.search_field.text() == "" and window.search_text == ""
    assert window.message_view.hasFocus()


def test_every_command_is_in_a_menu_with_its_shortcut(window: MainWindow) -> None:
    in_menus: set[int] = set()

    def walk(menu) -> None:  # type: ignore[no-untyped-def]
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            else:
                in_menus.add(id(action))

    for top in window.menuBar().actions():
        walk(top.menu())
    missing = [a.text() for a in window.actions()
               if a.shortcuts() and id(a) not in in_menus and a.text()]
    assert missing == []


def test_focus_is_framed_and_every_control_has_a_spoken_name(window: MainWindow) -> None:
    for widget in (window.folder_view, window.message_view, window.reader.body):
        assert ":focus" in widget.styleSheet() and "palette(highlight)" in widget.styleSheet()
    unnamed = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(
                widget, QAbstractItemView | QLineEdit | QAbstractButton | QTextEdit):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []


def test_the_everyday_shortcuts_clash_with_no_other_command(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    ours = {id(a) for a in vars(window.everyday).values() if isinstance(a, QAction)}
    ours |= {id(window.everyday.threads.expand_action), id(window.everyday.threads.collapse_action)}
    assert len(ours) >= 10
    by_key: dict[str, set[int]] = {}
    actions = set(window.actions()) | set(window.message_view.actions())
    actions |= set(window.findChildren(QAction))
    for action in actions:
        for key in action.shortcuts():
            by_key.setdefault(key.toString(), set()).add(id(action))
    clashes = [key for key, owners in by_key.items() if len(owners) > 1 and owners & ours]
    assert clashes == []


def test_space_pages_an_html_message_too(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from client.store.db import Store
    from client.store.records import FolderRecord, IncomingMessage
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks

    body = "".join(f"<p>paragraph {n}</p>" for n in range(300)).encode()
    raws = [(b"From: Li Wei <li.wei@supplier.example>\r\nTo: rep@tradewind.example\r\n"
             b"Subject: Long " + str(n).encode() + b"\r\nMessage-ID: <long" + str(n).encode()
             + b"@supplier.example>\r\nDate: Thu, 26 Nov 2026 1" + str(n).encode()
             + b":00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8"
             b"\r\n\r\n" + body) for n in range(2)]
    db = tmp_path / "tradewind.db"
    with Store.open(db) as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(uid=n + 1, raw=r)
                                         for n, r in enumerate(raws)], 2)
    win = MainWindow(db, babel_locale("en_US"))
    qtbot.addWidget(win)
    win.resize(1000, 600)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() == 2)
    win.message_view.selectRow(0)
    first = win.message_model.message_id_at(0)
    qtbot.waitUntil(lambda: win.reader.shown_id == first and win.reader.html_view is not None
                    and win.reader.stack.currentWidget() is win.reader.html_view)
    page = win.reader.html_view.page()
    qtbot.waitUntil(lambda: page.contentsSize().height() > 2 * win.reader.html_view.height(),
                    timeout=10000)
    win.message_view.setFocus()
    qtbot.keyClick(win.message_view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.scrollPosition().y() > 0, timeout=10000)
    assert win.reader.shown_id == first
    win.quit()
    wait_for_background_tasks()
