"""The desktop app's entry point: ``run(argv) -> int``.

Called by the CLI (``client.cli.app_launch``) for ``tradewind`` with no command and for
``tradewind --demo``; ``argv`` holds the top-level options (``--demo``, ``--profile DIR``).
Main thread only. Returns the process exit code; errors before the window opens are shown in a
message box and on stderr, in words.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale

from client.profile.paths import (
    DATABASE_NAME,
    ProfileError,
    ProfileLock,
    ensure_profile_dir,
    resolve_profile_dir,
)
from ui.qt.dates import babel_locale
from ui.qt.i18n import install_translators, ui_language

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from ui.mainwindow.window import MainWindow
    from ui.sync.driver import SyncDriver


def parse_app_args(argv: Sequence[str]) -> argparse.Namespace:
    """The options the app understands; other top-level CLI options are ignored."""
    parser = argparse.ArgumentParser(prog="tradewind", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--profile", type=Path, default=None)
    # what to open (`tradewind open TARGET`, the OS's open command): mailto:, .eml, .ics
    parser.add_argument("--open", action="append", dest="targets", default=[])
    args, _unknown = parser.parse_known_args(list(argv))
    return args


@dataclass(frozen=True)
class PreparedProfile:
    """The profile the app opens; ``temporary`` ones are deleted when the app exits."""

    path: Path
    demo: bool
    temporary: bool = False


def prepare_profile(args: argparse.Namespace) -> PreparedProfile:
    """The profile to open. ``--demo`` builds the demo into ``--profile DIR`` (a no-op if it is
    already there) or into a fresh temporary folder. Raises ``ProfileError`` or
    ``DemoProfileError`` in words."""
    if args.demo:
        from client.demo import build_demo_profile

        temporary = args.profile is None
        profile = args.profile or Path(tempfile.mkdtemp(prefix="tradewind-demo-"))
        profile = ensure_profile_dir(profile)
        build_demo_profile(profile, quotes=True)
        from client.demo.desk import schedule_demo_message  # one send-later message (issue 18)

        schedule_demo_message(profile)
        return PreparedProfile(profile, True, temporary)
    return PreparedProfile(ensure_profile_dir(resolve_profile_dir(args.profile)), False)


def ui_locale_name(preference: str = "system") -> str:
    """The UI locale: ``TRADEWIND_LANG`` if set (e.g. ``zh_CN``, ``en_GB``), else the language
    saved in Settings, else the system's (whose regional formats are kept for English)."""
    from PySide6.QtCore import QLocale

    system = QLocale.system().name()
    if os.environ.get("TRADEWIND_LANG"):
        return os.environ["TRADEWIND_LANG"]
    if preference == "system" or ui_language(system) == ui_language(preference):
        return system
    return preference


def formatting_locale(locale_name: str, language: str) -> str:
    """The babel locale for dates and numbers: the system's, unless the UI language differs."""
    return locale_name if ui_language(locale_name) == language else language


def create_window(profile: Path, locale: Locale, *, demo: bool,
                  driver: SyncDriver | None = None) -> MainWindow:
    """The main window over ``profile`` (QApplication must exist); with ``driver`` it has
    the sync controls (``ui.sync.window_controls``)."""
    from ui.mainwindow.window import MainWindow

    return MainWindow(profile / DATABASE_NAME, locale, demo=demo, driver=driver)


def saved_language(profile: Path) -> str:
    """The language chosen in Settings for this profile ('system' if none)."""
    from client.store.db import Store
    from ui.settings.preferences import load_preferences

    with Store.open(profile / DATABASE_NAME) as store:
        return load_preferences(store).language


def open_localised_window(app: QApplication, profile: Path, preference: str, *, demo: bool,
                          driver: SyncDriver | None = None) -> MainWindow:
    """Install the translators for ``preference`` and create a main window in that language."""
    locale_name = ui_locale_name(preference)
    language = ui_language(locale_name)
    install_translators(app, language)
    return create_window(profile, babel_locale(formatting_locale(locale_name, language)),
                         demo=demo, driver=driver)


class WindowKeeper:
    """Holds the current main window and rebuilds it when the rep switches language."""

    def __init__(self, app: QApplication, profile: Path, *, demo: bool,
                 driver: SyncDriver | None = None) -> None:
        self.app, self.profile, self.demo = app, profile, demo
        self.driver = driver  # each (re)built window gets its sync controls (ui.sync)
        self.window = self._open(saved_language(profile))

    def _open(self, preference: str) -> MainWindow:
        window = open_localised_window(self.app, self.profile, preference, demo=self.demo,
                                       driver=self.driver)
        window.preferences = replace(window.preferences, language=preference)  # saving may lag
        window.languageChanged.connect(self.switch_language)
        return window

    def switch_language(self, preference: str) -> None:
        """Replace the window by one in ``preference``, on the same folder and size."""
        old = self.window
        self.window = self._open(preference)
        self.window.resize(old.size())
        if old.current_folder is not None:
            self.window.select_folder(old.current_folder)
        self.window.show()
        old.quit()
        old.deleteLater()


def prepare_web_engine() -> bool:
    """Load QtWebEngine and declare our URL scheme (before the QApplication exists); False
    when QtWebEngine is not installed (HTML mail is then shown as plain text)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Chromium's sandbox cannot run as root (e.g. the demo in a root shell or container).
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    try:
        from ui.reader.html_view import register_mail_scheme
    except ImportError:
        return False
    register_mail_scheme()
    return True


def _cache_usable(app: QApplication, profile: Path) -> bool:
    """The start-up cache check (``ui.app.cache_repair``), in the saved language when the cache
    can still tell it. False when the cache is damaged and the rep chose Quit."""
    from client.store.errors import StoreError
    from ui.app.cache_repair import damaged_cache_quit_message, offer_repair_if_damaged

    try:
        preference = saved_language(profile)
    except StoreError:
        preference = "system"
    install_translators(app, ui_language(ui_locale_name(preference)))
    if offer_repair_if_damaged(profile / DATABASE_NAME, profile):
        return True
    print(damaged_cache_quit_message(), file=sys.stderr)
    return False


def _handed_over(args: argparse.Namespace) -> int | None:
    """A second launch on a profile gives its targets to the app already running there:
    the exit code when it did (or when that app does not answer), None to start normally."""
    from ui.app.single_instance import HANDED, NO_APP, hand_over

    try:
        profile = resolve_profile_dir(args.profile)
    except ProfileError:
        return None  # the normal start reports it
    outcome = hand_over(profile, list(args.targets))
    if outcome == NO_APP:
        return None
    if outcome == HANDED:
        print(f"Tradewind is already running on {profile}; it was asked to open "
              f"{len(args.targets)} item(s).", file=sys.stderr)
        return 0
    print(f"Tradewind is already running on {profile} but does not answer. Wait for it, or "
          "close it, then try again.", file=sys.stderr)
    return 1


def _listen_for_targets(app: QApplication, keeper: WindowKeeper,
                        profile: Path | None) -> tuple[QObject, ...]:
    """Hand-overs from later launches and macOS's QFileOpenEvent open in the current window.
    Returns the objects to keep alive."""
    from ui.app.open_targets import FileOpenFilter, open_target

    def receive(targets: list[str]) -> None:
        window = keeper.window
        window.showNormal()
        window.raise_()
        window.activateWindow()
        for target in targets:
            open_target(window, target)

    file_events = FileOpenFilter(app)
    app.installEventFilter(file_events)
    file_events.requested.connect(lambda target: open_target(keeper.window, target))
    if profile is None:
        return (file_events,)
    from ui.app.single_instance import InstanceServer

    server = InstanceServer(profile, app)
    server.received.connect(receive)
    return file_events, server


def _stop_listening(app: QApplication, listeners: tuple[QObject, ...]) -> None:
    """Undo `_listen_for_targets` (an app-wide event filter must not outlive the run)."""
    for listener in listeners:
        if hasattr(listener, "eventFilter"):
            app.removeEventFilter(listener)
        if hasattr(listener, "close"):
            listener.close()
        listener.deleteLater()


def run(argv: Sequence[str]) -> int:
    """Start the app; returns when the last window closes."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    args = parse_app_args(argv)
    handed = None if args.demo else _handed_over(args)
    if handed is not None:
        return handed
    if QApplication.instance() is None:
        prepare_web_engine()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "tradewind"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Tradewind")
    app.setOrganizationName("Tradewind")
    from ui.qt.gc_on_gui_thread import GuiThreadCollector

    GuiThreadCollector(app)  # cycles are freed on the GUI thread only (see the module)
    from client.demo import DemoProfileError
    from client.store.errors import StoreError

    try:
        prepared = prepare_profile(args)
        profile, demo = prepared.path, prepared.demo
        # A real profile's writer lock is held by the sync driver (read-only if another
        # process has it); the demo has no server, so the app holds it itself.
        lock = ProfileLock(profile).acquire() if demo else None
    except (ProfileError, DemoProfileError, StoreError, OSError) as exc:
        message = f"Tradewind cannot open its profile: {exc}"
        print(message, file=sys.stderr)
        from ui.qt.plain_text import message_box

        message_box(None, QMessageBox.Icon.Critical, "Tradewind", message).exec()
        return 1
    driver = None
    listeners: tuple[QObject, ...] = ()
    try:
        # -- damaged cache (S3): say what happened, offer Rebuild or Quit, before anything
        # else opens it --
        if not demo and not _cache_usable(app, profile):
            return 9  # the CLI's exit code for a damaged cache
        # -- sync driver (ui/sync): workers, IDLE, interval, Send/Receive --
        if not demo:
            from ui.sync.driver import SyncDriver

            driver = SyncDriver(profile / DATABASE_NAME, profile)
            app.aboutToQuit.connect(driver.stop)
        keeper = WindowKeeper(app, profile, demo=demo, driver=driver)
        keeper.window.show()
        from ui.app.cache_repair import DamageWatcher

        damage_watcher = DamageWatcher(profile / DATABASE_NAME, app)  # noqa: F841 - kept alive
        if driver is not None:
            driver.start()
        listeners = _listen_for_targets(app, keeper, None if demo else profile)
        from ui.app.open_targets import open_target

        for target in args.targets:
            open_target(keeper.window, target)
        if demo:
            keeper.window.statusBar().showMessage(
                app.translate("App", "Demo profile in {0}").format(profile), 10000
            )
        code = int(app.exec())
        keeper.window.deleteLater()
        from ui.reader.html_view import release_locked_profile

        release_locked_profile()  # pages before their profile, while Qt is fully alive
        return code
    finally:
        _stop_listening(app, listeners)
        if driver is not None:
            driver.stop()  # idempotent: cancel, join with a timeout, release the lock
        if lock is not None:
            lock.release()
        if prepared.temporary:
            shutil.rmtree(profile, ignore_errors=True)
