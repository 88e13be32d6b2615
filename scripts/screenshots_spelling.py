"""Render screenshots of spell checking (issue 11) into docs/screenshots/: a reply to an English
buyer with a misspelled word underlined, and the right-click menu with its suggestions.

Usage: ``.venv/bin/python scripts/screenshots_spelling.py [--out DIR]``. Draws under its own
Xvfb when there is no ``DISPLAY`` (like the other screenshot scripts), in English and
Simplified Chinese UI. The menu shot grabs the screen around the composer, so the popup shows.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script, wait_for  # noqa: E402

TEXT = ("Dear Mr Al Mansouri,\n\nthank you for your enquiry. We can ship the samples "
        "tomorow, and the offer for the guest rooms follows on Monday.\n\nBest regards\nMei")


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    from client.compose.text_language import text_language

    text_language("the language model loads once, before the first reply", ["en", "de"])
    written: list[Path] = []
    for language in ("en", "zh_CN"):
        written += render_language(app, out_dir, language)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", *map(str, written)], check=False)
    return written


def render_language(app: object, out_dir: Path, language: str) -> list[Path]:
    from PySide6.QtGui import QGuiApplication, QTextCursor
    from PySide6.QtTest import QTest

    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from client.store.db import Store
    from ui.composer.window import ComposerWindow
    from ui.qt.i18n import install_translators

    install_translators(app, language)  # type: ignore[arg-type]
    work = Path(tempfile.mkdtemp(prefix="tradewind-spell-shots-"))
    profile = work / "profile"
    build_demo_profile(profile, anchor=ANCHOR)
    db_path = profile / DATABASE_NAME
    with Store.open(db_path) as store:
        row = next(r for r in store.list_messages(None, 500, 0)
                   if r.subject.startswith("RFQ: Guest room lighting"))
    composer = ComposerWindow(db_path, "reply", row.id)
    composer.resize(900, 640)
    composer.move(40, 40)
    composer.show()
    for _ in range(5):  # the reply's setup detects the buyer's language (a busy machine: slow)
        try:
            wait_for(lambda: composer.is_ready and composer.spelling.code is not None,
                     "the composer")
            break
        except RuntimeError:
            continue
    composer.spelling.set_language("en_US")
    composer.editor.setPlainText(TEXT)
    highlighter = composer.spelling.editor_highlighter

    def marked() -> list[str]:
        out: list[str] = []
        block = composer.editor.document().begin()
        while block.isValid():
            out += highlighter.marked(block)
            block = block.next()
        return out

    wait_for(lambda: "tomorow" in marked(), "the underline")
    written = [out_dir / f"composer-spelling-{language}.png"]
    composer.grab().save(str(written[0]))
    index = composer.editor.toPlainText().index("tomorow") + 3
    cursor = QTextCursor(composer.editor.document())
    cursor.setPosition(index)
    point = composer.editor.cursorRect(cursor).center()
    shown: list[object] = []
    composer.spelling.menuShown.connect(shown.append)
    composer.spelling.context_menu(composer.editor, point)
    wait_for(lambda: bool(shown) and shown[0].isVisible(), "the suggestion menu",  # type: ignore[attr-defined]
             settle_ms=400)
    screen = QGuiApplication.primaryScreen()
    frame = composer.frameGeometry()
    shot = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    written.append(out_dir / f"composer-spelling-menu-{language}.png")
    shot.save(str(written[1]))
    shown[0].close()  # type: ignore[attr-defined]
    composer.sent = True  # no draft on close
    composer.close()
    install_translators(app, "en")  # type: ignore[arg-type]
    QTest.qWait(100)
    shutil.rmtree(work, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
