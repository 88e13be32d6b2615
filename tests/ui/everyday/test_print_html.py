"""Printing an HTML message prints its sanitised HTML (tables kept) under the header block,
checked in a real PDF (QPrinter → pypdf); remote pictures only when the rep allowed them for
the message; text mail keeps the text path; the main window's File → Print does the same."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from babel import Locale
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument, QTextTable
from PySide6.QtPrintSupport import QPrinter

from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from ui.everyday.print_html import MailDocument
from ui.everyday.reader_window import ReaderWindow
from ui.mainwindow.window import MainWindow

HTML = ("<html><body><p>Dear Rep, our <b>offer</b> for the LED panels:</p>"
        "<table border='1'><tr><th>Itemcode</th><th>Quantity</th><th>Unitprice</th></tr>"
        "<tr><td>LED-600</td><td>1200</td><td>USD 14.20</td></tr></table>"
        "<p>Only-in-HTML closing line.</p><img src='{base}/logo.png' alt='logo'>"
        "<div style='background:url({base}/bg.png)'>x</div><table background='{base}/t.png'>"
        "<tr><td>y</td></tr></table><img src='file:///etc/hostname'>"
        "<script>document.write('SCRIPTRAN')</script></body></html>")


def _message(db: Path, raw: bytes, uid: int = 1) -> int:
    with Store.open(db) as store:
        accounts = store.list_accounts()
        account = accounts[0] if accounts else store.add_account("rep@tradewind.example")
        inbox = store.folder_by_role(account.id, "inbox") or store.upsert_folder(
            account.id, FolderRecord("INBOX", role="inbox"))
        uid = 1 + max([r.uid or 0 for r in store.rows_by_ids(store.message_ids(inbox.id))] or [0])
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=raw)], uid)
        return int(store.conn.execute("SELECT max(id) FROM messages").fetchone()[0])


def _html_raw(base: str) -> bytes:
    alternative = (
        "From: Li Wei <li.wei@supplier.example>\r\nTo: Rep <rep@tradewind.example>\r\n"
        "Cc: Zhang <zhang@supplier.example>\r\nSubject: Offer LED panels\r\n"
        "Message-ID: <print-html@supplier.example>\r\nDate: Thu, 26 Nov 2026 10:00:00 +0800\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain version only.\r\n"
        "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"{HTML.replace('{base}', base)}\r\n--b--\r\n")
    return alternative.encode()


def _pdf_of(document: QTextDocument, path: Path) -> str:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    document.print_(printer)
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return unicodedata.normalize("NFKC", text).replace("\t", " ")  # ligatures, word gaps


def _cells_in_one_row(path: Path, words: list[str]) -> bool:
    """The words are printed on one line, left to right (a table row, not stacked lines)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        for word in words:
            if word in text and word not in found:
                found[word] = (tm[4], tm[5])

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    if set(found) != set(words):
        return False
    xs = [found[w][0] for w in words]
    ys = {round(found[w][1]) for w in words}
    return len(ys) == 1 and xs == sorted(xs)


def _reader(qtbot, db: Path, message_id: int, allow_remote: bool = False) -> ReaderWindow:  # type: ignore[no-untyped-def]
    reader = ReaderWindow(db, message_id, Locale.parse("en"), allow_remote=allow_remote)
    with qtbot.waitSignal(reader.shown, timeout=10000):
        reader.show()
    return reader


def test_an_html_message_prints_as_html_with_its_table_and_headers(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, loopback: tuple[str, list[str]]) -> None:
    base, hits = loopback
    db = tmp_path / "tradewind.db"
    reader = _reader(qtbot, db, _message(db, _html_raw(base)))
    document = reader.print_document()
    assert isinstance(document, MailDocument)
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert any(t.rows() == 2 and t.columns() == 3 for t in tables)  # the mail's table
    text = _pdf_of(document, tmp_path / "offer.pdf")
    for wanted in ("Offer LED panels", "li.wei@supplier.example", "rep@tradewind.example",
                   "zhang@supplier.example", "UTC", "Only-in-HTML closing line.", "LED-600"):
        assert wanted in text, wanted
    assert "Plain version only." not in text and "SCRIPTRAN" not in text
    assert _cells_in_one_row(tmp_path / "offer.pdf", ["LED-600", "1200", "USD"])
    # remote content is blocked as in the reader: not fetched, not drawn
    assert hits == [] and f"{base}/logo.png" in document.refused
    for url in ("file:///etc/hostname", f"{base}/bg.png"):  # never a local file, never the net
        image = document.resource(QTextDocument.ResourceType.ImageResource.value, QUrl(url))
        assert image.isNull(), url  # ui.composer.locked_view.blocked_resource
    assert hits == []
    reader.close()


def test_allowed_remote_pictures_are_printed(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             loopback: tuple[str, list[str]]) -> None:
    base, hits = loopback
    db = tmp_path / "tradewind.db"
    reader = _reader(qtbot, db, _message(db, _html_raw(base)), allow_remote=True)
    printed: list[QTextDocument] = []
    from ui.everyday import print_export

    original = print_export.print_with_dialog
    print_export.print_with_dialog = lambda _parent, document: printed.append(document)  # type: ignore[assignment]
    try:
        reader.print_action.trigger()
        qtbot.waitUntil(lambda: bool(printed), timeout=10000)
    finally:
        print_export.print_with_dialog = original
    document = printed[0]
    assert isinstance(document, MailDocument)
    assert "/logo.png" in hits and f"{base}/logo.png" not in document.refused
    _pdf_of(document, tmp_path / "with-picture.pdf")
    assert f"{base}/logo.png" not in document.refused
    reader.close()


def test_a_text_message_still_prints_its_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "tradewind.db"
    raw = (b"From: a@b.example\r\nTo: rep@tradewind.example\r\nSubject: Plain one\r\n"
           b"Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n\r\nLine one\r\n   indented <b>x</b>\r\n")
    reader = _reader(qtbot, db, _message(db, raw))
    document = reader.print_document()
    assert not isinstance(document, MailDocument)
    text = _pdf_of(document, tmp_path / "plain.pdf")
    assert "Plain one" in text and "indented <b>x</b>" in text
    reader.close()


def test_file_print_in_the_main_window_prints_the_html(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path) -> None:
    message_id = _message(window.db_path, _html_raw("http://127.0.0.1:9"))
    generation = window.generation
    window.load_folder()
    qtbot.waitUntil(lambda: window.generation > generation
                    and window.message_model.row_of(message_id) is not None)
    window.message_view.selectRow(window.message_model.row_of(message_id))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.reader.shown_id == message_id)
    printed: list[QTextDocument] = []
    window.everyday.export.print_with_dialog = lambda _p, document: printed.append(document)
    window.everyday.print_action.trigger()
    qtbot.waitUntil(lambda: bool(printed))
    text = _pdf_of(printed[0], tmp_path / "main.pdf")
    assert "Only-in-HTML closing line." in text and "Plain version only." not in text
    previews: list[object] = []
    window.everyday.export.show_preview = previews.append
    window.everyday.preview_action.trigger()
    qtbot.waitUntil(lambda: bool(previews))


def test_a_printed_message_never_reads_a_local_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An ``<img src="/path">`` the sanitiser keeps (a relative URL) must not make Qt's image
    handler load the file itself once the document refused it (checklist H2)."""
    from PySide6.QtGui import QColor, QImage

    local = tmp_path / "secret.png"
    image = QImage(40, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    assert image.save(str(local))
    db = tmp_path / "tradewind.db"
    raw = ("From: x@supplier.example\r\nTo: rep@tradewind.example\r\nSubject: Local\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
           f"<p>Look</p><img src=\"{local}\"><img src=\"file://{local}\"><img>\r\n").encode()
    reader = _reader(qtbot, db, _message(db, raw))
    document = reader.print_document()
    assert isinstance(document, MailDocument)
    document.setTextWidth(600)
    assert document.size().height() < 400  # the 400-pixel picture was not drawn
    assert str(local) in document.refused
    reader.close()


def test_remote_pictures_are_fetched_within_one_budget(loopback: tuple[str, list[str]],  # type: ignore[no-untyped-def]
                                                       monkeypatch) -> None:
    from ui.everyday import print_html

    base, hits = loopback
    urls = [f"{base}/a.png", f"{base}/b.png", f"{base}/not-an-image"]
    found = print_html.fetch_remote_pictures(urls)
    assert set(found) == set(urls)  # the loopback answers image/png to all three
    monkeypatch.setattr(print_html, "FETCH_BUDGET", 0.0)  # the time is up before the first
    hits.clear()
    assert print_html.fetch_remote_pictures(urls) == {} and hits == []
