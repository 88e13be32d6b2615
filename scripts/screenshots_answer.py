"""Render screenshots of answering (issue 11) into docs/screenshots/: the check before sending,
an inline reply to an English buyer, and Settings → Composer.

Usage: ``.venv/bin/python scripts/screenshots_answer.py [--out DIR]``. Like
``scripts/screenshots_hardening.py`` it draws under its own Xvfb when there is no ``DISPLAY``,
in English and Simplified Chinese, at 100 % and, in a second child with
``QT_SCALE_FACTOR=1.5``, at 150 % (files ending in ``-150.png``; the composer keeps its first
size there, fitted to the 960x600 points of a 1440x900 screen, so Send shows on screen). No
network is used; the demo profile keeps the demo company's signature policy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script, wait_for  # noqa: E402

SCALE = os.environ.get("QT_SCALE_FACTOR", "")
SUFFIX = "-150" if SCALE == "1.5" else ""
REP = "mei.lin@harbor-lighting.example"
QUESTIONS = ("From: Hans Kraemer <hans.kraemer@kraemer-licht.example>\r\n"
             f"To: Mei Lin <{REP}>\r\nSubject: Questions about the 600x600 panels\r\n"
             "Date: Fri, 27 Nov 2026 09:10:00 +0100\r\n"
             "Message-ID: <answer-shot@kraemer-licht.example>\r\n"
             "Content-Type: text/plain; charset=utf-8\r\n\r\n"
             "Dear Ms Lin,\r\n\r\nthank you for the samples. Three questions before we order:\r\n"
             "What is the lead time for 2,400 panels?\r\n"
             "Can you ship FOB Ningbo instead of Shanghai?\r\n"
             "Is the driver flicker-free at 10 % dimming?\r\n\r\nBest regards\r\nHans Kraemer\r\n"
             ).encode()
PRESEND_TEXT = {"en": "Dear Mr Kraemer,\n\nplease find our revised offer attached.\n\nMei",
                "zh_CN": "王强你好：\n\n修改后的报价单见附件，请查收。\n\n梅琳"}


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    from client.compose.text_language import text_language

    text_language("the language model loads once, before the first reply", ["en", "de"])
    written: list[Path] = []
    try:
        for language in ("en", "zh_CN"):
            written += render_language(app, out_dir, language)
    finally:
        from ui.reader.html_view import release_locked_profile

        release_locked_profile()
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", *map(str, written)], check=False)
    if not SCALE:  # once more at 150 %, in a child (the factor is read at start)
        env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--render", "--out",
                        str(out_dir)], env=env, check=True)
    return written


def _add_questions(db_path: Path) -> int:
    from client.store.db import Store
    from client.store.records import IncomingMessage

    with Store.open(db_path) as store:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        assert inbox is not None
        uid = max(store.folder_uids(inbox.id)) + 1
        store.insert_messages(inbox.id, [IncomingMessage(uid=uid, raw=QUESTIONS)], uid)
        found = store.conn.execute("SELECT id FROM messages WHERE message_id = ?",
                                   ("answer-shot@kraemer-licht.example",)).fetchone()
        store.set_setting("compose.reply_style", "inline")
        return int(found[0])


def render_language(app: object, out_dir: Path, language: str) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.composer.window import ComposerWindow
    from ui.qt.i18n import install_translators
    from ui.settings.dialog import AppSettingsDialog
    from ui.settings.preferences import Preferences

    install_translators(app, language)  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="tradewind-answer-shots-"))
    profile = work / "profile"
    build_demo_profile(profile, anchor=ANCHOR)
    db_path = profile / DATABASE_NAME
    row = _add_questions(db_path)
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        path = out_dir / f"{name}-{language}{SUFFIX}.png"
        widget.grab().save(str(path))
        written.append(path)

    # the check before sending: an attachment mentioned, nothing attached, a no-reply address
    composer = ComposerWindow(db_path, "new")
    if not SUFFIX:
        composer.resize(900, 620)
    composer.show()
    wait_for(lambda: composer.is_ready and composer.signature is not None, "the composer")
    composer.to_field.setText("Kraemer Licht <noreply@kraemer-licht.example>")
    composer.subject_field.setText("Angebot HL-Q2611-08" if language == "en" else "报价单 HL-Q2611-08")
    composer.editor.setPlainText(PRESEND_TEXT[language])
    composer.send_button.click()
    wait_for(lambda: composer.answer.dialog is not None and composer.answer.dialog.isVisible(),
             "the check before sending")
    dialog = composer.answer.dialog
    assert dialog is not None
    shot(dialog, "composer-presend")
    dialog.back_button.click()
    shot(composer, "composer-presend-window")
    composer.sent = True
    composer.close()

    # an inline answer between an English buyer's questions, in either UI language
    reply = ComposerWindow(db_path, "reply", row)
    reply.show()
    wait_for(lambda: reply.is_ready and reply.signature is not None, "the reply")
    view = reply.quote_view
    block = view.document().begin()
    while block.isValid() and "lead time" not in block.text():
        block = block.next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    QTest.keyClicks(view, "Six weeks after the deposit.")
    wait_for(lambda: True, "the answer")
    shot(reply, "composer-inline")
    reply.sent = True
    reply.close()

    if not SUFFIX:
        settings = AppSettingsDialog(db_path, Preferences())
        settings.show()
        wait_for(lambda: settings.composer_tab.settings is not None, "the settings")
        settings.tabs.setCurrentWidget(settings.composer_tab)
        QTest.qWait(150)
        shot(settings, "settings-composer")
        settings.reject()
    install_translators(app, "en")  # type: ignore[arg-type]
    QTest.qWait(100)
    shutil.rmtree(work, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
