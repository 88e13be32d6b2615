"""One click: "Quote with <last template>" creates the reply at once with the last template in
this buyer's language and the rep's last choices, and opens the composer on it with the quote
number assigned; without last choices it opens the picker; bad choices save nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from client.compose.drafts import get_draft
from client.quotes import last_choices, records
from client.quotes.reply import QuoteRequest, item_specs
from client.store import Store
from ui.qt.tasks import wait_for_background_tasks

CHINESE_INQUIRY = "LED工矿灯150W采购询价"
ENGLISH_INQUIRY = "Inquiry: T8 LED tube 18W 1200mm"
CHOICES = QuoteRequest(
    template="quotation", items=item_specs(["LED-PNL-60;1000", "DRV-40W;200"]),
    currency="EUR", incoterm="CIF", place="Hamburg",
    payment_terms="30% T/T in advance, 70% against B/L copy", valid_days=45,
    lead_time="30 days", with_pdf=True)


def _row(db: Path, subject: str) -> int:
    with Store.open(db) as store:
        row = store.conn.execute("SELECT id FROM messages WHERE subject = ?",
                                 (subject,)).fetchone()
    assert row is not None, subject
    return int(row[0])


def _window(qtbot, db: Path):  # type: ignore[no-untyped-def]
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale

    win = MainWindow(db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() > 0)
    return win


@pytest.fixture
def chosen_window(qtbot, demo_db: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window on the demo profile where the rep already made a quote."""
    with Store.open(demo_db) as store:
        last_choices.remember(store, CHOICES)
    win = _window(qtbot, demo_db)
    yield win
    wait_for_background_tasks()


def _show(qtbot, window, db: Path, subject: str) -> int:  # type: ignore[no-untyped-def]
    row = _row(db, subject)
    window.show_message(row)
    qtbot.waitUntil(lambda: window.reader.shown_id == row)
    return row


def test_one_click_creates_the_reply_in_the_buyers_language_with_the_last_choices(
        qtbot, chosen_window, demo_db):
    window = chosen_window
    assert window.quotes.quote_last_action.isVisible()
    assert window.quotes.quote_last_action.text() == "Quote with quotation"
    row = _show(qtbot, window, demo_db, CHINESE_INQUIRY)
    window.quotes.quote_last_action.trigger()
    qtbot.waitUntil(lambda: any(getattr(c, "draft_id", None) for c in window.compose.composers),
                    timeout=30000)
    assert window.quotes.picker is None  # no picker in between
    [composer] = window.compose.composers
    qtbot.waitUntil(lambda: composer.is_ready, timeout=15000)
    with Store.open(demo_db) as store:
        [quote] = records.list_quotes(store)
        draft = get_draft(store, composer.draft_id)
        lines = store.conn.execute(
            "SELECT sku, quantity FROM quote_items ORDER BY position").fetchall()
    assert quote.number in composer.subject_field.text()
    assert "报价" in composer.subject_field.text()  # the Chinese variant for a Chinese inquiry
    assert (quote.state, quote.lang.split("_")[0], quote.currency) == ("draft", "zh", "EUR")
    assert (quote.incoterm, quote.place, quote.payment_terms, quote.lead_time) == (
        "CIF", "Hamburg", CHOICES.payment_terms, "30 days")
    assert (quote.valid_until - quote.quote_date).days == 45
    assert [(sku, str(qty)) for sku, qty in lines] == [("LED-PNL-60", "1000"),
                                                     ("DRV-40W", "200")]
    assert quote.inquiry_row == row and quote.draft_id == composer.draft_id
    assert [a.filename for a in draft.fields.attachments] == [f"Quotation-{quote.number}.pdf"]
    assert quote.number in window.statusBar().currentMessage()


def test_one_click_without_a_quote_made_before_opens_the_picker(qtbot, window, demo_db):
    window.quotes.update_last_template("quotation")
    _show(qtbot, window, demo_db, ENGLISH_INQUIRY)
    assert window.quotes.quick_quote()
    qtbot.waitUntil(lambda: window.quotes.picker is not None, timeout=30000)
    assert window.quotes.picker.wanted_template == "quotation"
    with Store.open(demo_db) as store:
        assert records.list_quotes(store) == []


def test_one_click_with_a_sku_gone_from_the_price_list_says_so_and_saves_nothing(
        qtbot, chosen_window, demo_db):
    window = chosen_window
    with Store.open(demo_db) as store:
        store.conn.execute("DELETE FROM products WHERE sku = 'DRV-40W'")
        numbers_before = store.conn.execute("SELECT count(*) FROM quote_sequences").fetchone()
    _show(qtbot, window, demo_db, ENGLISH_INQUIRY)
    window.quotes.quote_last_action.trigger()
    qtbot.waitUntil(lambda: bool(window.quotes.failed_text), timeout=30000)
    assert "DRV-40W" in window.quotes.failed_text and "not created" in window.quotes.failed_text
    assert window.quotes.quote_last_action.isEnabled()
    with Store.open(demo_db) as store:
        assert records.list_quotes(store) == []
        assert store.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
        assert store.conn.execute(
            "SELECT count(*) FROM quote_sequences").fetchone() == numbers_before
    assert window.compose.composers == []


def test_the_picker_starts_from_the_last_choices(qtbot, chosen_window, demo_db):
    window = chosen_window
    _show(qtbot, window, demo_db, ENGLISH_INQUIRY)
    window.quotes.quote_action.trigger()
    picker = window.quotes.picker
    qtbot.waitUntil(lambda: picker.create_button.isEnabled(), timeout=15000)
    assert picker.currency.text() == "EUR"
    assert picker.incoterm.currentData() == "CIF" and picker.place.text() == "Hamburg"
    assert picker.payment.text() == CHOICES.payment_terms
    assert picker.validity.value() == 45 and picker.lead_time.text() == "30 days"
    assert picker.attach_pdf.isChecked()


@pytest.mark.parametrize("key, modifiers, opens", [
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
     "picker"),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
     | Qt.KeyboardModifier.AltModifier, "reply"),
])
def test_the_shortcuts_work_and_quit_keeps_its_own(qtbot, chosen_window, demo_db, key,
                                                   modifiers, opens):
    window = chosen_window
    quit_fired: list[bool] = []
    window.quit_action.triggered.connect(lambda: quit_fired.append(True))
    _show(qtbot, window, demo_db, ENGLISH_INQUIRY)
    qtbot.keyClick(window, key, modifiers)
    # the app keeps the modifiers of the last key event: release them, or later clicks in
    # this process are Ctrl-clicks
    for held in (Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift):
        qtbot.keyRelease(window, held, Qt.KeyboardModifier.NoModifier)
    if opens == "picker":
        qtbot.waitUntil(lambda: window.quotes.picker is not None, timeout=15000)
    else:
        qtbot.waitUntil(lambda: any(getattr(c, "draft_id", None) for c in window.compose.composers),
                        timeout=30000)
    assert not quit_fired
    shortcuts = {window.quotes.quote_action.shortcut().toString(),
                 window.quotes.quote_last_action.shortcut().toString()}
    assert window.quit_action.shortcut().toString() not in shortcuts
