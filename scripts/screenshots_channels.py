"""Render the inquiry channels (issue 18) into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_channels.py [--out DIR]``. Builds the demo profile
in a temporary folder, opens the main window (offscreen platform) with View → Tags column on,
selects the demo's Alibaba.com inquiry, opens Message → Channel rules… and tests the rules on
it; saves ``channels-list-LANG.png`` (the list with its Tags column) and
``channel-rules-LANG.png`` (the editor with the explanation), for en and zh_CN, one child
process per language. No network is used.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ALIBABA = "New inquiry: LED High Bay Light 150W from Tomasz Nowak"


def _wait(app: object, done: object, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def _render(language: str, out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")  # root in a container
    sys.path.insert(0, str(REPO))
    from PySide6.QtWidgets import QApplication

    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators

    app = QApplication([])
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        build_demo_profile(profile)
        window = MainWindow(profile / DATABASE_NAME,
                            babel_locale("en_US" if language == "en" else language), demo=True)
        window.resize(1400, 820)
        window.show()
        model = window.message_model
        _wait(app, lambda: model.rowCount() > 0)
        window.channels.tags_column.action.setChecked(True)
        _wait(app, lambda: window.channels.tags_column.loads > 0)
        row = next(r for r in range(model.rowCount())
                   if (m := model.message(r)) is not None and m.subject == ALIBABA)
        window.message_view.selectRow(row)
        window.message_view.scrollTo(model.index(row, 0))
        _wait(app, lambda: bool(window.selected_ids()))
        for _ in range(20):
            app.processEvents()
        window.grab().save(str(out / f"channels-list-{language}.png"))
        dialog = window.channels.open_editor()
        _wait(app, lambda: dialog.busy == 0 and dialog.table.rowCount() > 0)
        dialog.table.selectRow(0)
        dialog.test()
        _wait(app, lambda: dialog.busy == 0 and bool(dialog.explanation.toPlainText()))
        for _ in range(10):
            app.processEvents()
        dialog.grab().save(str(out / f"channel-rules-{language}.png"))
        dialog.close()
        window.close()
        from ui.qt.tasks import wait_for_background_tasks

        wait_for_background_tasks()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--language", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.language:
        _render(args.language, args.out)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh_CN"):
        subprocess.run([sys.executable, __file__, "--out", str(args.out), "--language",
                        language], check=True)


if __name__ == "__main__":
    main()
