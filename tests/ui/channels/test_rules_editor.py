"""The rule editor and the Tags column on the demo profile (its platform inquiries, TradeHub
notices and Canton Fair leads are tagged by the demo's rules)."""

from __future__ import annotations

from pathlib import Path

from client.channels.rules import list_rules
from client.store.db import Store
from ui.models.message_list import COL_TAGS


def _row_of(window, subject: str) -> int:  # type: ignore[no-untyped-def]
    model = window.message_model
    for row in range(model.rowCount()):
        message = model.message(row)
        if message is not None and message.subject == subject:
            return row
    raise AssertionError(subject)


ALIBABA = "New inquiry: LED High Bay Light 150W from Tomasz Nowak"


def test_the_tags_column_shows_the_channel(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    model, view = window.message_model, window.message_view
    assert view.isColumnHidden(COL_TAGS)  # off until the rep asks (narrow lists keep the Subject)
    window.channels.tags_column.action.setChecked(True)
    assert not view.isColumnHidden(COL_TAGS)
    assert model.headerData(COL_TAGS, view.horizontalHeader().orientation()) == "Tags"
    row = _row_of(window, ALIBABA)
    qtbot.waitUntil(lambda: model.index(row, COL_TAGS).data() == "alibaba", timeout=10000)


def test_editor_adds_tests_moves_and_removes(qtbot, window, demo_db: Path,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    dialog = window.channels.open_editor()
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.table.rowCount() > 0, timeout=10000)
    with Store.open(demo_db) as store:
        count = len(list_rules(store))
    assert dialog.table.rowCount() == count
    assert dialog.table.item(0, 1).text() == "B2B platform"
    assert dialog.table.item(0, 2).text() == "Alibaba.com"

    # a bad rule is refused in words and the form keeps what was typed
    dialog.kind.setCurrentIndex(dialog.kind.findData("sender"))
    dialog.match.setText("not an address")
    dialog.tag.setText("webform")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: "not an e-mail address" in dialog.status.text(), timeout=10000)
    assert dialog.match.text() == "not an address" and dialog.table.rowCount() == count

    dialog.match.setText("forms@harbor-lighting.example")
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.table.rowCount() == count + 1,
                    timeout=10000)
    assert dialog.current_rule() is not None
    assert dialog.current_rule().match == "forms@harbor-lighting.example"  # type: ignore[union-attr]
    added = dialog.current_rule()
    dialog.tag.setText("Web Form")  # edit the selected rule
    dialog.enabled.setChecked(False)
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.table.item(count, 3).text() == "web-form",
                    timeout=10000)
    assert dialog.table.item(count, 0).text() == "off"
    with Store.open(demo_db) as store:
        saved = [r for r in list_rules(store) if r.id == added.id]  # type: ignore[union-attr]
    assert [(r.tag, r.enabled) for r in saved] == [("web-form", False)]
    dialog.table.selectRow(count)
    dialog.up_button.click()
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.rules[-2].id == added.id, timeout=10000)  # type: ignore[union-attr]
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.table.rowCount() == count, timeout=10000)

    # the explanation of the selected message
    window.message_view.selectRow(_row_of(window, ALIBABA))
    qtbot.waitUntil(lambda: len(window.selected_ids()) == 1)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: "Alibaba.com" in dialog.explanation.toPlainText(), timeout=10000)
    text = dialog.explanation.toPlainText()
    assert "sets the tag “alibaba”" in text and "Tomasz Nowak" in text

    # a lead list, its bad row named, then the rules run over existing mail
    leads = tmp_path / "expo.csv"
    leads.write_text("Email,Name\nmei@unknown.example,Mei\noops,X\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.import_leads(str(leads), "Expo 2027")
    qtbot.waitUntil(lambda: "Row 3 skipped" in dialog.status.text(), timeout=10000)
    assert "Imported 1 addresses as “expo-2027”" in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.busy == 0 and dialog.table.rowCount() == count + 1,
                    timeout=10000)
    with qtbot.waitSignal(dialog.changed, timeout=20000):
        dialog.run_button.click()
    qtbot.waitUntil(lambda: "Looked at" in dialog.status.text(), timeout=20000)
    dialog.close()
