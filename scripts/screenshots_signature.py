"""Render screenshots of the company-signature step of the account wizard and the Settings
signature preview into docs/screenshots/ (signature-wizard-en.png, -zh.png,
signature-settings-en.png, -zh.png).

Usage: ``.venv/bin/python scripts/screenshots_signature.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when there
is no ``DISPLAY``, in a child process. The example policy of ``tradewind policy init`` is signed
with a throwaway key in a temp folder; the wizard checks it for a rep in its directory (no
network is used). Settings shows the right-to-left Arabic variant with a refused value in
English, the Chinese variant with a Chinese value in Chinese.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script, signed_example_policy  # noqa: E402
from screenshots import wait_for as settle  # noqa: E402

REP = "mei.lin@harbor-lighting.example"
ANNA = "anna.li@company.example"
OMAR = "omar.haddad@company.example"


def signed_policy(work: Path) -> tuple[Path, Path]:
    """The example policy with the demo rep in its directory, signed; (folder, public key).
    Anna's WeChat is left out so she fills it herself in Settings."""
    return signed_example_policy(work, {REP: {
        "full_name": "Mei Lin", "title": "Export Sales Manager", "department": "Sales",
        "languages": {"zh": {"full_name": "林梅", "title": "出口销售经理"}},
    }}, drop={ANNA: "wechat"})


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    try:
        for language, suffix in (("en", "en"), ("zh_CN", "zh")):
            written += render_language(app, out_dir, language, suffix)
    finally:
        from ui.reader.html_view import release_locked_profile

        release_locked_profile()
    return written


def render_language(app: object, out_dir: Path, language: str, suffix: str) -> list[Path]:
    """The wizard step and the Settings preview in one UI language."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWidget

    from client.compose.identities import add_identity
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from client.signatures import provision
    from client.store.db import Store
    from ui.qt.i18n import install_translators
    from ui.settings.dialog import AppSettingsDialog
    from ui.settings.preferences import Preferences
    from ui.wizard.dialog import PAGE_SIGNATURE, AccountWizard

    install_translators(app, language)  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="tradewind-signature-shots-"))
    profile = work / "profile"
    build_demo_profile(profile, anchor=ANCHOR)
    db_path = profile / DATABASE_NAME
    policy_dir, public_key = signed_policy(work)
    written: list[Path] = []

    def wait_for(condition: Callable[[], bool], what: str) -> None:
        settle(condition, what, 300)

    def shot(widget: QWidget, name: str) -> None:
        path = out_dir / f"{name}-{suffix}.png"
        widget.grab().save(str(path))
        written.append(path)

    wizard = AccountWizard(db_path, discover_fn=lambda _email: None)
    wizard.resize(760, 560)
    wizard.show()
    wizard.email_field.setText(REP)
    wizard.stored_email, wizard.succeeded = REP, True  # as after a successful connection test
    wizard._show_page(PAGE_SIGNATURE)
    step = wizard.signature_step
    outcomes: list[str] = []
    step.stepFinished.connect(outcomes.append)
    step.start(db_path, REP)
    wait_for(lambda: bool(outcomes), "the policy in force")
    step.location_field.setText(str(policy_dir))
    step.key_file_field.setText(str(public_key))
    step.check()
    wait_for(lambda: len(outcomes) == 2, "the check")
    shot(wizard, "signature-wizard")
    wizard.stored_email = None
    wizard.reject()

    with Store.open(db_path) as store:
        provision.use_policy(store, str(policy_dir), public_key.read_bytes())
        account = store.list_accounts()[0].id
        add_identity(store, account, ANNA, "Anna Li")
        add_identity(store, account, OMAR, "Omar Haddad")
    settings = AppSettingsDialog(db_path, Preferences())
    settings.resize(1040, 700)
    settings.show()
    wait_for(lambda: settings.snapshot is not None, "the settings")
    settings.tabs.setCurrentWidget(settings.signature_tab)
    tab = settings.signature_tab
    loads: list[bool] = []
    assert tab.html_view is not None
    tab.html_view.loadFinished.connect(loads.append)
    address, variant = (OMAR, "ar") if suffix == "en" else (ANNA, "zh")
    tab.identity_box.setCurrentIndex(tab.identity_box.findData(address))
    tab.language_box.setCurrentIndex(tab.language_box.findData(variant))
    if suffix == "en":
        tab.edits[(OMAR, "linkedin")].setText("linkedin.com/in/omar-haddad")  # refused: no https
        tab.edits[(OMAR, "wechat")].setText("omar_trade")
    else:
        tab.edits[(ANNA, "wechat")].setText("李安娜_外贸")
    loads.clear()
    tab.render_preview()
    wait_for(lambda: bool(loads), "the preview")
    shot(settings, "signature-settings")
    settings.reject()
    install_translators(app, "en")  # type: ignore[arg-type]
    QTest.qWait(100)
    shutil.rmtree(work, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
