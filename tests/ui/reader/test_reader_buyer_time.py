"""The reader header shows a customer's local time (weekday, clock, zone, outside working
hours with the weekend or holiday), in English and Chinese; nothing for the rep's own mail."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from PySide6.QtWidgets import QApplication

from client.customers.build import build_customers
from client.customers.local_time import local_time
from client.customers.records import customer_of_address, edit_customer
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from ui.qt.i18n import install_translators
from ui.reader.buyer_time import BuyerTimeLabel
from ui.reader.content import load_reader_content
from ui.reader.pane import ReaderPane

REP = "rep@tradewind.example"


def _mail(uid: int, sender: str) -> IncomingMessage:
    raw = (f"From: {sender}\r\nTo: {REP}\r\nSubject: Pumps\r\nMessage-ID: <b{uid}@x.example>\r\n"
           f"Date: Wed, 02 Dec 2026 09:00:00 +0100\r\n\r\nhello\r\n").encode()
    return IncomingMessage(uid=uid, raw=raw)


def _cache(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account(REP)
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [_mail(1, "Hans <hans@kunde.de>"), _mail(2, REP)], 2)
        build_customers(store)
        customer = customer_of_address(store, "hans@kunde.de")
        assert customer is not None
        edit_customer(store, customer.id, zone="Europe/Berlin")
        rows = [r.id for r in store.list_messages(inbox.id, limit=10)]
    return path, sorted(rows)


def test_reader_header_shows_the_customer_time(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, (from_customer, own) = _cache(tmp_path)
    pane = ReaderPane(Locale.parse("en_US"))
    qtbot.addWidget(pane)
    pane.show()
    content = load_reader_content(path, from_customer)
    assert content.buyer_time is not None and content.buyer_time.zone == "Europe/Berlin"
    pane.show_content(content)
    qtbot.waitUntil(lambda: pane.buyer_time.isVisible())
    assert pane.buyer_time.text().startswith("Their time: ")
    assert "(Europe/Berlin)" in pane.buyer_time.text()
    pane.show_content(load_reader_content(path, own))
    qtbot.waitUntil(lambda: not pane.buyer_time.isVisible())


def test_labels_for_weekend_holiday_and_hours_in_both_languages(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    label = BuyerTimeLabel()
    qtbot.addWidget(label)
    christmas = local_time("Europe/Berlin", None, datetime(2026, 12, 25, 10, 0, tzinfo=UTC))
    saturday = local_time("Asia/Shanghai", None, datetime(2026, 12, 5, 2, 0, tzinfo=UTC))
    evening = local_time("America/New_York", None, datetime(2026, 12, 2, 23, 30, tzinfo=UTC))
    working = local_time("Asia/Tokyo", None, datetime(2026, 12, 2, 1, 0, tzinfo=UTC))
    assert label.describe(christmas) == ("Their time: Fri 11:00 (Europe/Berlin), outside "
                                         "working hours, public holiday: Christmas Day")
    assert label.describe(saturday).endswith("Sat 10:00 (Asia/Shanghai), outside working "
                                             "hours, weekend")
    assert label.describe(evening).endswith("outside working hours")
    assert label.describe(working) == "Their time: Wed 10:00 (Asia/Tokyo)"
    assert install_translators(qapp, "zh_CN")
    try:
        assert label.describe(saturday) == "对方时间：周六 10:00 (Asia/Shanghai)，非工作时间，周末"
        assert label.describe(working) == "对方时间：周三 10:00 (Asia/Tokyo)"
    finally:
        install_translators(qapp, "en")
