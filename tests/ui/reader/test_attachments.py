"""Opening and saving attachments from the reader (background file work, no overwrites)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox, QToolButton

from client.attachment_files import free_path, is_risky
from tests.ui.settle import deliver_background_results
from ui.mainwindow.window import MainWindow
from ui.reader.content import ReaderAttachment


def _open_finance_mail(qtbot, window: MainWindow) -> ReaderAttachment:  # type: ignore[no-untyped-def]
    model = window.message_model
    row = next(r for r in range(model.rowCount())
               if model.message(r).subject == "回复：克雷默订单交期问题"  # type: ignore[union-attr]
               and model.message(r).has_attachments)  # type: ignore[union-attr]
    window.message_view.selectRow(row)
    qtbot.waitUntil(lambda: bool(window.reader.current_attachments))
    return next(a for a in window.reader.current_attachments if a.filename.endswith(".pdf"))


def test_bar_lists_the_attachment_with_a_button(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    attachment = _open_finance_mail(qtbot, window)
    assert attachment.filename == "水单_克雷默定金.pdf" and attachment.part_id
    buttons = window.reader.attachment_bar.findChildren(QToolButton)
    assert any(b.text().startswith("水单_克雷默定金.pdf (") for b in buttons)
    assert window.reader.attachment_bar.isVisibleTo(window)


def test_save_and_save_all_never_overwrite(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    attachment = _open_finance_mail(qtbot, window)
    target = tmp_path / "slip.pdf"
    window.attachment_actions.save_to(attachment, target)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes().startswith(b"%PDF-1.4")
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Saved"))
    folder = tmp_path / "all"
    folder.mkdir()
    window.attachment_actions.save_all_to(folder)
    qtbot.waitUntil(lambda: (folder / "水单_克雷默定金.pdf").exists())
    window.attachment_actions.save_all_to(folder)
    qtbot.waitUntil(lambda: (folder / "水单_克雷默定金 (2).pdf").exists())
    assert (folder / "水单_克雷默定金.pdf").read_bytes() == target.read_bytes()
    assert (folder / "可疑邮件 - Bankverbindung.eml").read_bytes().startswith(b"Date: ")


def test_open_extracts_to_a_private_temp_folder(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    attachment = _open_finance_mail(qtbot, window)
    opened: list[QUrl] = []
    window.attachment_actions.open_url = opened.append
    window.attachment_actions.open_attachment(attachment)
    qtbot.waitUntil(lambda: bool(opened))
    path = Path(opened[0].toLocalFile())
    try:
        assert path.name == "水单_克雷默定金.pdf" and path.parent.name.startswith("tradewind-open-")
        assert path.read_bytes().startswith(b"%PDF")
    finally:
        shutil.rmtree(path.parent)


def test_risky_files_ask_first_and_no_means_no(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _open_finance_mail(qtbot, window)
    asked: list[str] = []

    def refuse(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.No.value

    monkeypatch.setattr(QMessageBox, "exec", refuse)  # the plain-text box (ui.qt.plain_text)
    opened: list[QUrl] = []
    window.attachment_actions.open_url = opened.append
    window.attachment_actions.open_attachment(ReaderAttachment("invoice.pdf.exe", "application/x", 10, "2"))
    deliver_background_results()  # an extraction would have run and opened the file by now
    assert asked and "invoice.pdf.exe" in asked[0] and opened == []


def test_names_are_made_safe(tmp_path: Path) -> None:
    assert free_path(tmp_path, "../../etc/passwd") == tmp_path / "passwd"
    (tmp_path / "a.pdf").write_bytes(b"x")
    assert free_path(tmp_path, "a.pdf") == tmp_path / "a (2).pdf"
    assert is_risky("Payment Invoice.PDF.js") and is_risky("x.html") and not is_risky("quote.pdf")


def test_attached_message_opens_in_its_own_reader(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _open_finance_mail(qtbot, window)
    eml = next(a for a in window.reader.current_attachments if a.content_type == "message/rfc822")
    window.attachment_actions.open_attachment(eml)
    qtbot.waitUntil(lambda: bool(window.attachment_actions.attached_windows))
    viewer = window.attachment_actions.attached_windows[0]
    qtbot.addWidget(viewer)
    assert "Bankverbindung" in viewer.windowTitle()
    assert "kraemer-llcht.example" in viewer.reader.from_label.text()
    assert "securemail-box.example" in viewer.reader.notice.text()  # same warnings as the reader
    assert "bank account has changed" in viewer.reader.body.toPlainText()
