"""The composer fits a small screen: a reply with the company signature and a long quote
does not make the window taller than the rep made it (a 1440x900 screen at 150 % has about
600 points); the signature and the quote scroll instead."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store
from client.store.records import IncomingMessage
from ui.composer.window import ComposerWindow
from ui.tasks import wait_for_background_tasks

LONG = ("From: Hans Kraemer <hans.kraemer@kraemer-licht.example>\r\n"
        "To: Mei Lin <mei.lin@harbor-lighting.example>\r\nSubject: Quantities\r\n"
        "Message-ID: <q@kraemer-licht.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "".join(f"Line {n}: 2,400 panels, 600x600, 40 W, packed 4 per carton.\r\n"
                  for n in range(60))).encode()


def test_a_reply_with_signature_and_quote_keeps_a_small_window(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        uid = max(store.folder_uids(inbox.id)) + 1
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=LONG)], uid)
        row = store.message_ids(inbox.id)[0]
    composer = ComposerWindow(demo_db, "reply", row)
    qtbot.addWidget(composer)
    composer.resize(660, 540)
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready and composer.signature is not None
                    and composer.quote_view.isVisible(), timeout=20000)
    qtbot.wait(100)
    assert composer.size().toTuple() == (660, 540)
    for view in (composer.signature_view, composer.quote_view):
        assert view.height() >= 40, view.objectName()
    assert composer.send_button.geometry().bottom() <= composer.height()
    composer.resize(900, 1100)  # room again: the blocks get their full height back
    qtbot.wait(100)
    assert composer.quote_view.height() == composer.quote_view.maximumHeight()  # its content
    composer.sent = True
    composer.close()
    wait_for_background_tasks()
