"""The composer warns before a reply goes to another company than the original came from or to
a lookalike domain (issue 19); Back keeps the message, Send anyway queues it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from client.store.db import Store
from tests.client.security.fraud_cases import build_cases
from tests.ui.composer.test_presend import _outbox
from ui.composer.window import ComposerWindow


def _profile(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        return path, {c.label: c.row_id for c in build_cases(store)}


def _box(qtbot, composer: ComposerWindow) -> QMessageBox:  # type: ignore[no-untyped-def]
    composer.send_button.click()
    qtbot.waitUntil(lambda: composer.recipient_risk.box is not None
                    and composer.recipient_risk.box.isVisible())
    box = composer.recipient_risk.box
    assert box is not None
    return box


def test_a_reply_diverted_to_a_lookalike_is_warned_about(
        qtbot, tmp_path: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    db, ids = _profile(tmp_path)
    composer = open_composer(db, "reply", ids["Reply-To to a lookalike (acme-trading.com)"])
    assert "john@acme-tradinq.com" in composer.to_field.text()
    risk = composer.recipient_risk
    qtbot.waitUntil(lambda: risk.checks_done >= 1 and not risk.isHidden())
    assert risk.text() == ("john@acme-tradinq.com is at a domain that imitates "
                           "acme-trading.com, a company you correspond with.")
    box = _box(qtbot, composer)
    assert "Send anyway?" in box.text()
    back = next(b for b in box.buttons() if b.text() == "Back to the message")
    assert box.defaultButton() is back
    back.click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert not composer.sent and _outbox(db) == 0
    box = _box(qtbot, composer)
    with qtbot.waitSignal(composer.queued, timeout=10_000):
        next(b for b in box.buttons() if b.text() == "Send anyway").click()
    assert _outbox(db) == 1


def test_a_reply_to_another_company_and_a_clean_reply(
        qtbot, tmp_path: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    db, ids = _profile(tmp_path)
    composer = open_composer(db, "reply", ids["help desk reply (freightdesk.com)"])
    risk = composer.recipient_risk
    qtbot.waitUntil(lambda: risk.checks_done >= 1 and not risk.isHidden())
    assert risk.text() == ("This reply goes to ticket+4711@freightdesk.zendesk.com, not to "
                           "freightdesk.com where the original came from.")
    clean = open_composer(db, "reply", ids["thread reply 0 (acme-trading.com)"])
    qtbot.waitUntil(lambda: clean.recipient_risk.checks_done >= 1)
    assert clean.recipient_risk.isHidden()
    clean.subject_field.setText("Re: Quotation")
    clean.editor.setPlainText("Thanks, confirmed.")
    with qtbot.waitSignal(clean.queued, timeout=10_000):  # no question for a clean reply
        clean.send_button.click()
    assert clean.recipient_risk.box is None
