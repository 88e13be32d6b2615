"""Answering inline: the rep trims the quote and answers between the buyer's questions; the
company signature stays locked and reaches the real submission server byte for byte; the
bottom style puts the answer below the quote."""

from __future__ import annotations

import email
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from client.accounts.manager import AccountManager
from client.compose.assemble import signature_html, signature_text
from client.compose.identities import add_identity
from client.signatures import provision
from client.signatures.example import write_example
from client.signatures.integrity import generate_keys
from client.signatures.render import SignatureRequest, render_signature
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.signatures.fixtures import sign_dir
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from tests.ui.composer.test_composer import type_text

ANNA = "anna.li@company.example"
QUESTIONS = ("From: Hans Kraemer <hans@kraemer-licht.example>\r\nTo: Anna Li <" + ANNA + ">\r\n"
             "Subject: Questions about the panels\r\nMessage-ID: <q7@kraemer-licht.example>\r\n"
             "Date: Fri, 27 Nov 2026 09:00:00 +0100\r\n"
             "Content-Type: text/plain; charset=utf-8\r\n\r\n"
             "What is the lead time for 2,400 panels?\r\n"
             "Please ignore our old address in Bremen.\r\n"
             "Can you ship FOB Ningbo?\r\n").encode()


def _profile(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
             user: MailUser, style: str) -> tuple[Path, int]:
    db = tmp_path / "inline-profile" / "tradewind.db"
    db.parent.mkdir()
    private, public = generate_keys(tmp_path / "keys")
    directory = tmp_path / "policy"
    write_example(directory)
    sign_dir(directory, private)
    with Store.open(db) as store:
        AccountManager(store).add(
            user.email, user.password, imap=f"127.0.0.1:{dovecot.imaps_port}",
            smtp=f"127.0.0.1:{submission.starttls_port}", security="ssl",
            username=user.username, ca_file=str(dovecot.ca_file), lookup=False)
        account = store.list_accounts()[0]
        add_identity(store, account.id, ANNA, "Anna Li")
        provision.use_policy(store, str(directory), public.read_bytes())
        store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        row = _insert_questions(store)
        store.set_setting("compose.reply_style", style)
    return db, row


def _insert_questions(store: Store) -> int:
    """The buyer's questions in the first account's Inbox; their message row."""
    inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
    assert inbox is not None
    uid = max(store.folder_uids(inbox.id), default=0) + 1
    store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=QUESTIONS)], uid)
    found = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                               ("q7@kraemer-licht.example",)).fetchone()
    return int(found[0])


def _block_of(view, text: str):  # type: ignore[no-untyped-def]
    block = view.document().begin()
    while block.isValid() and text not in block.text():
        block = block.next()
    assert block.isValid(), text
    return block


def _received(submission: SubmissionServer) -> tuple[str, str]:
    """What the submission server received (the bytes on the wire)."""
    delivery = submission.received[-1]  # the server is shared by the tests of a session
    assert delivery.rcpt_tos == ["hans@kraemer-licht.example"]
    msg = email.message_from_bytes(delivery.data, policy=email_policy.default)
    assert isinstance(msg, EmailMessage)
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    return (str(text.get_content()).replace("\r\n", "\n"),
            str(html.get_content()).replace("\r\n", "\n"))


def test_an_inline_answer_keeps_the_signature_byte_for_byte(qtbot, open_composer, tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser) -> None:  # type: ignore[no-untyped-def]
    db, row = _profile(tmp_path, dovecot, submission, smtp_user, "inline")
    composer = open_composer(db, "reply", row)
    qtbot.waitUntil(lambda: composer.signature is not None and composer.quote_view.isVisible())
    view = composer.quote_view
    qtbot.waitUntil(lambda: view.hasFocus() or composer.answer.style() == "inline")
    assert composer.answer.style() == "inline" and not view.isReadOnly()
    assert "What is the lead time" in view.textCursor().block().text()  # the cursor is there
    # trim the quote: the line about Bremen goes
    cursor = QTextCursor(_block_of(view, "Bremen"))
    cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
    cursor.removeSelectedText()
    # answer between the questions: Enter at the end of the first one, then the answer
    first = _block_of(view, "lead time")
    cursor = QTextCursor(first)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_text(view, "Six weeks after the deposit.")
    assert composer.signature_view.isReadOnly()
    with Store.open(db) as store:
        bundle = provision.policy_in_force(store)
        assert bundle is not None
        expected = render_signature(bundle, SignatureRequest(
            ANNA, ("hans@kraemer-licht.example",), "en", True),
            provision.rep_values(store, ANNA)).block
    with qtbot.waitSignal(composer.flushed, timeout=30000) as flushed:
        composer.send_button.click()
    assert flushed.args[0] is not None and flushed.args[0].sent
    text, html = _received(submission)
    assert signature_text(expected) in text and signature_html(expected) in html
    assert html.count('class="tw-signature"') == 1
    assert "> What is the lead time for 2,400 panels?\nSix weeks after the deposit.\n" in text
    assert "> Can you ship FOB Ningbo?" in text and "Bremen" not in text + html
    assert text.index(signature_text(expected)) < text.index("Six weeks")
    assert "Six weeks after the deposit." in html


def test_the_bottom_style_puts_the_answer_below_the_quote(qtbot, open_composer, tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser) -> None:  # type: ignore[no-untyped-def]
    db, row = _profile(tmp_path, dovecot, submission, smtp_user, "bottom")
    composer = open_composer(db, "reply", row)
    qtbot.waitUntil(lambda: composer.signature is not None and composer.answer.style() == "bottom")
    layout = composer.main_layout
    assert layout.indexOf(composer.quote_view) < layout.indexOf(composer.editor)
    composer.editor.setPlainText("Yes, six weeks, FOB Ningbo.")
    with qtbot.waitSignal(composer.flushed, timeout=30000):
        composer.send_button.click()
    text, html = _received(submission)
    assert text.index("> Can you ship FOB Ningbo?") < text.index("Yes, six weeks") < text.index(
        "-- \n")
    assert html.index("FOB Ningbo?") < html.index("Yes, six weeks") < html.index("tw-signature")


def test_an_edited_quote_is_kept_in_the_draft_and_reopened(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    from client.compose.drafts import list_drafts

    with Store.open(demo_db) as store:
        row = _insert_questions(store)
    composer = open_composer(demo_db, "reply", row)
    view = composer.quote_view
    cursor = QTextCursor(_block_of(view, "lead time"))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_text(view, "Six weeks.")
    assert view.edited()
    with qtbot.waitSignal(composer.draftSaved):
        composer.autosave_timer.timeout.emit()
    with Store.open(demo_db) as store:
        [draft] = list_drafts(store)
    assert "> What is the lead time for 2,400 panels?\nSix weeks.\n" in (
        draft.fields.quote_text or "")
    reopened = open_composer(demo_db, "draft", draft_id=draft.id)
    assert "Six weeks." in reopened.quote_view.toPlainText()
    quote_text, _html = reopened.quote_view.quote_fields(None, None)  # unedited: as saved
    assert quote_text is None
    fields = reopened.fields()
    assert fields.quote_text == draft.fields.quote_text and fields.reply_style == "top"
    assert fields.language == "en"
    reopened.quote_view.document().setModified(True)  # edited again: the same lines come back
    again, _html = reopened.quote_view.quote_fields(None, "x")
    assert again == draft.fields.quote_text


def test_opening_a_reply_in_any_style_is_not_a_change(qtbot, demo_db: Path, open_composer) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        store.set_setting("compose.reply_style", "inline")
        row = store.list_messages(None, 5, 0)[0].id
    composer = open_composer(demo_db, "reply", row)
    qtbot.waitUntil(lambda: composer.answer.style() == "inline" and composer.quote_view.hasFocus())
    assert not composer._dirty  # closing it saves no draft
    composer.answer.style_box.setCurrentIndex(composer.answer.style_box.findData("bottom"))
    assert composer._dirty  # the rep's own choice is


def test_enter_inside_a_quoted_line_keeps_both_halves_quoted(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.composer.quote_edit import QuoteView

    view = QuoteView(300)
    qtbot.addWidget(view)
    view.show_html('<div>Hans wrote:</div><blockquote type="cite"><div>Lead time? FOB?</div>'
                   "</blockquote>")
    view.show()
    cursor = QTextCursor(_block_of(view, "Lead time"))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=len("Lead time?"))
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_text(view, "Six weeks.")
    cursor = QTextCursor(_block_of(view, "Hans wrote"))
    view.setTextCursor(cursor)
    cursor = QTextCursor(_block_of(view, "FOB"))  # Enter at the start of a quoted line
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    type_text(view, "Yes.")
    text, _html = view.quote_fields(None, "")
    assert text == "Hans wrote:\n> Lead time?\nSix weeks.\nYes.\n>  FOB?\n"
