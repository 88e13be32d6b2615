"""Read/flag commands of the main window, through the offline-operation queue (mixin).

``FlagCommandsMixin`` is mixed into ``ui.mainwindow.window.MainWindow`` and uses its ``db_path``,
``message_model``, ``message_view``, ``folder_model``, ``list_source``, ``select_folder``,
``refresh_unread_counts``, ``_show_failure`` and ``_closed``. GUI thread only: the list
changes at once; cache writes and look-ups (next unread) run in the background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer

from ui.mainwindow import list_queries, message_actions
from ui.qt.tasks import run_in_background

#: selections up to this size toggle from the list's rows, bigger ones from a store query
TOGGLE_FROM_LIST = 1000


class FlagCommandsMixin:
    """Mark read/unread, flag/unflag, next unread."""

    db_path: Any
    message_model: Any
    message_view: Any
    folder_model: Any
    list_source: tuple[str, object] | None
    _closed: bool
    _generation: int
    #: "next unread" opened this list (source, load generation) and waits to select in it
    _unread_wait: tuple[tuple[str, object], int] | None = None

    def set_seen(self, ids: list[int], seen: bool) -> None:
        """Mark messages read/unread: shown at once, queued for the server in the background."""
        self._set_flag(ids, "seen", seen)

    def set_flagged(self, ids: list[int], flagged: bool) -> None:
        """Flag or unflag messages (shown at once, queued in the background)."""
        self._set_flag(ids, "flagged", flagged)

    def _set_flag(self, ids: list[int], flag: str, value: bool, undoable: bool = False) -> None:
        """``undoable``: the rep's own toggle, kept in the undo history (not reading)."""
        self.message_model.show_flag(ids, flag, value)  # loads nothing, even for 100,000 ids
        db_path = self.db_path

        def written(count: int) -> None:
            self.message_model.forget_flag(ids, flag, value)
            if flag == "seen":
                self.refresh_unread_counts()
            triage = getattr(self, "triage", None)  # ui.triage.controller: the undo notice
            if undoable and triage is not None and not self._closed:
                triage.flags_changed(ids, flag, value, count)

        def failed(exc: BaseException) -> None:
            self.message_model.forget_flag(ids, flag, value)
            self._flag_failed(exc)

        run_in_background(
            lambda: message_actions.set_flag(db_path, ids, flag, value, undoable=undoable),
            written, failed,
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
        self._toggle(self.selected_ids(), "seen")

    def toggle_flag(self) -> None:
        """Flag the selection, or unflag it if all of it is flagged."""
        self._toggle(self.selected_ids(), "flagged")

    def _toggle(self, ids: list[int], flag: str) -> None:
        """Up to ``TOGGLE_FROM_LIST`` ids decide from the list's rows (a few pages); a bigger
        selection decides from one query in the background (paging through 47,000 rows on the
        GUI thread froze the window for seconds)."""
        if len(ids) > TOGGLE_FROM_LIST:
            db_path = self.db_path
            run_in_background(
                lambda: list_queries.flag_counts(db_path, ids, flag),
                lambda counts: None if self._closed else self._set_flag(
                    ids, flag, counts[1] < counts[0], undoable=True),
                self._show_failure,
                owner=self,
            )
            return
        model = self.message_model
        rows = [model.message(r) for r in map(model.row_of, ids) if r is not None]
        states = [bool(getattr(r, flag)) for r in rows if r is not None]
        if states:
            self._set_flag(ids, flag, not all(states), undoable=True)

    def next_unread(self) -> None:
        """Select the next unread message below the current one; past the last, open the next
        folder in the tree with unread mail and select its first unread (Thunderbird's "N"),
        or wrap to the top of this one; "No more unread messages." in the status bar when there
        is none. The look-up (``ui.mainwindow.list_queries.next_unread``) runs in the background."""
        self._find_unread(self.message_view.currentIndex().row(), cross_folders=True)

    def _find_unread(self, current: int, *, cross_folders: bool) -> None:
        source = self.list_source
        if source is None:
            return
        ids = self.message_model.ids()
        folder_id = source[1] if source[0] == "folder" else None
        order = self.folder_model.folder_ids_in_tree_order() if cross_folders else []
        db_path = self.db_path
        run_in_background(
            lambda: list_queries.next_unread(db_path, ids, current, folder_id, order),
            lambda found: self._unread_found(source, ids, found),
            self._show_failure,
            owner=self,
        )

    def _unread_found(self, source: tuple[str, object], ids: list[int],
                      found: list_queries.NextUnread) -> None:
        if self._closed or source != self.list_source:
            return  # the rep opened another list meanwhile
        if found.row is not None:
            row = self.message_model.row_of(ids[found.row])  # the list may have been refreshed
            if row is not None:
                self.message_view.selectRow(row)
                self.message_view.scrollTo(self.message_model.index(row, 0))
        elif found.folder_id is not None:
            self.select_folder(found.folder_id)  # starts loading it (a new generation)
            if self._unread_wait is None:
                self.message_model.modelReset.connect(self._list_reset_for_unread)
            self._unread_wait = (("folder", found.folder_id), self._generation)
        else:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "No more unread messages."), 5000
            )

    def _list_reset_for_unread(self) -> None:
        # the reset comes before the window records what the list shows: look right after
        QTimer.singleShot(0, self._select_unread_in_opened_folder)

    def _select_unread_in_opened_folder(self) -> None:
        """After "next unread" opened another folder: once that load is shown, select its first
        unread row; stop waiting if another folder or search superseded the load."""
        if self._unread_wait is None:
            return
        target, generation = self._unread_wait
        if generation == self._generation and self.list_source != target:
            return  # another reset (a refresh of the old list): keep waiting
        self._unread_wait = None
        self.message_model.modelReset.disconnect(self._list_reset_for_unread)
        if generation == self._generation and not self._closed:
            self._find_unread(-1, cross_folders=False)
