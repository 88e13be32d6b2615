"""Render the reader's invitation card on the demo profile into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_invitation.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when
there is no ``DISPLAY``, in a child process, in English and Simplified Chinese: the demo's
Teams invitation from Omar (organizer in Dubai), the rep in Shanghai, after Accept.
Writes ``invitation-card-en.png`` and ``invitation-card-zh_CN.png``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, SIZE, qt_app, run_script, wait_for  # noqa: E402

SUBJECT = "Invitation: Sample review call - Al Noor Dubai Marina"


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
        written.append(render_language(app, out_dir, language, locale_name))
    return written


def render_language(app: object, out_dir: Path, language: str, locale_name: str) -> Path:
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators

    install_translators(app, language)  # type: ignore[arg-type]
    profile = Path(tempfile.mkdtemp(prefix="tradewind-shots-"))
    build_demo_profile(profile, anchor=ANCHOR)
    window = MainWindow(profile / DATABASE_NAME, babel_locale(locale_name), demo=True)
    window.reader.invitation_card.rep_zone = "Asia/Shanghai"  # the demo rep's zone
    window.resize(*SIZE)
    window.show()
    wait_for(lambda: window.list_source is not None, "the inbox")
    account = window.store.list_accounts()[0]
    folder = window.store.folder_by_name(account.id, "Projects/Al Noor Hotel Dubai")
    assert folder is not None
    window.select_folder(folder.id)
    wait_for(lambda: window.list_source == ("folder", folder.id), "the project folder")
    model = window.message_model
    row = next(r for r in range(model.rowCount())
               if model.message(r).subject == SUBJECT)  # type: ignore[union-attr]
    window.message_view.selectRow(row)
    card = window.reader.invitation_card
    wait_for(lambda: card.isVisible() and card.card is not None, "the invitation card", 700)
    card.buttons["accept"].click()
    wait_for(lambda: bool(card.result.text()) and card.buttons["accept"].isEnabled(),
             "the answer", 300)
    path = out_dir / f"invitation-card-{language}.png"
    window.grab().save(str(path))
    window.close()
    shutil.rmtree(profile, ignore_errors=True)
    return path


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
