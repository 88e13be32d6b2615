"""The composer fits a small screen: a reply with the company signature and a long quote
does not make the window taller than the rep made it (a 1440x900 screen at 150 % has about
600 points); the signature and the quote scroll instead."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store
from client.store.records import IncomingMessage
from ui.composer.window import ComposerWindow
from ui.qt.tasks import wait_for_background_tasks

LONG = ("From: Hans Kraemer <hans.kraemer@kraemer-licht.example>\r\n"
        "To: Mei Lin <mei.lin@harbor-lighting.example>\r\nSubject: Quantities\r\n"
        "Message-ID: <q@kraemer-licht.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "".join(f"Line {n}: 2,400 panels, 600x600, 40 W, packed 4 per carton.\r\n"
                  for n in range(60))).encode()


def _row_of(store: Store, message_id: str) -> int:
    found = store.conn.execute("SELECT id FROM messages WHERE message_id = ?", (message_id,))
    return int(found.fetchone()[0])


def test_a_reply_with_signature_and_quote_keeps_a_small_window(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        uid = max(store.folder_uids(inbox.id)) + 1
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=LONG)], uid)
        row = _row_of(store, "q@kraemer-licht.example")
    composer = ComposerWindow(demo_db, "reply", row)
    qtbot.addWidget(composer)
    composer.resize(660, 540)
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready and composer.signature is not None
                    and composer.quote_view.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: composer.size().toTuple() == (660, 540)
                    and min(v.height() for v in (composer.signature_view,
                                                 composer.quote_view)) >= 40)
    assert composer.send_button.geometry().bottom() <= composer.height()
    composer.resize(900, 1100)  # room again: the blocks get their full height back
    qtbot.waitUntil(lambda: composer.quote_view.height()
                    == composer.quote_view.maximumHeight())  # its content
    composer.sent = True
    composer.close()
    wait_for_background_tasks()


def test_a_plain_text_quote_wraps_its_long_lines(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    # the quoted original of a plain-text mail needed a sideways scroll for every long line
    raw = ("From: Sabine Vogt <s.vogt@kraemer-licht.example>\r\nTo: mei.lin@harbor-lighting.example\r\n"
           "Subject: Invoice\r\nMessage-ID: <w@kraemer-licht.example>\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n"
           + "our accounts show invoice RE-26-4471 as unpaid; " * 12 + "\r\n").encode()
    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        uid = max(store.folder_uids(inbox.id)) + 1
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=raw)], uid)
        row = _row_of(store, "w@kraemer-licht.example")
    composer = ComposerWindow(demo_db, "reply", row)
    qtbot.addWidget(composer)
    composer.resize(800, 760)
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready and composer.quote_view.isVisible()
                    and "RE-26-4471" in composer.quote_view.toPlainText(), timeout=20000)
    assert composer.quote_view.horizontalScrollBar().maximum() == 0
    composer.sent = True
    composer.close()
    wait_for_background_tasks()
