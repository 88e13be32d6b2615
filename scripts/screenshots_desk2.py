"""Render the follow-ups window and the Statistics window (issue 18) on the demo profile into
docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_desk2.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up it reuses) it draws under its own Xvfb when
there is no ``DISPLAY``, in a child process, in English and Simplified Chinese: View →
Follow-ups… with the demo's due reminders, and View → Statistics… for the last 60 days by
channel. The demo quotes and reminders are dated from today, so the demo mail is too.
Writes ``followups-{en,zh_CN}.png`` and ``statistics-{en,zh_CN}.png``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import qt_app, run_script, wait_for  # noqa: E402


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
        written += render_language(app, out_dir, language, locale_name)
    return written


def render_language(app: object, out_dir: Path, language: str, locale_name: str) -> list[Path]:
    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators
    from ui.qt.tasks import wait_for_background_tasks

    install_translators(app, language)  # type: ignore[arg-type]
    profile = Path(tempfile.mkdtemp(prefix="tradewind-shots-"))
    build_demo_profile(profile, quotes=True)
    window = MainWindow(profile / DATABASE_NAME, babel_locale(locale_name), demo=True)
    window.show()
    wait_for(lambda: window.list_source is not None, "the inbox")
    written = []
    view = window.followups.open_window()
    view.resize(1180, 460)
    wait_for(lambda: view.table.rowCount() > 0, "the follow-ups", 400)
    view.table.selectRow(0)
    path = out_dir / f"followups-{language}.png"
    view.grab().save(str(path))
    written.append(path)
    view.close()
    stats = window.stats.open_window()
    stats.resize(1280, 820)
    wait_for(lambda: stats.data is not None, "the figures", 200)
    stats.first_edit.setDate(stats.last_edit.date().addDays(-60))
    stats.by_box.setCurrentIndex(stats.by_box.findData("channel"))
    wait_for(lambda: stats.data is not None and stats.data.stats.by == "channel"
             and (stats.data.stats.last - stats.data.stats.first).days == 60, "by channel", 600)
    path = out_dir / f"statistics-{language}.png"
    stats.grab().save(str(path))
    written.append(path)
    stats.close()
    wait_for_background_tasks()
    window.quit()
    shutil.rmtree(profile, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
