"""Read/flag commands of the main window, through the offline-operation queue (mixin).

``FlagCommandsMixin`` is mixed into ``ui.main_window.MainWindow`` and uses its ``db_path``,
``message_model``, ``message_view``, ``refresh_unread_counts``, ``_show_failure`` and
``_closed``. GUI thread only: the list changes at once, the cache write runs in the background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui import message_actions
from ui.tasks import run_in_background


class FlagCommandsMixin:
    """Mark read/unread, flag/unflag, next unread."""

    db_path: Any
    message_model: Any
    message_view: Any
    _closed: bool

    def set_seen(self, ids: list[int], seen: bool) -> None:
        """Mark messages read/unread: shown at once, queued for the server in the background."""
        for message_id in ids:
            self.message_model.set_seen(message_id, seen)
        db_path = self.db_path
        run_in_background(
            lambda: message_actions.set_flag(db_path, ids, "seen", seen),
            lambda _result: self.refresh_unread_counts(),
            self._flag_failed,
            owner=self,
        )

    def set_flagged(self, ids: list[int], flagged: bool) -> None:
        """Flag or unflag messages (shown at once, queued in the background)."""
        for message_id in ids:
            self.message_model.set_flagged(message_id, flagged)
        db_path = self.db_path
        run_in_background(
            lambda: message_actions.set_flag(db_path, ids, "flagged", flagged),
            lambda _result: None,
            self._flag_failed,
            owner=self,
        )

    def _flag_failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self._show_failure(exc)
        self.message_model.set_ids(self.message_model.ids())  # show the stored truth again
        self.refresh_unread_counts()

    def toggle_read(self) -> None:
        """Mark the selection read, or unread if all of it is read already."""
        ids = self.selected_ids()
        rows = [self.message_model.message(r) for r in map(self.message_model.row_of, ids) if r is not None]
        if rows:
            self.set_seen(ids, not all(r.seen for r in rows if r is not None))

    def toggle_flag(self) -> None:
        """Flag the selection, or unflag it if all of it is flagged."""
        ids = self.selected_ids()
        rows = [self.message_model.message(r) for r in map(self.message_model.row_of, ids) if r is not None]
        if rows:
            self.set_flagged(ids, not all(r.flagged for r in rows if r is not None))

    def next_unread(self) -> None:
        """Select the next unread message below the current one (wrapping to the top)."""
        count = self.message_model.rowCount()
        if not count:
            return
        current = self.message_view.currentIndex().row()
        for step in range(1, count + 1):
            row = (current + step) % count
            message = self.message_model.message(row)
            if message is not None and not message.seen:
                self.message_view.selectRow(row)
                self.message_view.scrollTo(self.message_model.index(row, 0))
                return
        self.statusBar().showMessage(QCoreApplication.translate("MainWindow", "No unread messages here."), 5000)
