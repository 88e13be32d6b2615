"""Text from a server or a message is shown literally, never as rich text (checklist T8): a
folder name, an error, a file name or a content type holding ``<b>x</b><img src=…>``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from client.events import AccountStatus
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.plain_text import clean, message_box, tooltip
from ui.qt.tasks import wait_for_background_tasks
from ui.reader.content import ReaderAttachment, build_content, row_from_headers
from ui.reader.pane import ReaderPane

EVIL = "<b>x</b><img src='http://127.0.0.1:9/t.png'>"
EVIL_FOLDER = "<b>bold<img src=tpng>"  # no "/" or ".": folder delimiters


def shown(text: str) -> str:
    """What Qt displays for a tooltip (or an AutoText label) holding ``text``."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText()


def test_helpers() -> None:
    assert shown(tooltip(EVIL)) == EVIL
    assert shown(EVIL) != EVIL  # what Qt would do without the helper
    assert clean("a\x1b[31mb\x00c") == "a\ufffd[31mb\ufffdc"
    assert clean("x" * 50, 10) == "x" * 10 + "…"
    box = message_box(None, QMessageBox.Icon.Warning, "t", EVIL, informative=EVIL)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in box.findChildren(QLabel))


def test_folder_names_and_connection_errors_show_literally(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(demo_db) as db:
        db.execute("UPDATE folders SET name = ? WHERE role IS NULL AND id = "
                   "(SELECT min(id) FROM folders WHERE role IS NULL)", (EVIL_FOLDER,))
    window = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.message_model.rowCount() > 0)
    model = window.folder_model
    items, todo = [], [model.item(0)]
    while todo:
        item = todo.pop()
        items.append(item)
        todo += [item.child(r) for r in range(item.rowCount())]
    evil = [i for i in items if EVIL_FOLDER in i.text()]
    assert evil and shown(evil[0].toolTip()) == EVIL_FOLDER
    window.core_events.show_account_status(AccountStatus(1, "error", EVIL))
    label = window.connection_label
    assert label.textFormat() == Qt.TextFormat.PlainText and EVIL in label.text()
    assert shown(label.toolTip()) == EVIL
    window.close()
    wait_for_background_tasks()


def test_reader_attachment_names_and_types_show_literally(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = ReaderPane(babel_locale("en_US"))
    qtbot.addWidget(pane)
    raw = b"From: a@b.example\r\nSubject: <b>bold</b>\r\n\r\nhello\r\n"
    content = build_content(row_from_headers(raw), raw, False, "p1")
    pane.show_content(content)
    pane._fill_attachment_bar((ReaderAttachment(EVIL + ".pdf", EVIL, 2048, "2"),))
    buttons = [b for b in pane.attachment_bar.findChildren(object) if hasattr(b, "toolTip")
               and b.toolTip()]
    assert buttons and shown(buttons[0].toolTip()) == EVIL
    assert pane.subject.textFormat() == Qt.TextFormat.PlainText


def test_risky_attachment_question_is_plain_text(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[Qt.TextFormat, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.No.value

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    window.message_view.selectRow(0)
    qtbot.waitUntil(lambda: window.reader.shown_id is not None)
    window.attachment_actions.open_attachment(ReaderAttachment(EVIL + ".exe", "application/x-msdownload", 10, "2"))
    assert seen and seen[0][0] == Qt.TextFormat.PlainText and EVIL in seen[0][1]


def test_server_error_labels_are_plain_text(qtbot, empty_profile_db: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.wizard.dialog import AccountWizard

    wizard = AccountWizard(empty_profile_db)
    qtbot.addWidget(wizard)
    for label in (wizard.test_title, wizard.test_detail, wizard.fingerprint_label,
                  wizard.servers_note):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
