"""Checks before sending in the composer: the dialog names each problem in the UI language,
"Back" keeps the message, "Send anyway" queues it, "Don't ask again" switches the check off,
and a big attachment can still go as a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.compose.checks import disabled_checks
from client.smtp.outbox import Outbox
from client.store.db import Store
from ui.composer.presend import PreSendDialog
from ui.composer.window import ComposerWindow


def _outbox(db: Path) -> int:
    with Store.open(db) as store:
        return len(Outbox(store).items())


def _ask(qtbot, composer: ComposerWindow) -> PreSendDialog:  # type: ignore[no-untyped-def]
    composer.send_button.click()
    qtbot.waitUntil(lambda: composer.answer.dialog is not None
                    and composer.answer.dialog.isVisible())
    dialog = composer.answer.dialog
    assert dialog is not None
    return dialog


@pytest.mark.parametrize(("text", "word"), [
    ("Anbei unser Angebot für die LED-Panels.", "Anbei"),  # German
    ("报价单见附件，请查收。", "附件"),  # Chinese
    ("Please find our quotation attached.", "attached"),  # English
    ("Adjunto la cotización solicitada.", "Adjunto"),  # Spanish
    ("Veuillez trouver ci-joint notre offre.", "ci-joint"),  # French
    ("Прайс-лист во вложении.", "во вложении"),  # Russian
    ("見積書を添付します。", "添付"),  # Japanese
])
def test_a_mentioned_attachment_is_asked_about_and_back_keeps_the_message(
        qtbot, demo_db: Path, open_composer, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    composer.to_field.setText("buyer@importer.example")
    composer.subject_field.setText("Offer")
    composer.editor.setPlainText(text)
    dialog = _ask(qtbot, composer)
    assert [line.text() for line in dialog.lines] == [
        f"• Your text mentions an attachment (“{word}”), but nothing is attached."]
    assert dialog.back_button.isDefault() and not dialog.link_button.isVisible()
    dialog.back_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not composer.sent and composer.isVisible() and _outbox(demo_db) == 0
    assert composer.editor.toPlainText() == text


def test_send_anyway_queues_and_dont_ask_again_switches_the_checks_off(
        qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    composer.to_field.setText("Shop <noreply@shop.example>")
    composer.editor.setPlainText("Thanks")
    dialog = _ask(qtbot, composer)
    assert [line.text() for line in dialog.lines] == [
        "• The subject is empty.",
        "• noreply@shop.example is a no-reply address: nobody will read your message."]
    dialog.dont_ask.setChecked(True)
    with qtbot.waitSignal(composer.queued):
        dialog.send_button.click()
    qtbot.waitUntil(lambda: _disabled(demo_db) == {"empty-subject", "no-reply"})
    second = open_composer(demo_db)
    second.to_field.setText("noreply@shop.example")
    second.editor.setPlainText("Thanks again")
    with qtbot.waitSignal(second.queued):  # no dialog any more
        second.send_button.click()
    assert second.answer.dialog is None and _outbox(demo_db) == 2


def _disabled(db: Path) -> set[str]:
    with Store.open(db) as store:
        return set(disabled_checks(store))


def test_a_file_over_the_link_threshold_can_go_as_a_link(
        qtbot, demo_db: Path, open_composer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        store.set_setting("links.threshold_mb", 1)
    big = tmp_path / "catalogue.pdf"
    big.write_bytes(b"%PDF" + b"x" * (2 * 1024 * 1024))
    composer = open_composer(demo_db)
    composer.to_field.setText("buyer@importer.example")
    composer.subject_field.setText("Catalogue")
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_offer.isVisible())
    composer.attach_anyway_button.click()  # attached after all: asked again before sending
    qtbot.waitUntil(lambda: len(composer.attachments) == 1)
    dialog = _ask(qtbot, composer)
    assert "catalogue.pdf is over the size for links" in dialog.lines[0].text()
    assert dialog.link_button.isVisible()
    composer.sent = True  # the link storage is another test's matter: only the choice here
    dialog.link_button.click()
    assert composer.link_files == [big] and composer.attachments == []
