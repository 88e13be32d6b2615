"""The reader names attachments that can run code or hide their type, in the core's words
(client.security.attachments), also a program inside a ZIP archive (B9, B10)."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

from babel import Locale

from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from ui.reader.content import load_reader_content
from ui.reader.pane import ReaderPane


def _zip_holding(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", b"prices inside")
        archive.writestr(name, b"MZ")
    return out.getvalue()


def _message(*files: tuple[str, bytes]) -> bytes:
    parts = b"".join(
        b"--B\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="' + name.encode() + b'"\r\n\r\n'
        + base64.b64encode(data) + b"\r\n" for name, data in files)
    return (b"From: Li Wei <li.wei@supplier.example>\r\nTo: rep@tradewind.example\r\n"
            b"Subject: Order documents\r\nMessage-ID: <r1@supplier.example>\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
            b"--B\r\nContent-Type: text/plain\r\n\r\nPlease see the files.\r\n" + parts + b"--B--\r\n")


def _shown(qtbot, tmp_path: Path, raw: bytes) -> ReaderPane:  # type: ignore[no-untyped-def]
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], 1)
        [row] = store.list_messages(inbox.id, limit=1)
    pane = ReaderPane(Locale.parse("en"))
    qtbot.addWidget(pane)
    pane.show_content(load_reader_content(path, row.id))
    return pane


def test_disguised_and_archived_programs_are_named(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, _message(("Invoice.pdf.exe", b"MZ"),
                                            ("documents.zip", _zip_holding("scan.pdf.scr")),
                                            ("prices.pdf", b"%PDF")))
    text = pane.notice.text()
    assert pane.notice.isVisibleTo(pane)
    assert ("Invoice.pdf.exe is a name that looks like a document but ends in a program's "
            "extension.") in text
    assert "documents.zip is an archive holding a file that can run code." in text
    assert "prices.pdf" not in text


def test_harmless_attachments_give_no_notice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = _shown(qtbot, tmp_path, _message(("prices.pdf", b"%PDF"),
                                            ("photos.zip", _zip_holding("photo.jpg"))))
    assert not pane.notice.isVisibleTo(pane)


def test_the_notice_follows_the_app_language(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        pane = _shown(qtbot, tmp_path, _message(("setup.exe", b"MZ")))
        assert "setup.exe 是程序：打开即会运行。" in pane.notice.text()
    finally:
        install_translators(qapp, "en")
