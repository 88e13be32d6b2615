"""Qt test set-up: offscreen platform, English UI, a fresh demo profile per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ["TRADEWIND_LANG"] = "en_US"

# QtWebEngine must be imported, and our URL scheme declared, before the QApplication exists.
import PySide6.QtWebEngineWidgets  # noqa: F401

from ui.html_view import register_mail_scheme

register_mail_scheme()

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from client.demo import build_demo_profile  # noqa: E402
from client.paths import DATABASE_NAME  # noqa: E402
from client.store import Store  # noqa: E402

DEMO_ANCHOR = date(2026, 11, 27)


@pytest.fixture(scope="session", autouse=True)
def _collect_on_the_gui_thread(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """As the app does (ui.app.run): Python's cycle collector runs on the GUI thread only."""
    from ui.gc_on_gui_thread import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()


@pytest.fixture(scope="session", autouse=True)
def _release_web_engine() -> Iterator[None]:
    """After the last test, delete WebEngine pages before their profile: otherwise the
    interpreter's shutdown may destroy them in the wrong order and Qt aborts the process."""
    yield
    from PySide6.QtWidgets import QApplication

    from ui.html_view import release_locked_profile

    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            widget.close()
        release_locked_profile()


@pytest.fixture
def demo_profile(tmp_path: Path) -> Path:
    """A freshly built demo profile directory (fixed anchor date, so content is known)."""
    profile = tmp_path / "profile"
    build_demo_profile(profile, anchor=DEMO_ANCHOR)
    return profile


@pytest.fixture
def empty_profile_db(tmp_path: Path) -> Path:
    """A profile database with the schema and nothing else (what the wizard starts from)."""
    path = tmp_path / "wizard-profile" / DATABASE_NAME
    path.parent.mkdir()
    Store.open(path).close()
    return path


@pytest.fixture
def demo_db(demo_profile: Path) -> Path:
    return demo_profile / DATABASE_NAME


@pytest.fixture
def window(qtbot, demo_db: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window on the demo profile, Inbox loaded."""
    from ui.dates import babel_locale
    from ui.main_window import MainWindow
    from ui.tasks import wait_for_background_tasks

    win = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() > 0)
    yield win
    wait_for_background_tasks()
