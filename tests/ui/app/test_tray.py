"""The tray icon's unread count and the new-mail notification."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QSystemTrayIcon

from client.events import FolderChanged, default_bus
from client.store.db import Store
from ui.app.tray import badge_icon
from ui.mainwindow.window import MainWindow


def test_tray_shows_the_inbox_unread_count(qtbot, window: MainWindow, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        inbox = store.folder_by_role(1, "inbox")
        assert inbox is not None
        unread = store.unread_counts()[inbox.id]
    assert window.tray.unread == unread
    assert window.tray.toolTip() == f"Tradewind: {unread} unread"
    row = next(r for r in range(window.message_model.rowCount())
               if not window.message_model.message(r).seen)  # type: ignore[union-attr]
    window.message_view.selectRow(row)  # reading marks it read
    qtbot.waitUntil(lambda: window.tray.unread == unread - 1)


def test_new_mail_notification_names_sender_and_subject(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(window.tray, "showMessage", lambda title, body, *_a: shown.append((title, body)))
    model = window.message_model
    unread = [model.message_id_at(r) for r in range(model.rowCount())
              if not model.message(r).seen]  # type: ignore[union-attr]
    default_bus().publish(FolderChanged(1, window.current_folder, added=(unread[0],)))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(shown))
    newest = model.message(model.row_of(unread[0]))  # type: ignore[arg-type]
    assert shown[0] == (f"New mail from {newest.from_name}", newest.subject)  # type: ignore[union-attr]
    default_bus().publish(FolderChanged(1, window.current_folder, added=tuple(unread[:3])))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert shown[1][0] == "3 new messages"


def test_badge_icon_draws_counts() -> None:
    assert not badge_icon(0).isNull() and not badge_icon(7).isNull() and not badge_icon(1234).isNull()
    assert badge_icon(7).pixmap(64, 64).toImage() != badge_icon(0).pixmap(64, 64).toImage()
