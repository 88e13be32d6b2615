"""A signature the rep typed or changed is replaced by the company's at Send, and the main
window says why (issue 5: "the block is restored and the rep told why")."""

from __future__ import annotations

from pathlib import Path

import shiboken6

from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.ui.test_composer import signature_policy  # noqa: F401 - shared fixture
from ui.tasks import wait_for_background_tasks


def test_a_changed_signature_is_restored_and_the_rep_is_told_why(  # type: ignore[no-untyped-def]
        qtbot, window, demo_db: Path, signature_policy: str) -> None:  # noqa: F811
    composer = window.composer_factory(demo_db, "new", None)
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready)
    index = [c.email for c in composer.senders].index(signature_policy)
    composer.sender_box.setCurrentIndex(index)
    qtbot.waitUntil(lambda: composer.signature is not None)
    company = composer.signature
    composer.to_field.setText("buyer@importer.example")
    composer.subject_field.setText("Quote")
    composer.editor.setPlainText("Dear buyer, our quote follows.\n-- \nAnna the Great\nCEO")
    with qtbot.waitSignal(composer.queued) as queued:
        composer.send_button.click()
    assert queued.args[0].notices
    qtbot.waitUntil(lambda: "restored" in window.statusBar().currentMessage(), timeout=30_000)
    with Store.open(demo_db) as store:
        raw = Outbox(store).raw(queued.args[0].outbox_id)
    assert b"Anna the Great" not in raw
    assert company.text.split("\n")[0].encode() in raw
    wait_for_background_tasks()
    if shiboken6.isValid(composer):
        composer.close()


def test_the_fixed_notices_are_translated(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication

    from client.signatures.enforce import CHANGED_HTML_NOTICE, CHANGED_TEXT_NOTICE
    from ui.composer.main_window_hooks import SIGNATURE_NOTICES
    from ui.i18n import install_translators

    assert SIGNATURE_NOTICES == (CHANGED_HTML_NOTICE, CHANGED_TEXT_NOTICE)  # lupdate sees these
    assert install_translators(qapp, "zh_CN")
    try:
        shown = QCoreApplication.translate("SignatureNotice", CHANGED_TEXT_NOTICE)
    finally:
        install_translators(qapp, "en")
    assert shown == "邮件纯文本部分的签名被改动过，已恢复为公司签名。"
