"""Qt test set-up: offscreen platform, English UI, a fresh demo profile per test, and the Qt
fixtures several ui test modules share (wizard, composer, main window with sync driver, a
loopback 'internet')."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ["TRADEWIND_LANG"] = "en_US"

# QtWebEngine must be imported, and our URL scheme declared, before the QApplication exists.
import PySide6.QtWebEngineWidgets  # noqa: F401

from ui.reader.html_view import register_mail_scheme

register_mail_scheme()

import http.server  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import shiboken6  # noqa: E402

from client.accounts.discover import DiscoveryResult  # noqa: E402
from client.compose.identities import add_identity  # noqa: E402
from client.demo import build_demo_profile  # noqa: E402
from client.profile.paths import DATABASE_NAME  # noqa: E402
from client.signatures import provision  # noqa: E402
from client.signatures.example import write_example  # noqa: E402
from client.signatures.integrity import generate_keys  # noqa: E402
from client.store import Store  # noqa: E402
from tests.client.signatures.fixtures import sign_dir  # noqa: E402
from ui.composer.window import ComposerWindow  # noqa: E402
from ui.qt.tasks import wait_for_background_tasks  # noqa: E402
from ui.wizard.dialog import AccountWizard  # noqa: E402

ANNA = "anna.li@company.example"  # a person in the example signature policy's directory

DEMO_ANCHOR = date(2026, 11, 27)


@pytest.fixture(scope="session", autouse=True)
def _collect_on_the_gui_thread(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """As the app does (ui.app.main.run): Python's cycle collector runs on the GUI thread only."""
    from ui.qt.gc_on_gui_thread import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()


@pytest.fixture(scope="session", autouse=True)
def _release_web_engine() -> Iterator[None]:
    """After the last test, delete WebEngine pages before their profile: otherwise the
    interpreter's shutdown may destroy them in the wrong order and Qt aborts the process."""
    yield
    from PySide6.QtWidgets import QApplication

    from ui.reader.html_view import release_locked_profile

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
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks

    win = MainWindow(demo_db, babel_locale("en_US"), demo=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.message_model.rowCount() > 0)
    yield win
    wait_for_background_tasks()


@pytest.fixture
def db(empty_profile_db: Path) -> Path:
    return empty_profile_db


@pytest.fixture
def make_wizard(qtbot) -> Iterator[Callable[..., AccountWizard]]:  # type: ignore[no-untyped-def]
    def factory(db: Path, discover: Callable[[str], DiscoveryResult | None]) -> AccountWizard:
        wizard = AccountWizard(db, discover_fn=discover)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    yield factory
    wait_for_background_tasks()


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.end_headers()

    do_POST = do_GET  # noqa: N815 - http.server's name

    def log_message(self, *_args: object) -> None:
        return None


@pytest.fixture
def internet() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server; yields its base URL and the list of requests it received."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_composer(qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    opened: list[ComposerWindow] = []

    def factory(db: Path, mode: str = "new", row: int | None = None,
                draft_id: int | None = None) -> ComposerWindow:
        composer = ComposerWindow(db, mode, row, draft_id)
        composer.show()
        qtbot.waitUntil(lambda: composer.is_ready)
        opened.append(composer)
        return composer

    yield factory
    wait_for_background_tasks()
    for composer in opened:  # a closed composer deletes itself (pytest-qt cannot close those)
        if shiboken6.isValid(composer):
            composer.sent = True  # no save-on-close during teardown
            composer.close()
    wait_for_background_tasks()


@pytest.fixture
def signature_policy(demo_db: Path, tmp_path: Path) -> str:
    """The example company policy in force on the demo profile, and Anna's identity there."""
    private, public = generate_keys(tmp_path / "keys")
    directory = tmp_path / "policy"
    write_example(directory)
    sign_dir(directory, private)
    with Store.open(demo_db) as store:
        provision.use_policy(store, str(directory), public.read_bytes())
        add_identity(store, store.list_accounts()[0].id, ANNA, "Anna Li")
    return ANNA


@dataclass
class App:
    window: object
    driver: object
    controls: object

    def subjects(self) -> list[str]:
        model = self.window.message_model  # type: ignore[attr-defined]
        ids = [model.message_id_at(r) for r in range(model.rowCount())]
        return [row.subject for row in self.window.store.rows_by_ids(ids)]  # type: ignore[attr-defined]


@pytest.fixture
def open_app(qtbot, profile_dir: Path) -> Iterator[Callable[..., App]]:  # type: ignore[no-untyped-def]
    """Opens the main window on ``profile_dir`` with a started sync driver, as ``ui.app.main`` does."""
    from ui.mainwindow.window import MainWindow
    from ui.qt.dates import babel_locale
    from ui.qt.tasks import wait_for_background_tasks
    from ui.sync.driver import SyncDriver

    opened: list[App] = []

    def factory(**options: object) -> App:
        with Store.open(profile_dir / DATABASE_NAME):
            pass  # the schema exists before the window opens it
        driver = SyncDriver(profile_dir / DATABASE_NAME, profile_dir, **options)  # type: ignore[arg-type]
        window = MainWindow(profile_dir / DATABASE_NAME, babel_locale("en_US"), driver=driver)
        qtbot.addWidget(window)
        controls = window.sync
        window.show()
        driver.start()
        app = App(window, driver, controls)
        opened.append(app)
        return app

    yield factory
    for app in opened:
        app.driver.stop()  # type: ignore[attr-defined]
    wait_for_background_tasks()
