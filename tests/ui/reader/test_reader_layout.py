"""The reader's header never makes the main window taller than the rep made it: long sender
warnings, a long From line and the link hint wrap within the window (a small screen at 150 %
has about 960x600 points), they do not push the status bar off the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from client.store.db import Store
from client.store.records import IncomingMessage
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks

LURE = (
    b"From: =?utf-8?b?S3JhZW1lciBCdWNoaGFsdHVuZyDigK4oa3JhZW1lci1saWNodC5leGFtcGxlKeKArA==?= "
    b"<accounts@kraemer-payments.example>, hans.kraemer@kraemer-licht.example\r\n"
    b"To: Mei Lin <mei.lin@harbor-lighting.example>\r\n"
    b"Reply-To: collect@pay-check.example\r\n"
    b"Subject: Neue Bankverbindung ab 1. Dezember / new bank details for the deposit of "
    b"PO-45-2611\r\nDate: Fri, 27 Nov 2026 08:47:00 +0000\r\nMessage-ID: <lure@x.example>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Please confirm at https://www.deutsche-bank.example@pay-check.example/login today.\r\n"
)


def test_a_message_with_long_warnings_keeps_the_window_size(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        account = store.list_accounts()[0]
        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None
        uid = max(store.folder_uids(inbox.id)) + 1
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=LURE)], uid)
        lure_id = store.message_ids(inbox.id)[0]
    window = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(window)
    window.resize(960, 580)
    window.show()
    qtbot.waitUntil(lambda: window.list_source is not None, timeout=20000)
    window.show_message(lure_id)
    qtbot.waitUntil(lambda: window.reader.shown_id == lure_id
                    and "deutsche-bank" in window.reader.body.toPlainText(), timeout=20000)
    assert window.reader.notice_bar.isVisibleTo(window)
    window.reader.body.highlighted.emit(QUrl("https://www.deutsche-bank.example@pay-check.example/login"))
    assert window.reader.link_hint.isVisibleTo(window)
    labels = (window.reader.subject, window.reader.from_label, window.reader.notice)
    qtbot.waitUntil(lambda: window.size().toTuple() == (960, 580) and all(  # layouts settled
        label.height() >= label.heightForWidth(label.width()) for label in labels))
    assert window.minimumSizeHint().height() <= 580
    window.close()
    wait_for_background_tasks()


def test_the_search_field_fits_a_small_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # at 150 % a 1440x900 screen is 960 points wide: the field went into the toolbar's
    # overflow menu, out of sight
    window.resize(960, 580)
    qtbot.waitUntil(lambda: window.size().toTuple() == (960, 580))
    assert window.search_field.isVisible()
    assert window.search_field.width() >= 200


def test_windows_open_no_bigger_than_the_screen(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    # at 150 % a 1440x900 screen has 960x600 points: the main window opened at 1400x860
    # points, its status bar and date column off the screen (the test screen is small too)
    from ui.composer.window import ComposerWindow

    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    composer = ComposerWindow(demo_db, "new")
    qtbot.addWidget(composer)
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready, timeout=20000)
    assert composer.width() <= room.width() and composer.height() <= room.height()
    composer.sent = True
    composer.close()
    wait_for_background_tasks()
