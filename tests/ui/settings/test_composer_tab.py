"""Settings → Composer: the checks can be switched off, the reply style is chosen, and a
personal signature per identity is edited; it is used in new mail and replies when the company
sets no policy, and a policy in force wins."""

from __future__ import annotations

import email
from email import policy as email_policy
from pathlib import Path

from client.compose.checks import disabled_checks
from client.signatures import provision
from client.signatures.personal import get_personal
from client.smtp.outbox import Outbox
from client.store.db import Store
from ui.settings.composer_tab import ComposerSettingsTab

MEI = "mei.lin@harbor-lighting.example"  # the demo account


def _without_policy(db: Path) -> None:
    with Store.open(db) as store, store.transaction() as conn:
        conn.execute("DELETE FROM settings WHERE key = ?", (provision.SOURCE_KEY,))


def _tab(qtbot, db: Path) -> ComposerSettingsTab:  # type: ignore[no-untyped-def]
    tab = ComposerSettingsTab(db)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded):
        pass
    return tab


def _send(qtbot, composer, db: Path, text: str) -> bytes:  # type: ignore[no-untyped-def]
    """Send from the composer; the queued message's bytes."""
    composer.to_field.setText("buyer@importer.example")
    composer.subject_field.setText("Catalogue")
    composer.editor.setPlainText(text)
    with qtbot.waitSignal(composer.queued) as queued:
        composer.send_button.click()
    with Store.open(db) as store:
        return Outbox(store).raw(queued.args[0].outbox_id)


def _write_signature(qtbot, db: Path) -> ComposerSettingsTab:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db)
    tab.address_box.setCurrentIndex(tab.address_box.findData(MEI))
    tab.editor.setHtml("<p><b>Mei Lin</b><br>Harbor Lighting, export sales</p>")
    tab.check_boxes["no-reply"].setChecked(False)
    tab.style_box.setCurrentIndex(tab.style_box.findData("inline"))
    with qtbot.waitSignal(tab.stored):
        tab.save()
    return tab


def test_the_tab_saves_checks_style_and_the_personal_signature(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    _without_policy(demo_db)
    tab = _write_signature(qtbot, demo_db)
    assert tab.policy_note.isHidden()
    with Store.open(demo_db) as store:
        assert disabled_checks(store) == {"no-reply"}
        assert store.get_setting("compose.reply_style") == "inline"
        stored = get_personal(store, MEI)
    assert stored is not None and "Mei Lin" in stored.text and "font-weight" in stored.html
    again = _tab(qtbot, demo_db)  # read back
    assert not again.check_boxes["no-reply"].isChecked()
    assert again.check_boxes["empty-subject"].isChecked()
    again.address_box.setCurrentIndex(again.address_box.findData(MEI))
    assert "Harbor Lighting, export sales" in again.editor.toPlainText()


def test_the_personal_signature_goes_into_new_mail_without_a_policy(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    _without_policy(demo_db)
    _write_signature(qtbot, demo_db)
    composer = open_composer(demo_db)
    qtbot.waitUntil(lambda: composer.signature is not None and composer.signature_view.isVisible())
    assert "Harbor Lighting, export sales" in composer.signature_view.toPlainText()
    assert composer.signature_caption.text().startswith("Your signature")
    raw = _send(qtbot, composer, demo_db, "Dear buyer,")
    msg = email.message_from_bytes(raw, policy=email_policy.default)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.replace("\r\n", "\n").startswith(
        "Dear buyer,\n\n-- \nMei Lin\nHarbor Lighting, export sales\n")


def test_a_company_policy_wins_over_the_personal_signature(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    tab = _write_signature(qtbot, demo_db)  # the demo profile has the demo company's policy
    assert not tab.policy_note.isHidden()  # the note says the policy replaces it
    assert tab.settings is not None and tab.settings.policy
    composer = open_composer(demo_db)
    qtbot.waitUntil(lambda: composer.signature is not None and composer.signature_view.isVisible())
    assert composer.signature.images  # the company's, with its logo
    assert "export sales" not in composer.signature_view.toPlainText()
    assert composer.signature_caption.text().startswith("Company signature")
    assert b"export sales" not in _send(qtbot, composer, demo_db, "Hello")
