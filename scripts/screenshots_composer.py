"""Render screenshots of the composer, the account wizard and Settings into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_composer.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when there
is no ``DISPLAY``, in a child process, in English and Simplified Chinese. The demo profile gets
the example company signature policy with an entry for the demo rep, so the reply shows the
locked signature block; the wizard's certificate page shows a fixed example fingerprint (no
network is used).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script, signed_example_policy, wait_for  # noqa: E402

REP = "mei.lin@harbor-lighting.example"
EXAMPLE_FINGERPRINT = ":".join(f"{(n * 37 + 11) % 256:02X}" for n in range(32))
REPLY_TEXT = {
    "en": "Hi Wang Qiang,\n\nthanks. I will ask Mr Kraemer today whether 45 days work for him or "
          "whether he pays the USD 0.35 per panel for overtime. The shipping marks are in the "
          "attached packing list.\n\nMei",
    "zh_CN": "王强你好：\n\n收到，谢谢。我今天就和克雷默先生确认，是接受 45 天交期，还是每片加 0.35 美元"
             "安排加班。外箱唛头在附件的装箱单里。\n\n梅琳",
}


def provision_signature(db_path: Path, work: Path) -> None:
    """The example policy, signed with a throwaway key, with the demo rep in its directory."""
    from client.signatures import provision
    from client.store.db import Store

    policy_dir, public = signed_example_policy(work, {REP: {
        "full_name": "Mei Lin", "title": "Export Sales Manager", "department": "Sales",
        "mobile": "+86 138 0000 5678",
        "languages": {"zh": {"full_name": "林梅", "title": "出口销售经理"}},
    }})
    with Store.open(db_path) as store:
        provision.use_policy(store, str(policy_dir), public.read_bytes())


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language in ("en", "zh_CN"):
        written += render_language(app, out_dir, language)
    return written


def render_language(app: object, out_dir: Path, language: str) -> list[Path]:
    """The composer, wizard and Settings pictures of one UI language."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from client.demo import build_demo_profile
    from client.imap.errors import TLSVerificationError
    from client.profile.paths import DATABASE_NAME
    from client.store.db import Store
    from ui.composer.window import ComposerWindow
    from ui.qt.i18n import install_translators
    from ui.settings.dialog import AppSettingsDialog
    from ui.settings.preferences import Preferences
    from ui.wizard.dialog import PAGE_TEST, AccountWizard

    install_translators(app, language)  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="tradewind-compose-shots-"))
    profile = work / "profile"
    build_demo_profile(profile, anchor=ANCHOR)
    db_path = profile / DATABASE_NAME
    provision_signature(db_path, work)
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        path = out_dir / f"{name}-{language}.png"
        widget.grab().save(str(path))
        written.append(path)

    with Store.open(db_path) as store:
        row = next(r for r in store.list_messages(None, 500, 0) if r.subject == "克雷默订单交期问题")
    composer = ComposerWindow(db_path, "reply", row.id)
    composer.resize(980, 860)
    composer.show()
    wait_for(lambda: composer.is_ready and composer.signature is not None, "the reply")
    composer.editor.setPlainText(REPLY_TEXT[language])
    packing = work / ("装箱单 PL-2611.pdf" if language == "zh_CN" else "Packing list PL-2611.pdf")
    packing.write_bytes(b"%PDF-1.7 packing list" + bytes(180_000))
    composer.add_files([packing])
    wait_for(lambda: len(composer.attachments) == 1, "the attachment")
    shot(composer, "composer-reply")
    composer.sent = True  # no draft save while closing the picture
    composer.close()

    wizard = AccountWizard(db_path, discover_fn=lambda _email: None)
    wizard.show()
    wizard.name_field.setText("林梅" if language == "zh_CN" else "Mei Lin")
    wizard.email_field.setText("mei.lin@harbor-lighting.example")
    wizard.password_field.setText("not a real password")
    wait_for(lambda: wizard.isVisible(), "the wizard")
    shot(wizard, "wizard-account")
    wizard.manual()
    wait_for(lambda: wizard.pages.currentIndex() == 1, "the server page")
    wizard.imap_host.setText("mail.harbor-lighting.example")
    wizard.smtp_host.setText("mail.harbor-lighting.example")
    shot(wizard, "wizard-servers")
    wizard._show_page(PAGE_TEST)
    wizard._test_failed(TLSVerificationError(
        "certificate not trusted", EXAMPLE_FINGERPRINT,
        "The certificate of mail.harbor-lighting.example is signed by an unknown authority "
        "(self-signed certificate in certificate chain)."))
    wait_for(lambda: wizard.trust_button.isVisible(), "the certificate page")
    shot(wizard, "wizard-certificate")
    wizard.stored_email = None
    wizard.reject()

    settings = AppSettingsDialog(db_path, Preferences())
    settings.show()
    wait_for(lambda: settings.account_list.count() == 1, "the settings")
    settings.tabs.setCurrentIndex(2)
    QTest.qWait(100)
    shot(settings, "settings-sync")
    settings.reject()
    install_translators(app, "en")  # type: ignore[arg-type]
    QTest.qWait(100)
    shutil.rmtree(work, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
