"""The quote picker on the demo profile: language guess, live preview, price-list items,
template errors in words, and the reply draft it creates (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.compose.drafts import get_draft
from client.quotes import records
from client.store import Store
from ui.qt.tasks import wait_for_background_tasks
from ui.quotes import jobs
from ui.quotes.picker import NAME_ROLE, QuotePicker

CHINESE_INQUIRY = "LED工矿灯150W采购询价"
ENGLISH_INQUIRY = "Inquiry: T8 LED tube 18W 1200mm"


def _row(db: Path, subject: str) -> int:
    with Store.open(db) as store:
        row = store.conn.execute("SELECT id FROM messages WHERE subject = ? ORDER BY id",
                                 (subject,)).fetchone()
    assert row is not None, subject
    return int(row[0])


def _open(qtbot, db: Path, subject: str, template: str | None = None) -> QuotePicker:  # type: ignore[no-untyped-def]
    picker = QuotePicker(db, _row(db, subject), template=template)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        picker.show()
    return picker


def _wait_preview(qtbot, picker: QuotePicker) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        pass


@pytest.fixture(autouse=True)
def _drain() -> object:
    yield
    wait_for_background_tasks()


def test_chinese_inquiry_preselects_the_chinese_variant_and_previews_it(qtbot, demo_db):
    picker = _open(qtbot, demo_db, CHINESE_INQUIRY)
    assert picker.template_name() == "quotation"
    assert picker.language.currentData() == "zh"
    assert picker.rendered is not None, picker.preview_error
    assert picker.rendered.lang == "zh"
    text = picker.preview.toPlainText()
    assert "恒流驱动 40W" in text  # the Chinese name of the first product in the price list
    assert "报价" in picker.subject_label.text()


@pytest.mark.parametrize("subject, lang, greeting", [
    ("Anfrage LED-Downlight 9 W CRI>90", "de", "vielen Dank für Ihre Anfrage"),
    ("Consulta de precio - farola LED 120 W", "es", "Estimad"),
])
def test_a_latin_script_inquiry_gets_the_language_it_is_written_in(qtbot, demo_db, subject,
                                                                   lang, greeting):
    picker = _open(qtbot, demo_db, subject)  # .example domains name no country
    assert picker.language.currentData() == lang
    assert picker.rendered is not None and picker.rendered.lang == lang
    assert greeting in picker.preview.toPlainText()


def test_the_rep_overrides_the_language(qtbot, demo_db):
    picker = _open(qtbot, demo_db, CHINESE_INQUIRY)
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        picker.language.setCurrentIndex(picker.language.findData("en"))
    assert picker.rendered is not None and picker.rendered.lang == "en"
    assert "Quotation" in picker.subject_label.text()


def test_an_english_inquiry_gets_english(qtbot, demo_db):
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)
    assert picker.language.currentData() == "en"
    assert "Dear" in picker.preview.toPlainText()


def test_a_sku_from_the_price_list_fills_the_row_and_the_preview(qtbot, demo_db):
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)
    assert any(e.startswith("LED-TUBE-T8 — ") for e in picker.sku_delegate.entries)
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        picker.items_model.item(0, 0).setText("LED-TUBE-T8")
        picker.items_model.item(0, 2).setText("1000")
    row = picker.item_rows()[0]
    assert row[1] == "LED tube T8 1.2 m" and row[3] == "pcs" and row[4] == "2.35"
    assert "$2,350.00" in picker.preview.toPlainText()


def test_another_currency_shows_the_price_lists_price_in_the_row_and_preview(qtbot, demo_db):
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)
    picker.items_model.item(0, 0).setText("LED-PNL-60")
    _wait_preview(qtbot, picker)
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        picker.currency.setText("EUR")
    assert picker.item_rows()[0][4] == "17.20"
    assert "€17.20" in picker.preview.toPlainText()
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        picker.currency.setText("JPY")  # no JPY price: said, with what there is
    assert picker.item_rows()[0][4] == ""  # no stale price of another currency
    assert "no JPY price" in picker.preview.toPlainText()


def test_an_unknown_sku_is_said_in_the_preview(qtbot, demo_db):
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)
    with qtbot.waitSignal(picker.previewed, timeout=15000):
        picker.items_model.item(0, 0).setText("NO-SUCH-SKU")
    assert picker.rendered is None
    assert "NO-SUCH-SKU" in picker.preview.toPlainText()
    assert not picker.create_button.isEnabled()


def test_filters_hide_templates(qtbot, demo_db):
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)

    def visible() -> list[str]:
        return [str(picker.templates.item(r).data(NAME_ROLE))
                for r in range(picker.templates.count()) if not picker.templates.item(r).isHidden()]

    picker.search.setText("sample")
    assert visible() == ["faq-moq", "sample-offer"]  # the demo company's "MOQ and samples"
    picker.search.clear()
    picker.category.setCurrentIndex(picker.category.findData("price-update"))
    assert visible() == ["price-update"]
    picker.category.setCurrentIndex(0)
    picker.language_filter.setCurrentIndex(picker.language_filter.findData("zh"))
    assert "price-update" not in visible() and "quotation" in visible()


def _write_template(profile: Path, name: str, body: str) -> None:
    folder = profile / "templates"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.en.tpl").write_text(
        f'+++\nname = "{name}"\nlang = "en"\ncategory = "quotation"\n'
        f'subject = "Offer {{{{ quote.number }}}}"\n+++\n{body}', encoding="utf-8")


@pytest.mark.parametrize("body, words", [
    ("<p>Hello</p>\n<p>{% for x in %}</p>\n", "line 8"),
    ("<p>Hello</p>\n<p>{{ buyer.shoe_size }}</p>\n", "shoe_size"),
])
def test_a_broken_template_is_named_with_its_line_and_nothing_is_created(
        qtbot, demo_profile, demo_db, body, words):
    _write_template(demo_profile, "broken", body)
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY, template="broken")
    assert picker.template_name() == "broken"
    assert picker.rendered is None
    shown = picker.preview.toPlainText()
    assert "broken (en)" in shown and words in shown
    assert not picker.create_button.isEnabled()
    picker.create_reply()
    wait_for_background_tasks()
    with Store.open(demo_db) as store:
        assert records.list_quotes(store) == []
        assert store.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_create_reply_saves_the_draft_with_pdf_and_record_and_remembers_the_template(
        qtbot, demo_db):
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)
    picker.incoterm.setCurrentIndex(picker.incoterm.findData("FOB"))
    picker.place.setText("Ningbo")
    _wait_preview(qtbot, picker)
    assert picker.create_button.isEnabled()
    with qtbot.waitSignal(picker.created, timeout=30000) as created:
        picker.create_button.click()
    reply = created.args[0]
    assert reply.pdf_name and reply.pdf_name.endswith(".pdf")
    with Store.open(demo_db) as store:
        draft = get_draft(store, reply.draft_id)
        quotes = records.list_quotes(store)
        assert store.get_setting(jobs.LAST_TEMPLATE_KEY) == "quotation"
    assert draft.fields.subject == reply.subject and reply.record.number in draft.fields.subject
    with Store.open(demo_db) as store:
        buyer = store.conn.execute("SELECT from_email FROM messages WHERE id = ?",
                                   (picker.message_row,)).fetchone()[0]
    assert buyer in draft.fields.to
    assert [a.filename for a in draft.fields.attachments] == [reply.pdf_name]
    assert "Constant-current driver 40 W" in (draft.fields.html or "")
    assert [q.number for q in quotes] == [reply.record.number]
    assert quotes[0].incoterm == "FOB" and quotes[0].place == "Ningbo"
    assert not picker.isVisible()


def test_the_preview_loads_no_remote_picture(qtbot, demo_profile, demo_db):
    _write_template(demo_profile, "picture",
                    '<p>Logo</p><img src="http://127.0.0.1:9/logo.png">\n')
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY, template="picture")
    assert picker.rendered is not None
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    assert picker.preview.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                       QUrl("http://127.0.0.1:9/logo.png")).isNull()
    assert picker.preview.searchPaths() == []


# -- the Quote action on the main window ------------------------------------------------------

def test_quote_is_in_the_message_menu_toolbar_and_context_menu_with_its_shortcut(qtbot, window):
    from PySide6.QtWidgets import QToolBar
    menus = {a.text(): a.menu().actions() for a in window.menuBar().actions() if a.menu()}
    assert window.quotes.quote_action in menus["&Message"]
    assert window.quotes.quote_action.shortcut().toString() == "Ctrl+Alt+Q"
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert window.quotes.quote_action in toolbar.actions()
    window.message_view.selectRow(0)
    assert window.quotes.quote_action in window.list_menu().actions()
    assert not window.quotes.quote_last_action.isVisible()  # no template used yet


def test_quote_without_a_message_asks_for_one(qtbot, window):
    window.message_view.clearSelection()
    window.reader.shown_id = None
    window.quotes.quote_action.trigger()
    assert window.quotes.picker is None
    assert "Select the message" in window.statusBar().currentMessage()


def test_quote_opens_the_picker_then_the_composer_on_the_created_draft(qtbot, window, demo_db):
    opened: list[int] = []
    window.compose.open_draft = opened.append  # the composer itself is tested in test_composer
    row = _row(demo_db, ENGLISH_INQUIRY)
    window.show_message(row)
    qtbot.waitUntil(lambda: window.reader.shown_id == row)
    window.quotes.quote_action.trigger()
    picker = window.quotes.picker
    assert picker is not None and picker.message_row == row
    qtbot.waitUntil(lambda: picker.create_button.isEnabled(), timeout=15000)
    with qtbot.waitSignal(picker.created, timeout=30000) as created:
        picker.create_button.click()
    assert opened == [created.args[0].draft_id]
    assert created.args[0].record.number in window.statusBar().currentMessage()
    # the last-used template is now one click away, here and in the context menu
    assert window.quotes.quote_last_action.isVisible()
    assert window.quotes.quote_last_action.text() == "Quote with quotation"
    assert window.quotes.quote_last_action in window.list_menu().actions()
    window.quotes.quote_last_action.trigger()  # one click: the next reply at once, no picker
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
    assert window.quotes.picker is picker and opened[1] != opened[0]
    wait_for_background_tasks()


def test_the_created_reply_opens_in_the_real_composer_with_pdf_quote_and_signature(
        qtbot, window, demo_db):
    row = _row(demo_db, ENGLISH_INQUIRY)
    window.show_message(row)
    qtbot.waitUntil(lambda: window.reader.shown_id == row)
    window.quotes.quote_action.trigger()
    picker = window.quotes.picker
    qtbot.waitUntil(lambda: picker.create_button.isEnabled(), timeout=15000)
    with qtbot.waitSignal(picker.created, timeout=30000) as created:
        picker.create_button.click()
    reply = created.args[0]
    [composer] = [c for c in window.compose.composers if getattr(c, "draft_id", None) == reply.draft_id]
    qtbot.waitUntil(lambda: composer.is_ready, timeout=15000)
    assert composer.subject_field.text() == reply.subject
    assert [a.filename for a in composer.attachments] == [reply.pdf_name]
    assert "Dear " in composer.editor.toPlainText()
    assert "Constant-current driver 40 W" in composer.editor.toPlainText()
    assert composer.quote_view.isVisible()  # the original, quoted below
    qtbot.waitUntil(lambda: bool(composer.signature_view.toPlainText().strip()), timeout=15000)
    composer.close()
    wait_for_background_tasks()


def test_a_message_that_is_not_cached_is_said_in_words(qtbot, demo_db):
    picker = QuotePicker(demo_db, 987654)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.ready, timeout=15000):
        picker.show()
    assert "could not be loaded" in picker.preview.toPlainText()
    assert "Traceback" not in picker.preview.toPlainText()
    assert not picker.create_button.isEnabled()


def test_text_language_needs_enough_text_and_stays_within_the_candidates():
    from client.compose.text_language import text_language

    german = "Sehr geehrte Damen und Herren, wir benötigen ein Angebot für 500 Stück."
    assert text_language(german, ["en", "de", "fr"]) == "de"
    assert text_language(german, ["en", "es"]) in (None, "en", "es")  # never a missing one
    assert text_language("LED 9 W", ["en", "de"]) is None  # too short to tell
    assert text_language(german, []) is None


def test_the_first_preview_does_not_wait_for_the_typing_delay(qtbot, demo_db, monkeypatch):
    from ui.quotes import picker as picker_module

    monkeypatch.setattr(picker_module, "PREVIEW_DELAY_MS", 600_000)  # ten minutes
    picker = _open(qtbot, demo_db, ENGLISH_INQUIRY)  # waits at most 15 s for the preview
    assert picker.rendered is not None, picker.preview_error
    assert not picker._timer.isActive()
