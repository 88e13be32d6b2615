"""A signature the rep typed or changed is replaced by the company's at Send, and the main
window says why (issue 5: "the block is restored and the rep told why")."""

from __future__ import annotations

from pathlib import Path

import shiboken6

from client.smtp.outbox import Outbox
from client.store.db import Store
from ui.qt.tasks import wait_for_background_tasks


def test_a_changed_signature_is_restored_and_the_rep_is_told_why(  # type: ignore[no-untyped-def]
        qtbot, window, demo_db: Path, signature_policy: str) -> None:
    composer = window.compose.composer_factory(demo_db, "new", None)
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


def test_the_fixed_notices_are_translated() -> None:
    from client import i18n
    from client.signatures.enforce import CHANGED_HTML_NOTICE, CHANGED_TEXT_NOTICE, OFFERED_NOTICE

    i18n.set_language("zh_CN")
    try:
        shown = i18n._(CHANGED_TEXT_NOTICE)
        offered = i18n._(OFFERED_NOTICE, identity="mei@company.example", template="global")
        html = i18n._(CHANGED_HTML_NOTICE)
    finally:
        i18n.set_language("en")
    assert shown == "邮件纯文本部分的签名被改动过，已恢复为公司签名。"
    assert offered == "为 mei@company.example 提供的签名不是公司签名，已改用公司签名（模板 'global'）。"
    assert html.startswith("邮件中的签名被改动过")


def test_with_the_ui_in_chinese_the_rep_is_told_in_chinese(  # type: ignore[no-untyped-def]
        qtbot, qapp, window, demo_db: Path, signature_policy: str) -> None:
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        composer = window.compose.composer_factory(demo_db, "new", None)
        composer.show()
        qtbot.waitUntil(lambda: composer.is_ready)
        index = [c.email for c in composer.senders].index(signature_policy)
        composer.sender_box.setCurrentIndex(index)
        qtbot.waitUntil(lambda: composer.signature is not None)
        composer.to_field.setText("buyer@importer.example")
        composer.subject_field.setText("报价")
        composer.editor.setPlainText("您好，报价如下。\n-- \nAnna the Great\nCEO")
        with qtbot.waitSignal(composer.queued) as queued:
            composer.send_button.click()
        assert queued.args[0].notices == ("邮件纯文本部分的签名被改动过，已恢复为公司签名。",)
        qtbot.waitUntil(lambda: "已恢复为公司签名" in window.statusBar().currentMessage(),
                        timeout=30_000)
        wait_for_background_tasks()
        if shiboken6.isValid(composer):
            composer.close()
    finally:
        install_translators(qapp, "en")


def test_the_third_notice_an_offered_signature_replaced_in_chinese(  # type: ignore[no-untyped-def]
        qapp, window, demo_db: Path, signature_policy: str) -> None:
    """A signature offered by the caller that is not the company's (the third notice): said
    in Chinese in the main window's status bar."""
    from client.compose.assemble import SignatureBlock
    from client.compose.drafts import DraftFields
    from client.outgoing.pipeline import queue_message
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        with Store.open(demo_db) as store:
            account_id = store.list_accounts()[0].id
            queued = queue_message(store, account_id, DraftFields(
                sender=signature_policy, to="buyer@importer.example", subject="报价",
                text="您好。\n"), SignatureBlock("<p>Anna the Great</p>", "Anna the Great"))
        window.compose.report_flush(None, queued.notices)
        shown = window.statusBar().currentMessage()
    finally:
        install_translators(qapp, "en")
    assert queued.notices == (
        f"为 {signature_policy} 提供的签名不是公司签名，已改用公司签名（模板 'global'）。",)
    assert shown == "邮件留在发件箱中，等账户可以发送时再发出。 " + queued.notices[0]
