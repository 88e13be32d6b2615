"""The main window is built whole in its constructor: a window given a sync driver has its
sync controls (Send/Receive first in File and on the toolbar, the accounts' states in the
status bar), one without shows the core's account status itself, and the window the app
rebuilds for another language gets its sync controls again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from client.events import AccountStatus
from client.profile.paths import DATABASE_NAME
from ui.app.main import WindowKeeper
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.i18n import install_translators
from ui.qt.tasks import wait_for_background_tasks
from ui.settings.preferences import Preferences
from ui.sync.driver import SyncDriver


def test_a_window_with_a_driver_has_its_sync_controls(qtbot, demo_profile: Path) -> None:  # type: ignore[no-untyped-def]
    driver = SyncDriver(demo_profile / DATABASE_NAME, demo_profile, idle_seconds=3600)
    window = MainWindow(demo_profile / DATABASE_NAME, babel_locale("en_US"), driver=driver)
    qtbot.addWidget(window)
    try:
        assert window.sync is not None and window.sync.driver is driver
        assert window.file_menu.actions()[0] is window.sync.sync_action
        assert window.toolbar.actions()[0] is window.sync.sync_action
        window.sync.show_states()
        shown = window.connection_label.text()
        window.events.accountStatus.emit(AccountStatus(1, "ok", ""))
        assert window.connection_label.text() == shown  # the sync controls own the label
    finally:
        driver.stop()
        wait_for_background_tasks()


def test_a_window_without_a_driver_shows_the_account_status(window: MainWindow) -> None:
    assert window.sync is None
    assert window.file_menu.actions()[0] is window.new_action
    window.events.accountStatus.emit(AccountStatus(1, "ok", ""))
    assert window.connection_label.text() == "Online"


def test_the_rebuilt_window_keeps_the_sync_controls(qtbot, qapp: QApplication, demo_profile: Path) -> None:  # type: ignore[no-untyped-def]
    driver = SyncDriver(demo_profile / DATABASE_NAME, demo_profile, idle_seconds=3600)
    keeper = WindowKeeper(qapp, demo_profile, demo=False, driver=driver)
    try:
        first = keeper.window
        assert first.sync is not None and first.sync.driver is driver
        first.apply_preferences(Preferences("zh_CN"))
        assert keeper.window is not first
        rebuilt = keeper.window.sync
        assert rebuilt is not None and rebuilt.driver is driver
        assert keeper.window.file_menu.actions()[0] is rebuilt.sync_action
    finally:
        keeper.window.quit()
        install_translators(qapp, "en")
        driver.stop()
        wait_for_background_tasks()
