"""The Quotes window and the quote reminders on the demo profile (issue 12)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from client.quotes import records
from client.quotes.reply import QuoteRequest, create_quote_reply, item_specs
from client.store import Store
from client.templates import load_library
from ui.qt.tasks import wait_for_background_tasks
from ui.quotes import jobs
from ui.quotes.reminders import QuoteReminders
from ui.quotes.view import QuotesView

INQUIRY = "Inquiry: T8 LED tube 18W 1200mm"


@pytest.fixture(autouse=True)
def _drain() -> object:
    yield
    wait_for_background_tasks()


def _record(store: Store, number: str, state: str, valid_days: int | None,
            sent_days_ago: float | None = None, buyer: str = "Kwame Mensah") -> None:
    today = date.today()
    line = records.make_line("LED tube T8", Decimal("1000"), Decimal("2.35"), "USD", unit="pcs")
    records.record_quote(store, records.NewQuote(
        number=number, rep="mei.lin@harbor-lighting.example", currency="USD", items=(line,),
        quote_date=today, buyer_name=buyer, buyer_email="kwame@accra-electricals.example",
        valid_until=None if valid_days is None else today + timedelta(days=valid_days)))
    sent_at = None if sent_days_ago is None else time.time() - sent_days_ago * 86400
    store.conn.execute("UPDATE quotes SET state = ?, sent_at = ? WHERE number = ?",
                       (state, sent_at, number))


@pytest.fixture
def quotes(demo_profile: Path, demo_db: Path) -> dict[str, object]:
    """A draft made by the real quote reply, plus sent, expiring, expired and won quotes."""
    with Store.open(demo_db) as store:
        row = int(store.conn.execute("SELECT id FROM messages WHERE subject = ? ORDER BY id",
                                     (INQUIRY,)).fetchone()[0])
        reply = create_quote_reply(store, row, QuoteRequest(
            template="quotation", items=item_specs(["LED-TUBE-T8;100"]), currency="USD"),
            load_library(demo_profile, store=store))
        _record(store, "T-SENT", "sent", 20, sent_days_ago=1)
        _record(store, "T-SOON", "sent", 2, sent_days_ago=1, buyer="Ana Soon")
        _record(store, "T-QUIET", "sent", 20, sent_days_ago=9, buyer="Quiet Buyer")
        _record(store, "T-OLD", "sent", -3, sent_days_ago=40)  # refresh_states expires it
        _record(store, "T-WON", "won", 10)
    return {"draft": reply.record.number, "draft_id": reply.draft_id, "inquiry": row}


def _view(qtbot, db: Path) -> QuotesView:  # type: ignore[no-untyped-def]
    view = QuotesView(db)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: bool(view.rows), timeout=15000)
    return view


def _numbers(view: QuotesView) -> list[str]:
    return [view.model.item(r, 1).text() for r in range(view.model.rowCount())]


def test_filters_list_open_expiring_expired_and_all(qtbot, demo_db, quotes):
    view = _view(qtbot, demo_db)
    assert set(_numbers(view)) == {quotes["draft"], "T-SENT", "T-SOON", "T-QUIET"}  # open
    view.filter.setCurrentIndex(view.filter.findData("expiring"))
    assert _numbers(view) == ["T-SOON"]
    view.filter.setCurrentIndex(view.filter.findData("expired"))
    assert _numbers(view) == ["T-OLD"]
    view.filter.setCurrentIndex(view.filter.findData("all"))
    assert len(_numbers(view)) == 6
    soon = _numbers(view).index("T-SOON")
    assert view.model.item(soon, 0).text() == "Sent (expiring)"
    assert view.model.item(soon, 2).text() == "Ana Soon <kwame@accra-electricals.example>"
    assert view.model.item(soon, 3).text() == "$2,350.00"
    assert view.model.item(soon, 4).text() == (date.today() + timedelta(days=2)).isoformat()
    assert view.model.item(soon, 5).text() == "2"
    quiet = _numbers(view).index("T-QUIET")  # sent 9 days ago, reminder after 5
    assert view.model.item(quiet, 0).text() == "Sent (no answer)"
    assert view.model.item(_numbers(view).index("T-SENT"), 0).text() == "Sent"


def test_mark_won_and_lost(qtbot, demo_db, quotes):
    view = _view(qtbot, demo_db)
    row = _numbers(view).index("T-SENT")
    view.table.setCurrentIndex(view.model.index(row, 0))
    with qtbot.waitSignal(view.loaded, timeout=15000):
        view.won_button.click()
    assert "T-SENT" not in _numbers(view)  # no longer open
    with Store.open(demo_db) as store:
        assert records.get_quote(store, "T-SENT").state == "won"
    view.table.clearSelection()
    view.table.setCurrentIndex(view.model.index(-1, -1))
    view.lost_button.click()
    assert "Select a quote" in view.status.text()


def test_double_click_opens_the_draft_or_the_inquiry(qtbot, demo_db, quotes):
    view = _view(qtbot, demo_db)
    numbers = _numbers(view)
    with qtbot.waitSignal(view.openDraft) as draft:
        view.table.doubleClicked.emit(view.model.index(numbers.index(quotes["draft"]), 1))
    assert draft.args == [quotes["draft_id"]]
    with Store.open(demo_db) as store:
        store.conn.execute("UPDATE quotes SET inquiry_row = ? WHERE number = 'T-SENT'",
                           (quotes["inquiry"],))
    with qtbot.waitSignal(view.loaded, timeout=15000):
        view.reload()
    with qtbot.waitSignal(view.openMessage) as message:
        view.table.doubleClicked.emit(view.model.index(_numbers(view).index("T-SENT"), 1))
    assert message.args == [quotes["inquiry"]]


def test_reminders_fire_once_per_quote_and_reason(qtbot, demo_db, quotes):
    reminders = QuoteReminders(demo_db)
    with qtbot.waitSignal(reminders.reminded, timeout=15000) as first:
        reminders.check()
    got = {(r.quote.number, r.reason) for r in first.args[0]}
    assert got == {("T-SOON", "expires-soon"), ("T-QUIET", "unanswered")}
    title, body = reminders.message(next(r for r in first.args[0] if r.reason == "unanswered"))
    assert "T-QUIET" in title and "Quiet Buyer" in body and "$2,350.00" in body
    # a second check (next sync) shows nothing again
    with qtbot.waitSignal(reminders.reminded, timeout=2000, raising=False) as second:
        reminders.check()
    wait_for_background_tasks()
    assert not second.signal_triggered
    # the days come from settings: 25 days before the end catches T-SENT too
    with Store.open(demo_db) as store:
        store.set_setting(jobs.REMIND_BEFORE_KEY, 25)
    with qtbot.waitSignal(reminders.reminded, timeout=15000) as third:
        reminders.check()
    assert {(r.quote.number, r.reason) for r in third.args[0]} == {
        ("T-SENT", "expires-soon"), ("T-QUIET", "expires-soon")}  # a new reason for T-QUIET


def test_the_main_window_has_the_quotes_view_and_checks_reminders(qtbot, window, demo_db):
    menus = {a.text(): a.menu().actions() for a in window.menuBar().actions() if a.menu()}
    assert window.quotes.quotes_view_action in menus["&View"]
    window.quotes.quotes_view_action.trigger()
    view = window.quotes.view
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: bool(view.status.text()), timeout=15000)
    assert view.status.text() == "0 of 0 quotes shown"
    assert window.quotes.reminders is not None


def test_the_reminder_days_are_set_in_settings(qtbot, demo_db):
    from ui.settings.dialog import AppSettingsDialog
    from ui.settings.preferences import Preferences

    dialog = AppSettingsDialog(demo_db, Preferences())
    qtbot.addWidget(dialog)
    tab = dialog.quotes_tab
    qtbot.waitUntil(lambda: tab.is_loaded and dialog.snapshot is not None, timeout=15000)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Quotes"
    assert (tab.days_before.value(), tab.days_unanswered.value()) == (3, 5)
    tab.days_before.setValue(7)
    tab.days_unanswered.setValue(10)
    with qtbot.waitSignal(tab.stored, timeout=15000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    with Store.open(demo_db) as store:
        assert jobs.reminder_settings(store) == jobs.ReminderSettings(7, 10)
    again = AppSettingsDialog(demo_db, Preferences())
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.quotes_tab.is_loaded, timeout=15000)
    assert again.quotes_tab.days_before.value() == 7


def test_a_bad_stored_reminder_value_falls_back_to_the_default(demo_db):
    with Store.open(demo_db) as store:
        store.set_setting(jobs.REMIND_BEFORE_KEY, "many")
        store.set_setting(jobs.REMIND_UNANSWERED_KEY, -4)
        assert jobs.reminder_settings(store) == jobs.ReminderSettings(3, 5)
