"""The main window's reactions to the core's change events.

``CoreEvents(window)`` (``window.core_events``, a child of ``ui.mainwindow.window.MainWindow``)
connects the window's ``EventBridge``: sync progress in the status bar and folder changes
refreshed at once after a quiet spell (new mail from IDLE shows without waiting, issue 17),
then coalesced into one refresh per ``REFRESH_DELAY_MS`` while they keep coming (plus a tray
notification for new unread Inbox mail). ``show_account_status`` words an account's
online/offline state; the window connects it only when it has no ``SyncControls`` (which
show every account's state). GUI thread only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from babel.numbers import format_decimal
from PySide6.QtCore import QCoreApplication, QObject, QTimer

from client.events import AccountStatus, FolderChanged, SyncProgress
from client.mime.sender_checks import list_label
from client.store.db import Store
from client.store.records import MessageRow
from ui.qt.plain_text import clean, tooltip

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

REFRESH_DELAY_MS = 250


def unseen_summary(store: Store, ids: tuple[int, ...]) -> tuple[int, MessageRow | None]:
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


class CoreEvents(QObject):
    """Slots for ``ui.qt.event_bridge.EventBridge`` signals, for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._changed_folders: set[int] = set()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_changed)
        window.events.syncProgress.connect(self.show_sync_progress)
        window.events.folderChanged.connect(self.folder_changed)

    def show_sync_progress(self, event: SyncProgress) -> None:
        """The progress bar in the status bar (hidden when done)."""
        progress, locale = self.window.progress, self.window.babel_locale
        if event.total <= 0 or event.done >= event.total:
            progress.hide()
            return
        progress.setRange(0, event.total)
        progress.setValue(event.done)
        progress.setFormat(
            QCoreApplication.translate("MainWindow", "{0}: {1} of {2}").format(
                event.folder,
                format_decimal(event.done, locale=locale),
                format_decimal(event.total, locale=locale),
            )
        )
        progress.setTextVisible(True)
        progress.show()

    def show_account_status(self, event: AccountStatus) -> None:
        """The account's state in the connection label (a window without sync controls)."""
        texts = {
            "syncing": QCoreApplication.translate("MainWindow", "Online — syncing"),
            "ok": QCoreApplication.translate("MainWindow", "Online"),
            "offline": QCoreApplication.translate("MainWindow", "Offline — showing the local cache"),
            "error": QCoreApplication.translate("MainWindow", "Error: {0}").format(
                clean(event.message, 300)),
        }
        self.window.connection_label.setText(texts.get(event.state, event.state))
        self.window.connection_label.setToolTip(tooltip(event.message))  # server text (T8)

    def folder_changed(self, event: FolderChanged) -> None:
        """Refresh at once when no refresh ran in the last ``REFRESH_DELAY_MS``; otherwise
        coalesce: one more refresh when that interval ends."""
        window = self.window
        if window.closed:
            return
        self._changed_folders.add(event.folder_id)
        leading = not self._refresh_timer.isActive()
        if leading:
            self._refresh_timer.start()
        # per folder, do-not-disturb: ui.everyday.notifications (issue 11)
        if event.added and window.everyday.notifications.should_notify(event.folder_id):
            count, newest = unseen_summary(window.store, event.added)
            if newest is not None:
                window.tray.notify_new_mail(count, list_label(newest.from_name, newest.from_email),
                                          newest.subject)
        if leading:
            self._refresh_changed()

    def _refresh_changed(self) -> None:
        changed, self._changed_folders = self._changed_folders, set()
        window = self.window
        if window.closed or not changed:
            return
        window.refresh_unread_counts()
        if window.current_folder in changed and not window.search_text:
            window.load_folder()
