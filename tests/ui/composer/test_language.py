"""The correspondence's language in the composer: detected from the message answered (a
Chinese buyer in the English UI gets the Chinese header and signature variant), shown in the
Language row, and changed there for both."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store


def test_a_chinese_message_is_answered_in_chinese_and_the_rep_can_switch(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        row = next(r for r in store.list_messages(None, 500, 0)
                   if r.subject == "克雷默订单交期问题")
    composer = open_composer(demo_db, "reply", row.id)  # the UI is English (conftest)
    qtbot.waitUntil(lambda: composer.signature is not None)
    box = composer.answer.language_box
    assert box.currentData() == "zh" and box.currentText() == "中文"
    assert "写道：" in composer.quote_view.toPlainText()
    qtbot.waitUntil(lambda: "梅琳" in composer.signature_view.toPlainText())
    box.setCurrentIndex(box.findData("en"))
    qtbot.waitUntil(lambda: "wrote:" in composer.quote_view.toPlainText()
                    and "Mei Lin" in composer.signature_view.toPlainText())
    assert "梅琳" not in composer.signature_view.toPlainText()
    fields = composer.fields()
    assert fields.language == "en" and "wrote:" in (fields.quote_text or "")
