"""The main window's reactions to the core's change events (mixin).

``CoreEventsMixin`` is mixed into ``ui.mainwindow.window.MainWindow``: sync progress in the status
bar, the account's online/offline state, and folder changes coalesced into one refresh per
``REFRESH_DELAY_MS`` (plus a tray notification for new unread Inbox mail). GUI thread only.
"""

from __future__ import annotations

import json
from typing import Any

from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication

from client.events import AccountStatus, FolderChanged, SyncProgress
from client.mime.sender_checks import list_label
from client.store.records import MessageRow
from ui.qt.plain_text import clean, tooltip

REFRESH_DELAY_MS = 250


def unseen_summary(store: Any, ids: tuple[int, ...]) -> tuple[int, MessageRow | None]:
    """How many of ``ids`` are unread and the newest unread row, in one indexed query (a first
    sync adds thousands of rows per event: loading them all froze the GUI thread ~300 ms)."""
    found = store.conn.execute(
        "SELECT count(*), (SELECT m.id FROM messages m WHERE m.id IN (SELECT value FROM "
        "json_each(?1)) AND m.seen = 0 ORDER BY m.sort_date DESC LIMIT 1) FROM messages "
        "WHERE id IN (SELECT value FROM json_each(?1)) AND seen = 0",
        (json.dumps([int(i) for i in ids]),),
    ).fetchone()
    if not found or not found[0] or found[1] is None:
        return 0, None
    rows = store.rows_by_ids([int(found[1])])
    return int(found[0]), (rows[0] if rows else None)


class CoreEventsMixin:
    """Slots for ``ui.qt.event_bridge.EventBridge`` signals."""

    locale: Any
    progress: Any
    connection_label: Any
    store: Any
    tray: Any
    current_folder: int | None
    search_text: str
    _closed: bool
    _changed_folders: set[int]
    _refresh_timer: Any

    def _on_sync_progress(self, event: SyncProgress) -> None:
        if event.total <= 0 or event.done >= event.total:
            self.progress.hide()
            return
        self.progress.setRange(0, event.total)
        self.progress.setValue(event.done)
        self.progress.setFormat(
            QCoreApplication.translate("MainWindow", "{0}: {1} of {2}").format(
                event.folder,
                format_decimal(event.done, locale=self.locale),
                format_decimal(event.total, locale=self.locale),
            )
        )
        self.progress.setTextVisible(True)
        self.progress.show()

    def _on_account_status(self, event: AccountStatus) -> None:
        texts = {
            "syncing": QCoreApplication.translate("MainWindow", "Online — syncing"),
            "ok": QCoreApplication.translate("MainWindow", "Online"),
            "offline": QCoreApplication.translate("MainWindow", "Offline — showing the local cache"),
            "error": QCoreApplication.translate("MainWindow", "Error: {0}").format(
                clean(event.message, 300)),
        }
        self.connection_label.setText(texts.get(event.state, event.state))
        self.connection_label.setToolTip(tooltip(event.message))  # server text (T8)

    def _on_folder_changed(self, event: FolderChanged) -> None:
        """Coalesce the core's change events: one refresh per ``REFRESH_DELAY_MS`` at most."""
        if self._closed:
            return
        self._changed_folders.add(event.folder_id)
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()
        wants = getattr(self, "should_notify", None)  # ui.everyday.notifications (issue 11)
        if event.added and (wants(event.folder_id) if wants is not None
                            else event.folder_id in self._inbox_ids()):
            count, newest = unseen_summary(self.store, event.added)
            if newest is not None:
                self.tray.notify_new_mail(count, list_label(newest.from_name, newest.from_email),
                                          newest.subject)

    def _refresh_changed(self) -> None:
        changed, self._changed_folders = self._changed_folders, set()
        if self._closed:
            return
        self.refresh_unread_counts()
        if self.current_folder in changed and not self.search_text:
            self.load_folder()
