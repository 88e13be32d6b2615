"""Render the composer with a file sent as a link (with its password box) and the Outbox view
into docs/screenshots/, in English and Simplified Chinese, at 100 % and 150 %.

Usage: ``.venv/bin/python scripts/screenshots_links.py [--out DIR]``. Each language and scale
is drawn in a child process on Qt's offscreen platform (``QT_SCALE_FACTOR`` for 150 %), on a
demo profile built in a temp folder; the Outbox view shows real outbox messages of that
profile (one uploading with a file half sent, one refused by the server, one waiting).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
MiB = 1024 * 1024


def _outbox(db: Path, big: Path) -> None:
    """Three outbox messages of the demo account: uploading (half its parts recorded),
    failed with the server's reason, waiting."""
    from client.compose.drafts import DraftFields
    from client.outgoing.pipeline import queue_message
    from client.smtp.outbox import Outbox
    from client.store.db import Store
    from client.uploads.config import StorageSpec, add_storage
    from client.uploads.engine import UploadEngine

    with Store.open(db) as store:
        account = store.list_accounts()[0]
        sender = account.email
        storage = add_storage(store, sender, StorageSpec(
            "nextcloud", "https://cloud.company.example/", username="anna"), "demo-secret")
        box = Outbox(store)
        for subject, to in (("Factory tour video", "li.wei@buyer.example"),
                            ("Price list 2027", "hans@kunde.example"),
                            ("Samples confirmation", "maria@cliente.example")):
            queued = queue_message(store, account.id, DraftFields(
                sender=sender, to=to, subject=subject, text="Dear buyer,\n"))
            if subject.startswith("Factory"):
                upload = UploadEngine(store).create(storage, big, outbox_id=queued.outbox_id)
                with store.transaction() as conn:
                    conn.execute("UPDATE outbox SET state = 'uploading', link_files_json = ? "
                                 "WHERE id = ?", ('{"token": "demo", "language": "en", '
                                                  f'"uploads": [{upload}]}}', queued.outbox_id))
                    conn.execute("INSERT INTO upload_parts (upload_id, number, offset, size, "
                                 "etag, sha256) VALUES (?, 1, 0, ?, '', '')",
                                 (upload, 48 * MiB))
            elif subject.startswith("Price"):
                box.fail(queued.outbox_id, "The server refused it: 552 5.3.4 message too big "
                         "for the recipient's mailbox.")


def _child(lang: str, scale: str, out: Path) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_SCALE_FACTOR"] = scale
    import keyring
    import PySide6.QtWebEngineWidgets  # noqa: F401 - before the QApplication
    from PySide6.QtWidgets import QApplication

    from client.demo import build_demo_profile
    from client.profile import secrets
    from client.profile.paths import DATABASE_NAME
    from tests.support.memory_keyring import MemoryKeyring
    from ui.qt.i18n import install_translators
    from ui.reader.html_view import register_mail_scheme

    secrets.allow_test_backend(MemoryKeyring)  # the demo storage's secret: never a real keyring
    keyring.set_keyring(MemoryKeyring())
    register_mail_scheme()
    app = QApplication([])
    install_translators(app, lang)
    work = Path(tempfile.mkdtemp(prefix="tw-shots-links-"))
    build_demo_profile(work / "profile")
    db = work / "profile" / DATABASE_NAME
    big = work / ("工厂参观视频.mp4" if lang == "zh_CN" else "factory-tour-2027.mp4")
    with open(big, "wb") as handle:
        handle.truncate(96 * MiB)
    _outbox(db, big)
    suffix = f"{lang}" + ("-150" if scale != "1" else "")

    from ui.composer.window import ComposerWindow
    from ui.qt.tasks import wait_for_background_tasks

    composer = ComposerWindow(db)
    composer.resize(900, 700)
    composer.show()
    while not composer.is_ready:
        app.processEvents()
    composer.to_field.setText("li.wei@buyer.example")
    composer.subject_field.setText("工厂参观视频" if lang == "zh_CN" else "Factory tour video")
    composer.editor.setPlainText("您好，\n工厂参观视频请见下方链接。" if lang == "zh_CN"
                                 else "Dear Li Wei,\nthe factory tour video is linked below.")
    composer.link_files = [big]
    composer._show_attachments()
    composer.link_offer.inform([big], 20.0, allow_attach=True)
    composer.link_password.check.setChecked(True)
    for _ in range(20):
        app.processEvents()
    composer.grab().save(str(out / f"composer-link-password-{suffix}.png"))
    composer.sent = True
    composer.close()

    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale

    window = MainWindow(db, babel_locale("zh_CN" if lang == "zh_CN" else "en_US"), demo=True)
    window.resize(1300, 700)
    window.show()
    window.outbox.show_outbox()
    while window.outbox.view.tree.topLevelItemCount() < 3:
        app.processEvents()
    window.outbox.view.select(window.outbox.view.rows[-1].id)
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out / f"outbox-view-{suffix}.png"))
    wait_for_background_tasks()
    window.close()


def main() -> None:
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv \
        else REPO / "docs" / "screenshots"
    if "--child" in sys.argv:
        lang, scale = sys.argv[sys.argv.index("--child") + 1:][:2]
        _child(lang, scale, out)
        return
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "zh_CN"):
        for scale in ("1", "1.5"):
            subprocess.run([sys.executable, __file__, "--child", lang, scale, "--out", str(out)],
                           check=True, timeout=300)
            print("drawn", lang, scale)


if __name__ == "__main__":
    main()
