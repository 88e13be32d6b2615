"""Checklist H3 and T8 for the reader window and printing: remote pictures stay blocked in the
reader window, the printed document and the saved .eml (a loopback server sees no request),
and text from the sender or the rep is never markup in the list's labels."""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.ui.everyday.conftest import search
from ui.everyday.print_export import save_eml
from ui.everyday.reader_window import ReaderWindow
from ui.mainwindow.window import MainWindow


def _html_message(db: Path, base: str) -> int:
    raw = (b"From: Li Wei <li.wei@supplier.example>\r\nTo: rep@tradewind.example\r\n"
           b"Subject: Catalogue <b>new</b>\r\nMessage-ID: <h3@supplier.example>\r\n"
           b"Date: Thu, 26 Nov 2026 10:00:00 +0800\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
           b"<p>Prices</p><img src=\"" + base.encode() + b"/pixel.png\">"
           b"<div style=\"background:url(" + base.encode() + b"/bg.png)\">x</div>\r\n")
    with Store.open(db) as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], 1)
        [row] = store.list_messages(inbox.id, limit=1)
    return row.id


def test_remote_pictures_stay_blocked_in_the_window_print_and_eml(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, loopback: tuple[str, list[str]]) -> None:
    base, hits = loopback
    db = tmp_path / "tradewind.db"
    message_id = _html_message(db, base)
    reader = ReaderWindow(db, message_id, Locale.parse("en"))  # deletes itself on close
    with qtbot.waitSignal(reader.shown):
        reader.show()
    view = reader.pane.html_view
    assert view is not None and reader.pane.stack.currentWidget() is view
    loaded: list[str] = []

    def page_shows_prices() -> bool:  # asks the page for its text until it has loaded
        if any("Prices" in text for text in loaded):
            return True
        view.page().toPlainText(loaded.append)
        return False

    qtbot.waitUntil(page_shows_prices, timeout=10000)
    document = reader.print_document()
    assert "Catalogue <b>new</b>" in document.toPlainText()  # the subject as text, not markup
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    document.print_(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 500
    save_eml(db, message_id, tmp_path / "saved.eml")
    assert hits == []
    assert "Remote content blocked" in reader.pane.notice.text()
    reader.close()


def test_the_empty_list_message_shows_the_query_as_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    search(qtbot, window, "<b>zzqx</b>")
    label = window.everyday.list_fit.empty_label
    qtbot.waitUntil(label.isVisible)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>zzqx</b>" in label.text()
