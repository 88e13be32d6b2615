"""Drafts never refuse in the composer: a draft with an invalid address is autosaved and
reopened as typed; the address error is said once, beside its field, in the UI language,
and only sending is blocked."""

from __future__ import annotations

from pathlib import Path

from client.compose.drafts import list_drafts
from client.smtp.outbox import Outbox
from client.store.db import Store

TYPED = "Hans Kraemer <hans@kraemer-licht.example>, buyer@@importer"


def test_a_draft_with_an_invalid_address_is_saved_and_reopened(qtbot, qapp, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    composer.to_field.setText(TYPED)
    composer.subject_field.setText("Samples")
    composer.editor.setPlainText("Please confirm.")
    for _ in range(2):  # autosaves keep working: nothing refused, no error line
        with qtbot.waitSignal(composer.draftSaved):
            composer.autosave_timer.timeout.emit()
        composer._dirty = True
    assert not composer.error_label.isVisible()
    with Store.open(demo_db) as store:
        [draft] = list_drafts(store)
    assert draft.fields.to == TYPED
    reopened = open_composer(demo_db, "draft", draft_id=draft.id)
    assert reopened.to_field.text() == TYPED and reopened.subject_field.text() == "Samples"
    problems = reopened.address_problems[0]
    reopened.to_field.editingFinished.emit()  # the rep leaves the field
    assert problems.isVisible() and problems.text() == "Not an email address: buyer@@importer"
    reopened.to_field.editingFinished.emit()
    assert problems.text().count("buyer@@importer") == 1  # said once, not piled up
    reopened.send_button.click()  # only sending is blocked
    qtbot.waitUntil(lambda: reopened.error_label.isVisible())
    with Store.open(demo_db) as store:
        assert Outbox(store).items() == []
    reopened.to_field.setText("hans@kraemer-licht.example")
    reopened.to_field.textEdited.emit(reopened.to_field.text())
    assert not problems.isVisible()


def test_the_address_error_is_in_chinese_in_the_chinese_ui(qtbot, qapp, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        composer = open_composer(demo_db)
        composer.to_field.setText("buyer@@importer")
        composer.to_field.editingFinished.emit()
        assert composer.address_problems[0].text() == "不是电子邮件地址：buyer@@importer"
    finally:
        install_translators(qapp, "en")
