"""The reader window: Enter and double-click open it, Save as .eml writes the message as
stored, Print Preview lays out pages with the headers and time zone, zoom, Esc closes."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from client.store.db import Store
from tests.ui.everyday.conftest import show_folder
from ui.everyday.print_export import save_eml, zone_text
from ui.everyday.reader_window import ReaderWindow, eml_name
from ui.mainwindow.window import MainWindow


def _open_first(qtbot, win: MainWindow) -> ReaderWindow:  # type: ignore[no-untyped-def]
    win.message_view.setFocus()
    win.message_view.setCurrentIndex(win.message_model.index(0, 3))
    qtbot.keyClick(win.message_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(win.everyday.windows) == 1)
    reader = win.everyday.windows[0]
    assert isinstance(reader, ReaderWindow)
    qtbot.waitUntil(lambda: reader.content is not None)
    return reader


def test_enter_opens_the_message_in_its_own_window_and_marks_it_read(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    unread = next(r for r in range(window.message_model.rowCount())
                  if not window.message_model.message(r).seen)  # type: ignore[union-attr]
    message_id = window.message_model.message_id_at(unread)
    window.message_view.setFocus()
    window.message_view.setCurrentIndex(window.message_model.index(unread, 3))
    qtbot.keyClick(window.message_view, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: len(window.everyday.windows) == 1)
    reader = window.everyday.windows[0]
    qtbot.waitUntil(lambda: reader.content is not None)
    assert reader.content.row.id == message_id
    assert reader.windowTitle() == reader.content.row.subject
    assert reader.isVisible() and reader.isWindow()
    assert reader.content.row.from_email in reader.pane.from_label.text()
    with Store.open(window.db_path) as store:
        qtbot.waitUntil(lambda: store.get_message(message_id).seen)  # type: ignore[union-attr]
    reader.activateWindow()
    reader.close_action.trigger()  # Esc
    qtbot.waitUntil(lambda: window.everyday.windows == [])


def test_double_click_opens_a_window_but_a_draft_opens_the_composer(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rect = window.message_view.visualRect(window.message_model.index(0, 4))
    # a real double-click: press and release, then the second press (QTest's own order)
    qtbot.mouseClick(window.message_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.message_view.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    qtbot.waitUntil(lambda: len(window.everyday.windows) == 1)
    window.everyday.windows[0].close()
    qtbot.waitUntil(lambda: window.everyday.windows == [])
    show_folder(qtbot, window, "drafts")
    window.message_view.activated.emit(window.message_model.index(0, 4))  # Enter on a draft
    qtbot.waitUntil(lambda: len(window.compose.composers) == 1)
    assert window.everyday.windows == []


def test_save_as_eml_round_trip(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reader = _open_first(qtbot, window)
    target = tmp_path / "saved" / eml_name(reader.content.row.subject)  # type: ignore[union-attr]
    target.parent.mkdir()
    reader.ask_save_path = lambda _parent, name: str(target.with_name(name))
    reader.save_action.trigger()
    qtbot.waitUntil(lambda: "Saved as" in reader.statusBar().currentMessage())
    with Store.open(window.db_path) as store:
        stored = store.get_raw(reader.message_id)
    assert target.read_bytes() == stored
    parsed = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert parsed["Subject"] == reader.content.row.subject  # type: ignore[union-attr]
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left

    reader.ask_save_path = lambda _parent, _name: str(tmp_path / "missing-dir" / "x.eml")
    reader.save_action.trigger()
    qtbot.waitUntil(lambda: "Could not save" in reader.statusBar().currentMessage())
    assert target.read_bytes() == stored
    reader.ask_save_path = lambda _parent, _name: ""  # cancelled: nothing happens
    reader.save_action.trigger()
    reader.close()


def test_save_eml_refuses_a_message_gone_from_the_cache(demo_db: Path, tmp_path: Path) -> None:
    import pytest

    with pytest.raises(KeyError):
        save_eml(demo_db, 999_999, tmp_path / "x.eml")
    assert not (tmp_path / "x.eml").exists()
    assert eml_name('RFQ: 5/000 "LED" <x>') == "RFQ_ 5_000 _LED_ _x_.eml"
    assert eml_name("...") == "message.eml"


def test_print_preview_lays_out_pages_with_headers_and_zone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    reader = _open_first(qtbot, window)
    document = reader.print_document()
    text = document.toPlainText()
    row = reader.content.row  # type: ignore[union-attr]
    assert row.subject in text and row.from_email in text and row.to[0][1] in text
    assert f"({zone_text(row.date)})" in text and "UTC" in text
    printer = QPrinter()
    preview = QPrintPreviewWidget(printer)
    pages: list[int] = []
    preview.paintRequested.connect(lambda p: (document.print_(p), pages.append(1)))
    preview.updatePreview()
    qtbot.waitUntil(lambda: bool(pages))
    assert preview.pageCount() >= 1
    dialog_shown: list[object] = []
    QApplication.processEvents()
    from ui.everyday import print_export

    dialog = print_export.preview_dialog(reader, document)
    dialog.paintRequested.connect(lambda _p: dialog_shown.append(1))
    dialog.open()
    qtbot.waitUntil(lambda: bool(dialog_shown))
    dialog.close()
    reader.close()


def test_zoom_changes_the_text_size_and_ctrl_0_resets(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    reader = _open_first(qtbot, window)
    start = reader.pane.body.font().pointSizeF()
    reader.zoom_in_action.trigger()
    reader.zoom_in_action.trigger()
    assert reader.pane.body.font().pointSizeF() > start
    reader.zoom_reset_action.trigger()
    assert reader.pane.body.font().pointSizeF() == start
    reader.zoom_out_action.trigger()
    assert reader.pane.body.font().pointSizeF() < start
    assert [s.toString() for s in reader.zoom_in_action.shortcuts()] == ["Ctrl++", "Ctrl+="]
    reader.close()


def test_print_preview_and_save_from_the_main_window(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = window.everyday.export
    window.reader.clear()
    export.save_as()  # nothing shown: said in words, nothing asked
    assert window.statusBar().currentMessage() == "Select a message first."
    window.message_view.selectRow(0)
    message_id = window.message_model.message_id_at(0)
    qtbot.waitUntil(lambda: window.reader.shown_id == message_id)
    previews: list[object] = []
    export.show_preview = previews.append
    window.everyday.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(previews))
    pages: list[int] = []
    previews[0].paintRequested.connect(lambda _p: pages.append(1))  # type: ignore[attr-defined]
    previews[0].open()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(pages))
    previews[0].close()  # type: ignore[attr-defined]
    printed: list[str] = []
    export.print_with_dialog = lambda _parent, document: printed.append(document.toPlainText())
    window.everyday.print_action.trigger()
    qtbot.waitUntil(lambda: bool(printed))
    row = window.message_model.message(0)
    assert row is not None and row.subject in printed[0] and "UTC" in printed[0]
    target = tmp_path / "main.eml"
    export.ask_save_path = lambda _parent, _name: str(target)
    window.everyday.save_action.trigger()
    qtbot.waitUntil(lambda: "Saved as main.eml" in window.statusBar().currentMessage())
    with Store.open(window.db_path) as store:
        assert target.read_bytes() == store.get_raw(message_id)  # type: ignore[arg-type]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions()][1:4] == ["Save as .eml…", "Print preview…",
                                                             "Print…"]
