"""New-mail notifications per folder and do-not-disturb, remembered across a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QSystemTrayIcon

from client import settings
from client.events import FolderChanged, default_bus
from client.store.db import Store
from tests.ui.everyday.conftest import folder_id
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks


def _unread(db: Path, folder: int) -> list[int]:
    with Store.open(db) as store:
        return sorted(store.unread_ids(folder))


def _publish(win: MainWindow, folder: int, ids: list[int]) -> None:
    default_bus().publish(FolderChanged(1, folder, added=tuple(ids[:1])))


def test_notifications_per_folder_and_do_not_disturb(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(window.tray, "showMessage", lambda title, *_a: shown.append(title))
    inbox, projects = folder_id(window.db_path, "inbox"), window.folder_model
    dubai = next(f for f in projects.folder_ids_in_tree_order()
                 if f != inbox and _unread(window.db_path, f))
    notes = window.everyday.notifications
    _publish(window, inbox, _unread(window.db_path, inbox))
    qtbot.waitUntil(lambda: len(shown) == 1)  # the Inbox notifies by default
    assert not notes.should_notify(dubai)
    menu = notes.folder_menu(dubai)
    here = menu.actions()[0]
    assert here.text() == "Notify about new mail here" and not here.isChecked()
    here.trigger()  # switch this project folder on
    _publish(window, dubai, _unread(window.db_path, dubai))
    qtbot.waitUntil(lambda: len(shown) == 2)
    notes.folder_menu(inbox).actions()[0].trigger()  # the Inbox off
    assert not notes.should_notify(inbox)
    notes.quiet_action.trigger()  # do not disturb
    assert not notes.should_notify(dubai)
    for folder in (dubai, inbox):
        # the window's own slot runs before the blocker's (connected first): handled, not shown
        with qtbot.waitSignal(window.events.folderChanged):
            _publish(window, folder, _unread(window.db_path, folder))
    assert len(shown) == 2
    window.quit()
    wait_for_background_tasks()
    with Store.open(window.db_path) as store:
        assert settings.read(store, "notify.do_not_disturb") is True
        assert settings.read(store, "notify.folders") == {str(dubai): True, str(inbox): False}
    again = MainWindow(window.db_path, babel_locale("en_US"), demo=True)
    qtbot.addWidget(again)
    assert again.everyday.notifications.quiet_action.isChecked()
    assert again.everyday.notifications.folder_notifies(dubai)
    assert not again.everyday.notifications.folder_notifies(inbox)
    again.quit()
    wait_for_background_tasks()
