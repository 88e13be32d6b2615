"""Render the meeting planner, the invitation dialog and the calendar views into docs/screenshots/.

Usage: ``.venv/bin/python scripts/screenshots_meetings.py [--out DIR]``. Like
``scripts/screenshots.py`` (whose Xvfb start-up, child process and fixed demo anchor it
reuses) it draws under its own Xvfb when there is no ``DISPLAY``, in English and Simplified
Chinese, at 100 % and, in a second child with ``QT_SCALE_FACTOR=1.5``, at 150 % (files ending
in ``-150.png``, windows two thirds the size). The demo profile's calendar (a weekly call with
one moved occurrence, Riyadh and Dubai entries) and remembered zones are what is shown; the
planner (Hamburg, Mumbai and the rep in Ningbo) opens from the main window's "Plan a meeting with these people…" on Hans Krämer's
mail. Writes ``meetings-planner``, ``meetings-invite``, ``calendar-agenda`` and
``calendar-week`` pictures. No network is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from screenshots import ANCHOR, qt_app, run_script, wait_for  # noqa: E402

SCALE = os.environ.get("QT_SCALE_FACTOR", "")
SUFFIX = "-150" if SCALE == "1.5" else ""
HANS = "hans.kraemer@kraemer-licht.example"


def _size(width: int, height: int) -> tuple[int, int]:
    return (width * 2 // 3, height * 2 // 3) if SUFFIX else (width, height)


def render(out_dir: Path) -> list[Path]:
    app = qt_app()
    written: list[Path] = []
    for language, locale_name in (("en", "en_US"), ("zh_CN", "zh_CN")):
        written += render_language(app, out_dir, language, locale_name)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", *map(str, written)], check=False)
    if not SCALE:  # once more at 150 %, in a child (the factor is read at start)
        env = {**os.environ, "QT_SCALE_FACTOR": "1.5"}
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--render", "--out",
                        str(out_dir)], env=env, check=True)
    return written


def render_language(app: Any, out_dir: Path, language: str, locale_name: str) -> list[Path]:
    from PySide6.QtCore import QDate

    from client.demo import build_demo_profile
    from client.profile.paths import DATABASE_NAME
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.i18n import install_translators

    install_translators(app, language)
    profile = Path(tempfile.mkdtemp(prefix="tradewind-shots-"))
    build_demo_profile(profile, anchor=ANCHOR)
    window = MainWindow(profile / DATABASE_NAME, babel_locale(locale_name), demo=True)
    window.resize(*_size(1440, 870))
    window.show()
    wait_for(lambda: window.message_model.rowCount() > 0, "the inbox")
    model = window.message_model
    row = next(r for r in range(model.rowCount()) if model.message(r).from_email == HANS)
    window.message_view.selectRow(row)
    wait_for(lambda: window.reader.shown_id is not None, "Hans's mail")
    written: list[Path] = []

    def save(widget: Any, name: str) -> None:
        path = out_dir / f"{name}-{language}{SUFFIX}.png"
        widget.grab().save(str(path))
        written.append(path)

    meetings = window.meetings
    meetings.plan_from_message_action.trigger()
    wait_for(lambda: meetings.planner is not None and meetings.planner.table.rowCount() >= 2,
             "the planner")
    planner = meetings.planner
    planner.add_field.setText("priya@lumentraders.example")
    planner.add_button.click()
    wait_for(lambda: planner.table.rowCount() >= 4, "the added attendee")
    first = ANCHOR + timedelta(days=3)
    planned: list[int] = []
    planner.planned.connect(lambda: planned.append(1))
    planner.first_day.setDate(QDate(first.year, first.month, first.day))
    from PySide6.QtTest import QTest

    for _ in range(1200):  # the holiday tables load slowly while this script polls the loop
        if planned:
            break
        QTest.qWait(50)
    wait_for(lambda: bool(planned) and planner.grid is not None, "the plan", 400)
    planner.resize(*_size(1400, 800))
    planner.slots.setCurrentRow(0)
    wait_for(lambda: planner.chosen is not None, "the first slot", 300)
    save(planner, "meetings-planner")
    planner.open_invite()
    dialog = planner.invite_dialog
    assert dialog is not None
    dialog.title.setText("LED panel order 2027 / LED面板订单" if language == "zh_CN"
                         else "LED panel order 2027")
    dialog.link.setText("https://meet.google.com/hbl-order-2027")
    dialog.repeat.setCurrentIndex(2)
    dialog.count.setValue(20)  # into April: Europe changes its clocks on 29 March
    wait_for(lambda: dialog.isVisible(), "the invitation dialog", 300)
    save(dialog, "meetings-invite")
    dialog.reject()
    planner.close()

    view = meetings.open_calendar()
    view.resize(*_size(1200, 700))
    loaded: list[int] = []
    view.loaded.connect(lambda: loaded.append(1))
    wait_for(lambda: view.zone == "Asia/Shanghai" and bool(loaded), "the calendar")
    loaded.clear()
    view.show_week(first)
    wait_for(lambda: bool(loaded), "the week of the demo")
    view.agenda.setCurrentItem(view.agenda.topLevelItem(0))
    wait_for(lambda: view.selected is not None, "an entry's details", 300)
    save(view, "calendar-agenda")
    view.tabs.setCurrentIndex(1)
    view.week.setCurrentCell(16, 1)
    wait_for(lambda: view.week.isVisible(), "the week grid", 300)
    save(view, "calendar-week")
    view.close()
    window.close()
    from ui.qt.tasks import wait_for_background_tasks

    wait_for_background_tasks()
    shutil.rmtree(profile, ignore_errors=True)
    return written


def main() -> int:
    return run_script(Path(__file__), render, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
