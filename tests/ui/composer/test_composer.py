"""The composer window: prefill, identities, completion, autosave, errors, attachments, inline
pictures, the locked company signature, and sending through the real submission server."""

from __future__ import annotations

import email
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication

from client.accounts.manager import AccountManager
from client.compose.drafts import list_drafts
from client.compose.identities import add_identity
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from ui.composer.window import ComposerWindow
from ui.qt.tasks import wait_for_background_tasks


def type_text(widget: object, text: str) -> None:
    """Type any text, one key event per character (safe for Chinese, unlike keyClicks)."""
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0,  # type: ignore[arg-type]
                                                 Qt.KeyboardModifier.NoModifier, char))


def _first_inbox_row(db: Path, to: str | None = None) -> int:
    with Store.open(db) as store:
        for row in store.list_messages(None, 500, 0):
            raw = store.get_raw(row.id)
            if to is None or to.encode() in raw.split(b"\n\n", 1)[0]:
                return row.id
    raise AssertionError("no such message in the demo")


def test_reply_is_prefilled_from_the_identity_the_original_was_addressed_to(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        account = store.list_accounts()[0]
        # another identity becomes the default: the reply must still pick the addressed one
        add_identity(store, account.id, "sales@harbor-lighting.example", "Harbor Sales",
                     default=True)
    row = _first_inbox_row(demo_db, "mei.lin@harbor-lighting.example")
    composer = open_composer(demo_db, "reply", row)
    assert composer.current_sender().email == "mei.lin@harbor-lighting.example"
    assert [c.email for c in composer.senders][0] == "sales@harbor-lighting.example"
    assert composer.subject_field.text().startswith("Re:")
    assert "@" in composer.to_field.text()
    assert composer.quote_view.isVisible() and "wrote:" in composer.quote_view.toPlainText()
    assert composer.editor.toPlainText() == ""  # the quote is not in the rep's text
    fields = composer.fields()
    assert fields.reply_to_row == row and fields.in_reply_to and fields.quote_html


def test_completion_suggests_addresses_from_the_cache(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from pytestqt.modeltest import ModelTester

    composer = open_composer(demo_db)
    composer.to_field.setText("a@b.example, ")
    composer.to_field.setFocus()
    qtbot.keyClicks(composer.to_field, "fern")
    suggestions = composer.to_field.suggestions.stringList()
    assert suggestions and suggestions[0].startswith("Diego")
    ModelTester(None).check(composer.to_field.suggestions)
    composer.to_field.choose(suggestions[0])
    assert composer.to_field.text() == f"a@b.example, {suggestions[0]}, "


def test_autosave_and_close_write_the_draft(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    composer.to_field.setText("buyer@importer.example")
    composer.subject_field.setText("报价 Quotation")
    type_text(composer.editor.viewport(), "Dear buyer, 价格如下")
    with qtbot.waitSignal(composer.draftSaved):
        composer.autosave_timer.timeout.emit()  # what the 5 s timer does
    with Store.open(demo_db) as store:
        [draft] = list_drafts(store)
    assert draft.fields.subject == "报价 Quotation" and "价格如下" in (draft.fields.text or "")
    type_text(composer.editor.viewport(), " FOB Ningbo")
    with qtbot.waitSignal(composer.draftSaved):
        composer.close()  # closing saves first, then closes
    qtbot.waitUntil(lambda: not composer.isVisible())
    with Store.open(demo_db) as store:
        [again] = list_drafts(store)
    assert again.id == draft.id and "FOB Ningbo" in (again.fields.text or "")


def test_bad_address_is_refused_in_words_and_the_text_stays(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    composer.to_field.setText("Hans Kraemer hans.kraemer-at-kraemer")
    composer.subject_field.setText("Samples")
    composer.editor.setPlainText("Please confirm the sample order.")
    composer.send_button.click()
    qtbot.waitUntil(lambda: composer.error_label.isVisible())
    assert "Not sent" in composer.error_label.text()
    to_problems = composer.address_problems[0]  # said beside the To field (answer.py)
    assert to_problems.isVisible() and "hans.kraemer-at-kraemer" in to_problems.text()
    assert composer.isVisible() and not composer.sent and composer.send_button.isEnabled()
    assert composer.editor.toPlainText() == "Please confirm the sample order."
    with Store.open(demo_db) as store:
        assert Outbox(store).items() == []


def _drop(target: Any, files: list[Path]) -> None:
    """A drop of file URLs, handed to the widget's drop handler (without a running drag, Qt's
    event dispatch does not deliver drop events offscreen)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    target.dropEvent(event)
    assert event.isAccepted()


def _paste_image(composer: ComposerWindow) -> None:
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6fdb"))
    mime = QMimeData()
    mime.setImageData(image)
    composer.editor.insertFromMimeData(mime)  # what Ctrl+V does with a copied picture


def test_drop_and_paste_add_attachments_and_inline_pictures(qtbot, demo_db: Path, open_composer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    pdf = tmp_path / "报价单 Q-118.pdf"
    pdf.write_bytes(b"%PDF-1.7 quotation")
    _drop(composer, [pdf])  # on the window
    qtbot.waitUntil(lambda: len(composer.attachments) == 1)
    _drop(composer.editor, [tmp_path / "missing.txt", pdf])  # on the text
    qtbot.waitUntil(lambda: len(composer.attachments) == 2)
    assert composer.attachments[0].filename == "报价单 Q-118.pdf"
    assert composer.editor.toPlainText() == ""  # no path was inserted as text
    _paste_image(composer)
    [image] = composer.fields().inline_images
    assert f"cid:{image.content_id}" in composer.fields().html  # type: ignore[operator]
    assert image.data.startswith(b"\x89PNG")


def test_company_signature_is_a_locked_block_that_follows_the_identity(qtbot, demo_db: Path, open_composer, signature_policy: str) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    index = [c.email for c in composer.senders].index(signature_policy)
    composer.sender_box.setCurrentIndex(index)
    qtbot.waitUntil(lambda: composer.signature is not None and composer.signature_view.isVisible())
    shown = composer.signature_view.toPlainText()
    assert "Anna" in shown
    assert not composer.error_label.isVisible()  # no stale error from the first identity
    assert composer.signature_view.isReadOnly()
    composer.signature_view.setFocus()
    type_text(composer.signature_view.viewport(), "edited")
    type_text(composer.signature_view, "edited")
    assert composer.signature_view.toPlainText() == shown
    type_text(composer.editor.viewport(), "Hello")
    assert composer.editor.toPlainText() == "Hello"  # the rep's text holds no signature
    composer.to_field.setText("buyer@importer.example")
    composer.subject_field.setText("Offer")  # an empty one would be asked about first
    with qtbot.waitSignal(composer.queued) as queued:
        composer.send_button.click()
    with Store.open(demo_db) as store:
        raw = Outbox(store).raw(queued.args[0].outbox_id)
    assert composer.signature is not None and composer.signature.text.split("\n")[0].encode() in raw


def _message(dovecot: DovecotServer, user: MailUser, folder: str) -> list[EmailMessage]:
    with dovecot.imap_admin(user) as imap:
        imap.select(folder)
        _, data = imap.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            msg = email.message_from_bytes(fetched[0][1], policy=email_policy.default)
            assert isinstance(msg, EmailMessage)
            out.append(msg)
        return out


def test_compose_and_send_through_the_real_submission_server(qtbot, open_composer, tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "send-profile" / "tradewind.db"
    db.parent.mkdir()
    with Store.open(db) as store:
        AccountManager(store).add(
            smtp_user.email, smtp_user.password, imap=f"127.0.0.1:{dovecot.imaps_port}",
            smtp=f"127.0.0.1:{submission.starttls_port}", security="ssl",
            username=smtp_user.username, ca_file=str(dovecot.ca_file), lookup=False)
    composer = open_composer(db)
    composer.to_field.setText(f"Buyer <{smtp_user.email}>")
    composer.subject_field.setFocus()
    type_text(composer.subject_field, "报价 Quotation Q-118")
    composer.editor.setFocus()
    composer.bold_action.trigger()
    type_text(composer.editor.viewport(), "Best price")
    composer.bold_action.trigger()
    type_text(composer.editor.viewport(), " for 集装箱 loads.")
    _paste_image(composer)
    pdf = tmp_path / "报价单.pdf"
    pdf.write_bytes(b"%PDF-1.7 q")
    _drop(composer, [pdf])
    qtbot.waitUntil(lambda: len(composer.attachments) == 1)
    with qtbot.waitSignal(composer.flushed, timeout=30000) as flushed:
        composer.send_button.click()
    report = flushed.args[0]
    assert report is not None and report.sent and not report.failed
    assert not composer.isVisible()
    [received] = _message(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "报价 Quotation Q-118"
    html = received.get_body(("html",))
    assert html is not None and "Best price" in html.get_content()
    assert "font-weight" in html.get_content() or "<b>" in html.get_content()
    related = [p for p in received.walk() if p.get_content_type() == "image/png"]
    assert len(related) == 1 and related[0]["Content-ID"].strip("<>") in html.get_content()
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "报价单.pdf"
    assert len(_message(dovecot, smtp_user, "Sent")) == 1


def test_no_account_yet_says_so(qtbot, tmp_path: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "empty" / "tradewind.db"
    db.parent.mkdir()
    Store.open(db).close()
    composer = open_composer(db)
    assert not composer.send_button.isEnabled()
    assert "no account" in composer.error_label.text().lower()


def test_translations_are_complete_and_used_in_chinese(qtbot, qapp, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from xml.etree import ElementTree

    from ui.qt.i18n import TRANSLATIONS_DIR, install_translators
    from ui.settings.dialog import AppSettingsDialog
    from ui.settings.preferences import Preferences
    from ui.wizard.dialog import AccountWizard

    tree = ElementTree.parse(TRANSLATIONS_DIR / "tradewind_compose_zh_CN.ts")
    messages = list(tree.iter("message"))
    contexts = {c.findtext("name") for c in tree.iter("context")}
    assert {"ComposerWindow", "AccountWizard", "AppSettingsDialog", "MainWindowHooks"} <= contexts
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
                  or not m.findtext("translation")]
    assert len(messages) > 100 and unfinished == []
    assert install_translators(qapp, "zh_CN")
    try:
        composer = open_composer(demo_db)
        assert composer.send_button.text() == "发送" and composer.windowTitle() == "新邮件"
        wizard = AccountWizard(demo_db)
        qtbot.addWidget(wizard)
        assert wizard.windowTitle() == "添加邮箱账户" and wizard.next_button.text() == "继续"
        settings = AppSettingsDialog(demo_db, Preferences())
        qtbot.addWidget(settings)
        assert settings.tabs.tabText(2) == "同步"
        qtbot.waitUntil(lambda: settings.account_list.count() == 1)
    finally:
        install_translators(qapp, "en")


def test_a_saved_draft_reopens_with_its_text_recipients_and_pictures(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    first = open_composer(demo_db)
    first.to_field.setText("Anna Huber <a.huber@alpenlicht.example>")
    first.subject_field.setText("Muster / samples")
    type_text(first.editor.viewport(), "See the photo of the sample: ")
    _paste_image(first)
    [pasted] = first.fields().inline_images
    with qtbot.waitSignal(first.draftSaved) as saved:
        first.save_button.click()
    draft_id = saved.args[0]
    reopened = ComposerWindow(demo_db, "draft", draft_id=draft_id)
    reopened.show()
    try:
        qtbot.waitUntil(lambda: reopened.is_ready)
        assert reopened.to_field.text() == "Anna Huber <a.huber@alpenlicht.example>"
        assert reopened.subject_field.text() == "Muster / samples"
        assert "See the photo of the sample" in reopened.editor.toPlainText()
        [image] = reopened.fields().inline_images
        assert image.content_id == pasted.content_id and image.data == pasted.data
        with qtbot.waitSignal(reopened.draftSaved) as again:
            reopened.save_button.click()
        assert again.args == [draft_id]  # the same draft is updated, not a second one
    finally:
        reopened.sent = True
        reopened.close()
        wait_for_background_tasks()


def test_forward_keeps_the_attachments_and_quotes_below_the_new_text(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        row = next(r.id for r in store.list_messages(None, 500, 0) if r.has_attachments)
    composer = open_composer(demo_db, "forward", row)
    assert composer.subject_field.text().lower().startswith("fwd:")
    assert composer.to_field.text() == ""
    assert composer.attachments and composer.attachment_list.count() == len(composer.attachments)
    assert composer.quote_view.isVisible() and composer.editor.toPlainText() == ""
    fields = composer.fields()
    assert fields.forward_of_row == row and fields.attachments == tuple(composer.attachments)


def test_discard_deletes_the_draft_and_closes(qtbot, demo_db: Path, open_composer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    composer = open_composer(demo_db)
    composer.editor.setPlainText("first thoughts")
    with qtbot.waitSignal(composer.draftSaved):
        composer.save_now()
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    composer.discard_button.click()
    wait_for_background_tasks()
    assert asked and "Discard" in asked[0]
    with Store.open(demo_db) as store:
        assert list_drafts(store) == []


def test_bold_button_follows_the_text_under_the_cursor_and_links_are_checked(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    composer = open_composer(demo_db)
    composer.editor.setFocus()
    composer.bold_action.trigger()
    type_text(composer.editor.viewport(), "bold")
    composer.bold_action.trigger()
    type_text(composer.editor.viewport(), " plain")
    assert not composer.bold_action.isChecked()
    cursor = composer.editor.textCursor()
    cursor.setPosition(2)
    composer.editor.setTextCursor(cursor)
    assert composer.bold_action.isChecked()  # inside "bold"
    cursor.setPosition(len(composer.editor.toPlainText()))
    composer.editor.setTextCursor(cursor)
    assert not composer.bold_action.isChecked()
    composer.editor.insert_link("javascript:alert(1)", " not a link")  # refused: plain text
    composer.editor.insert_link("https://harbor-lighting.example/catalogue", "catalogue")
    html = composer.fields().html or ""
    assert 'href="https://harbor-lighting.example/catalogue"' in html and "javascript" not in html
    assert "not a link" in composer.editor.toPlainText()
    assert "font-weight" in html  # the bold run survives into the HTML that is sent


def test_a_draft_opens_with_identity_bcc_rich_text_attachments_and_quote(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from client.compose.actions import reply_fields
    from client.compose.build import OutgoingAttachment
    from client.compose.drafts import save_draft

    row = _first_inbox_row(demo_db, "mei.lin@harbor-lighting.example")
    with Store.open(demo_db) as store:
        account = store.list_accounts()[0]
        add_identity(store, account.id, "sales@harbor-lighting.example", "Harbor Sales")
        reply = reply_fields(store, row)
        from dataclasses import replace

        draft_id = save_draft(store, account.id, replace(
            reply, sender="sales@harbor-lighting.example", sender_name="Harbor Sales",
            bcc="boss@harbor-lighting.example", html="<p>Price <b>USD 4.20</b> FOB</p>",
            text=None, attachments=(OutgoingAttachment("报价单.pdf", b"%PDF-1.7 q"),)))
    composer = open_composer(demo_db, "draft", None, draft_id)
    assert composer.current_sender().email == "sales@harbor-lighting.example"
    assert composer.to_field.text() == reply.to and composer.bcc_field.text() == (
        "boss@harbor-lighting.example")
    assert composer.subject_field.text() == reply.subject
    assert "USD 4.20" in composer.editor.toPlainText()
    assert "font-weight" in composer.editor.toHtml()  # the bold survived
    assert [a.filename for a in composer.attachments] == ["报价单.pdf"]
    assert composer.quote_view.isVisible()
    fields = composer.fields()
    assert fields.in_reply_to == reply.in_reply_to and fields.reply_to_row == row


def test_a_drafts_folder_message_saves_in_place_and_sending_removes_it(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from ui.composer import jobs

    with Store.open(demo_db) as store:
        account = store.list_accounts()[0]
        folder = store.folder_by_role(account.id, "drafts")
        assert folder is not None
        cached = store.list_messages(folder.id, 10, 0)[0]
    draft_id = jobs.open_cached_draft(demo_db, cached.id)
    composer = open_composer(demo_db, "draft", None, draft_id)
    assert composer.subject_field.text() == cached.subject
    assert composer.to_field.text() and composer.editor.toPlainText().strip()
    type_text(composer.editor.viewport(), "再确认一下 ")
    with qtbot.waitSignal(composer.draftSaved) as saved:
        composer.save_button.click()
    assert saved.args == [draft_id]
    with Store.open(demo_db) as store:
        [draft] = list_drafts(store)
        assert draft.id == draft_id and "再确认一下" in (draft.fields.html or "")
    with qtbot.waitSignal(composer.queued):
        composer.send()
    wait_for_background_tasks()
    with Store.open(demo_db) as store:
        assert list_drafts(store) == []
        assert store.get_message(cached.id) is None  # no server: the cached copy goes too
        [item] = Outbox(store).items(account.id)
        assert item.subject == cached.subject


def test_reply_quote_follows_the_messages_language_not_the_ui(qtbot, qapp, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    row = _first_inbox_row(demo_db, "mei.lin@harbor-lighting.example")  # an English message
    assert install_translators(qapp, "zh_CN")
    try:
        chinese_ui = open_composer(demo_db, "reply", row)
        quote = chinese_ui.quote_view.toPlainText()
        assert "wrote:" in quote and "写道" not in quote  # the buyer's language, not the UI's
        box = chinese_ui.answer.language_box
        assert box.isVisible() and box.currentData() == "en"
        assert chinese_ui.fields().language == "en"
        box.setCurrentIndex(box.findData("zh"))  # the rep changes it in the composer
        qtbot.waitUntil(lambda: "写道：" in chinese_ui.quote_view.toPlainText())
        assert "写道：" in (chinese_ui.fields().quote_text or "")
        forward = open_composer(demo_db, "forward", row)
        assert "Forwarded message" in forward.quote_view.toPlainText()
    finally:
        install_translators(qapp, "en")


def _server_draft_in_cache(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer, user: MailUser) -> tuple[Path, int]:
    """A draft another client saved in the server's Drafts, cached as a sync would cache it."""
    from client.store.records import FolderRecord, IncomingMessage

    raw = (f"From: {user.email}\r\nTo: Buyer <{user.email}>\r\n"
           "Subject: Price list 2027 价格表\r\nMessage-ID: <phone-draft-7@example.test>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           "Written on the phone.\r\n").encode()
    uid = dovecot.append(user, "Drafts", raw, flags=("\\Draft",))
    db = tmp_path / "draft-profile" / "tradewind.db"
    db.parent.mkdir()
    with Store.open(db) as store:
        account = AccountManager(store).add(
            user.email, user.password, imap=f"127.0.0.1:{dovecot.imaps_port}",
            smtp=f"127.0.0.1:{submission.starttls_port}", security="ssl",
            username=user.username, ca_file=str(dovecot.ca_file), lookup=False).account
        folder = store.upsert_folder(account.id, FolderRecord("Drafts", role="drafts"))
        store.insert_messages(folder.id, [IncomingMessage(uid=uid, raw=raw)], watermark_uid=uid)
        [cached] = store.list_messages(folder.id, 10, 0)
    return db, cached.id


def test_a_draft_of_another_client_is_sent_and_leaves_the_servers_drafts(qtbot, open_composer, tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser) -> None:  # type: ignore[no-untyped-def]
    from ui.composer import jobs

    db, cached = _server_draft_in_cache(tmp_path, dovecot, submission, smtp_user)
    draft_id = jobs.open_cached_draft(db, cached)
    composer = open_composer(db, "draft", None, draft_id)
    assert composer.subject_field.text() == "Price list 2027 价格表"
    assert "Written on the phone." in composer.editor.toPlainText()
    type_text(composer.editor.viewport(), "Final: ")
    with qtbot.waitSignal(composer.flushed, timeout=30000) as flushed:
        composer.send_button.click()
    assert flushed.args[0] is not None and flushed.args[0].sent
    [received] = _message(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "Price list 2027 价格表"
    assert _message(dovecot, smtp_user, "Drafts") == []  # the other client's copy is gone
    with Store.open(db) as store:
        assert store.get_message(cached) is None and list_drafts(store) == []


def test_a_discarded_draft_of_another_client_leaves_the_servers_drafts(qtbot, open_composer, tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from ui.composer import jobs

    db, cached = _server_draft_in_cache(tmp_path, dovecot, submission, smtp_user)
    composer = open_composer(db, "draft", None, jobs.open_cached_draft(db, cached))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a: QMessageBox.StandardButton.Yes)
    composer.discard_button.click()
    wait_for_background_tasks()
    assert _message(dovecot, smtp_user, "Drafts") == []
    with Store.open(db) as store:
        assert store.get_message(cached) is None and list_drafts(store) == []
