"""The picker lists templates by their title in the UI language (the variant's own title:
"报价" in a Chinese UI, "Quotation" in an English one), and the company's price list is
marked in the SKU completion."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from client import i18n
from client.store import Store
from client.templates.model import Template, Variant
from ui.qt.tasks import wait_for_background_tasks
from ui.quotes.picker import NAME_ROLE, QuotePicker


def _variant(lang: str, title: str) -> Variant:
    return Variant("quotation", lang, "quotation", title, "S", "<p>x</p>", None)


def test_title_for_picks_the_ui_languages_variant() -> None:
    template = Template("quotation", "quotation", "Quotation", {
        "en": _variant("en", "Quotation"), "zh": _variant("zh", "报价"),
        "pt_BR": _variant("pt_BR", "Cotação"), "de": _variant("de", "quotation")})
    assert template.title_for("zh_CN") == "报价"
    assert template.title_for("pt_BR") == "Cotação" and template.title_for("pt") == "Cotação"
    assert template.title_for("de") == "Quotation"  # a title that is only the name: English
    assert template.title_for("en") == "Quotation" and template.title_for("") == "Quotation"


def _loaded_picker(qtbot, demo_db):  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        row = int(store.conn.execute("SELECT min(id) FROM messages").fetchone()[0])
    picker = QuotePicker(demo_db, row)
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.ready, timeout=15000):
        picker.show()
    return picker


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")
    wait_for_background_tasks()


def test_a_chinese_ui_lists_chinese_titles(qtbot, demo_db, chinese) -> None:  # type: ignore[no-untyped-def]
    picker = _loaded_picker(qtbot, demo_db)
    shown = {str(picker.templates.item(i).data(NAME_ROLE)): picker.templates.item(i).text()
             for i in range(picker.templates.count())}
    assert shown["quotation"] == "报价 (quotation)"
    assert shown["follow-up"] == "跟进 (follow-up)"


def test_the_sku_completion_marks_company_products(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    picker = _loaded_picker(qtbot, demo_db)
    entries = picker.sku_delegate.entries
    assert "HL-HB-150 — LED high bay 150W IP65 (company price list)" in entries
    assert "DRV-40W — Constant-current driver 40 W" in entries  # the rep's own
    assert sum(e.startswith("LED-PNL-60 ") for e in entries) == 1  # the company's wins
    wait_for_background_tasks()
