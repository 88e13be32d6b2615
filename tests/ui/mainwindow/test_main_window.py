"""The main window on the demo profile: folders, list, reader, search, offline flags."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from client.store.db import Store
from ui.mainwindow.window import MainWindow
from ui.models.folder_tree import FOLDER_ID_ROLE
from ui.models.message_list import COL_FROM, ROW_ROLE


def _folder_id(db: Path, name: str) -> int:
    with Store.open(db) as store:
        account = store.list_accounts()[0]
        folder = store.folder_by_name(account.id, name)
        assert folder is not None
        return folder.id


def _ids(db: Path, folder_id: int) -> list[int]:
    with Store.open(db) as store:
        return store.message_ids(folder_id)


def _count(db: Path, folder_id: int) -> int:
    return len(_ids(db, folder_id))


def _subjects(win: MainWindow) -> list[str]:
    model = win.message_model
    return [model.message(r).subject for r in range(model.rowCount())]  # type: ignore[union-attr]


def _select_subject(qtbot, win: MainWindow, needle: str, exact: bool = False) -> int:  # type: ignore[no-untyped-def]
    row = next(i for i, s in enumerate(_subjects(win)) if (s == needle if exact else needle in s))
    win.message_view.selectRow(row)
    message_id = win.message_model.message_id_at(row)
    qtbot.waitUntil(lambda: win.reader.shown_id == message_id and "Loading" not in
                    win.reader.body.toPlainText())
    return int(message_id)  # type: ignore[arg-type]


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type any text, CJK included, as key events carrying the characters (no keyClicks)."""
    for char in text:
        press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(widget, press)


def test_window_shows_demo_inbox_with_unread_counts(window: MainWindow, demo_db: Path) -> None:
    assert "Tradewind" in window.windowTitle()
    inbox = _folder_id(demo_db, "INBOX")
    assert window.current_folder == inbox
    assert window.message_model.rowCount() == _count(demo_db, inbox)
    model = window.folder_model
    account = model.item(0)
    assert account.text() == "Mei Lin"
    labels = [account.child(i).text() for i in range(account.rowCount())]
    with Store.open(demo_db) as store:
        unread = store.unread_counts()[inbox]
    assert unread > 0
    assert f"Inbox ({unread})" in labels
    assert {"Sent", "Drafts", "Archive", "Projects"} <= {label.split(" (")[0] for label in labels}
    assert f"{unread} unread" in window.count_label.text()
    assert "Offline" in window.connection_label.text()


def test_selecting_folders_loads_their_messages(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("Sent", "Projects/Al Noor Hotel Dubai", "Drafts"):
        folder_id = _folder_id(demo_db, name)
        index = window.folder_model.index_of_folder(folder_id)
        assert index.data(FOLDER_ID_ROLE) == folder_id
        window.folder_view.setCurrentIndex(index)
        expected = _ids(demo_db, folder_id)
        qtbot.waitUntil(lambda e=expected: window.message_model.ids() == e)
        assert expected
    assert "Agenda for your factory visit" in _subjects(window)


def test_reading_a_message_shows_headers_body_and_reply_to_warning(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _select_subject(qtbot, window, "Bankverbindung")
    reader = window.reader
    assert "Bankverbindung" in reader.subject.text()
    assert "hans.kraemer@kraemer-llcht.example" in reader.from_label.text()
    assert reader.notice.isVisibleTo(window)
    assert "securemail-box.example" in reader.notice.text()
    assert "bank account has changed" in reader.body.toPlainText()


def test_reading_chinese_gb18030_and_japanese_mail(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _select_subject(qtbot, window, "克雷默订单交期问题", exact=True)  # GB18030 from the factory
    assert "克雷默的订单（2400片面板）" in window.reader.body.toPlainText()
    assert "王强" in window.reader.from_label.text()
    _select_subject(qtbot, window, "LEDダウンライトのサンプル依頼", exact=True)  # ISO-2022-JP
    assert "東邦照明商事" in window.reader.body.toPlainText()


def test_attachment_names_are_listed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _select_subject(qtbot, window, "回复：克雷默订单交期问题")  # newest: finance, with the slip
    assert "水单_克雷默定金.pdf" in window.reader.attachments.text()
    assert "定金" in window.reader.body.toPlainText()


def test_links_are_clickable_but_nothing_is_loaded(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    window.folder_view.setCurrentIndex(
        window.folder_model.index_of_folder(_folder_id(demo_db, "Sent"))
    )
    qtbot.waitUntil(lambda: "Offer HL-Q2611-11" in " ".join(_subjects(window)))
    _select_subject(qtbot, window, "Offer HL-Q2611-11")
    html = window.reader.body.toHtml()
    assert 'href="https://files.harbor-lighting.example/s/Jq7X2mWcA9/' in html
    assert window.reader.body.blocked_resources == []


def test_search_english_chinese_japanese_and_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    inbox_rows = window.message_model.rowCount()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "quotation")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.list_source == ("search", "quotation"))
    assert any(s.startswith("Quotation HL-Q2611-07") for s in _subjects(window))  # in Sent
    assert "found" in window.count_label.text()

    window.search_field.clear()
    qtbot.waitUntil(lambda: window.list_source == ("folder", window.current_folder))
    assert window.message_model.rowCount() == inbox_rows

    _type(window.search_field, "交期")
    window.run_search()
    qtbot.waitUntil(lambda: window.list_source == ("search", "交期"))
    assert "克雷默订单交期问题" in _subjects(window)
    assert not any(s.startswith("Quotation") for s in _subjects(window))

    window.search_field.clear()
    commit = QInputMethodEvent()
    commit.setCommitString("サンプル")
    QApplication.sendEvent(window.search_field, commit)
    assert window.search_field.text() == "サンプル"
    window.run_search()
    qtbot.waitUntil(lambda: window.list_source == ("search", "サンプル"))
    assert _subjects(window) and all("サンプル" in s for s in _subjects(window))


def test_search_filters_and_bad_syntax(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.search_field.setText("has:attachment to:kraemer")
    window.run_search()
    qtbot.waitUntil(lambda: window.list_source == ("search", "has:attachment to:kraemer"))
    rows = [window.message_model.message(r) for r in range(window.message_model.rowCount())]
    assert rows and all(r is not None and r.has_attachments for r in rows)
    assert any(r is not None and r.subject.startswith("Quotation HL-Q2611-07") for r in rows)
    window.search_field.setText("before:2026-13-45")
    window.run_search()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Search:"))


def test_reading_marks_read_offline_and_queues_the_change(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    inbox = window.current_folder
    with Store.open(demo_db) as store:
        before = store.unread_counts()[inbox]
    row = next(r for r in range(window.message_model.rowCount())
               if not window.message_model.message(r).seen)  # type: ignore[union-attr]
    message_id = window.message_model.message_id_at(row)
    window.message_view.selectRow(row)
    qtbot.waitUntil(lambda: window.folder_model.index_of_folder(inbox).data(
        Qt.ItemDataRole.DisplayRole) == f"Inbox ({before - 1})")
    with Store.open(demo_db) as store:
        stored = store.get_message(message_id)  # type: ignore[arg-type]
        assert stored is not None and stored.seen
        ops = store.conn.execute(
            "SELECT kind, payload_json FROM pending_ops WHERE message_row = ?", (message_id,)
        ).fetchall()
    assert ops and ops[0][0] == "flags" and '"seen": true' in ops[0][1]
    assert window.message_model.index(row, 0).data(ROW_ROLE).seen

    window.messages.toggle_read()  # M: back to unread, the queued op cancels out
    qtbot.waitUntil(lambda: window.folder_model.index_of_folder(inbox).data(
        Qt.ItemDataRole.DisplayRole) == f"Inbox ({before})")
    with Store.open(demo_db) as store:
        assert not store.get_message(message_id).seen  # type: ignore[arg-type, union-attr]


def test_flag_toggle_and_next_unread(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    window.message_view.selectRow(0)
    message_id = window.message_model.message_id_at(0)
    was = window.message_model.message(0).flagged  # type: ignore[union-attr]
    window.messages.toggle_flag()
    assert window.message_model.message(0).flagged is (not was)  # type: ignore[union-attr]

    def stored_flag() -> bool:
        with Store.open(demo_db) as store:
            return bool(store.get_message(message_id).flagged)  # type: ignore[arg-type, union-attr]

    qtbot.waitUntil(lambda: stored_flag() is (not was))
    model = window.message_model
    expected = next(r for r in range(1, model.rowCount()) if not model.message(r).seen)  # type: ignore[union-attr]
    window.messages.next_unread()  # the look-up runs in the background
    qtbot.waitUntil(lambda: window.message_view.currentIndex().row() == expected)


def test_sorting_by_sender(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.message_view.sortByColumn(COL_FROM, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: window._sort == ("from", False))

    def senders() -> list[str]:
        m = window.message_model
        return [(m.message(r).from_name or m.message(r).from_email).casefold()  # type: ignore[union-attr]
                for r in range(m.rowCount())]

    qtbot.waitUntil(lambda: senders() == sorted(senders()))
    assert senders()[0] != senders()[-1]


def test_all_headers_view(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _select_subject(qtbot, window, "Bankverbindung")
    assert not window.reader.headers_view.isVisibleTo(window)
    window.headers_action.trigger()
    assert window.reader.headers_view.isVisibleTo(window)
    headers = window.reader.headers_view.toPlainText()
    assert "Reply-To: Kraemer Accounts <kraemer.accounts@securemail-box.example>" in headers
    assert "X-Priority: 1 (Highest)" in headers and "\r" not in headers
    assert "bank account has changed" not in headers  # only the header section
    window.headers_action.trigger()
    assert not window.reader.headers_view.isVisibleTo(window)


def test_header_block_is_bounded_and_shows_no_controls() -> None:
    from ui.reader.content import header_block

    assert header_block(b"Subject: a\x1b[31m\r\nX: \xff\xfe\r\n\r\nbody") == "Subject: a\ufffd[31m\nX: \xff\xfe"
    assert header_block(b"X: " + b"y" * 100, limit=10).endswith("…")
