"""The main window's message commands: read/unread, flag, delete, next unread.

``FlagCommands(window)`` is a child of ``ui.mainwindow.window.MainWindow`` (``window.messages``)
and works on its list (``message_model``, ``message_view``, ``folder_model``,
``list_source``), through the offline-operation queue. GUI thread only: the list changes at
once; cache writes and look-ups (next unread) run in the background. Late results after the
window closed are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ui.mainwindow import list_queries, message_actions
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

#: selections up to this size toggle from the list's rows, bigger ones from a store query
TOGGLE_FROM_LIST = 1000


class FlagCommands(QObject):
    """Mark read/unread, flag/unflag, delete, next unread for ``window``'s list."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: "next unread" opened this list (source, load generation) and waits to select in it
        self._unread_wait: tuple[tuple[str, object], int] | None = None

    def set_seen(self, ids: list[int], seen: bool, undoable: bool = False) -> None:
        """Mark messages read/unread: shown at once, queued for the server in the background
        (``undoable``: kept in the undo history, e.g. a conversation opened in its window)."""
        self._set_flag(ids, "seen", seen, undoable)

    def set_flagged(self, ids: list[int], flagged: bool) -> None:
        """Flag or unflag messages (shown at once, queued in the background)."""
        self._set_flag(ids, "flagged", flagged)

    def _set_flag(self, ids: list[int], flag: str, value: bool, undoable: bool = False) -> None:
        """``undoable``: the rep's own toggle, kept in the undo history (not reading)."""
        model = self.window.message_model
        model.show_flag(ids, flag, value)  # loads nothing, even for 100,000 ids
        db_path = self.window.db_path

        def written(count: int) -> None:
            model.forget_flag(ids, flag, value)
            if flag == "seen":
                self.window.refresh_unread_counts()
            triage = getattr(self.window, "triage", None)  # ui.triage.controller: the undo notice
            if undoable and triage is not None and not self.window.closed:
                triage.flags_changed(ids, flag, value, count)

        def failed(exc: BaseException) -> None:
            model.forget_flag(ids, flag, value)
            self._flag_failed(exc)

        run_in_background(
            lambda: message_actions.set_flag(db_path, ids, flag, value, undoable=undoable),
            written, failed,
            owner=self,
        )

    def _flag_failed(self, exc: BaseException) -> None:
        window = self.window
        if window.closed:
            return
        window.show_failure(exc)
        window.message_model.set_ids(window.message_model.ids())  # show the stored truth again
        window.refresh_unread_counts()

    def toggle_read(self) -> None:
        """Mark the selection read, or unread if all of it is read already."""
        self._toggle(self.window.selected_ids(), "seen")

    def toggle_flag(self) -> None:
        """Flag the selection, or unflag it if all of it is flagged."""
        self._toggle(self.window.selected_ids(), "flagged")

    def _toggle(self, ids: list[int], flag: str) -> None:
        """Up to ``TOGGLE_FROM_LIST`` ids decide from the list's rows (a few pages); a bigger
        selection decides from one query in the background (paging through 47,000 rows on the
        GUI thread froze the window for seconds)."""
        if len(ids) > TOGGLE_FROM_LIST:
            db_path = self.window.db_path
            run_in_background(
                lambda: list_queries.flag_counts(db_path, ids, flag),
                lambda counts: None if self.window.closed else self._set_flag(
                    ids, flag, counts[1] < counts[0], undoable=True),
                self.window.show_failure,
                owner=self,
            )
            return
        model = self.window.message_model
        rows = [model.message(r) for r in map(model.row_of, ids) if r is not None]
        states = [bool(getattr(r, flag)) for r in rows if r is not None]
        if states:
            self._set_flag(ids, flag, not all(states), undoable=True)

    def next_unread(self) -> None:
        """Select the next unread message below the current one; past the last, open the next
        folder in the tree with unread mail and select its first unread (Thunderbird's "N"),
        or wrap to the top of this one; "No more unread messages." in the status bar when there
        is none. The look-up (``ui.mainwindow.list_queries.next_unread``) runs in the background."""
        self._find_unread(self.window.message_view.currentIndex().row(), cross_folders=True)

    def _find_unread(self, current: int, *, cross_folders: bool) -> None:
        source = self.window.list_source
        if source is None:
            return
        ids = self.window.message_model.ids()
        folder_id = source[1] if source[0] == "folder" and isinstance(source[1], int) else None
        order = self.window.folder_model.folder_ids_in_tree_order() if cross_folders else []
        db_path = self.window.db_path
        run_in_background(
            lambda: list_queries.next_unread(db_path, ids, current, folder_id, order),
            lambda found: self._unread_found(source, ids, found),
            self.window.show_failure,
            owner=self,
        )

    def _unread_found(self, source: tuple[str, object], ids: list[int],
                      found: list_queries.NextUnread) -> None:
        window = self.window
        if window.closed or source != window.list_source:
            return  # the rep opened another list meanwhile
        if found.row is not None:
            row = window.message_model.row_of(ids[found.row])  # the list may have been refreshed
            if row is not None:
                window.message_view.selectRow(row)
                window.message_view.scrollTo(window.message_model.index(row, 0))
        elif found.folder_id is not None:
            window.select_folder(found.folder_id)  # starts loading it (a new generation)
            if self._unread_wait is None:
                window.message_model.modelReset.connect(self._list_reset_for_unread)
            self._unread_wait = (("folder", found.folder_id), window.generation)
        else:
            window.statusBar().showMessage(
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
        window = self.window
        target, generation = self._unread_wait
        if generation == window.generation and window.list_source != target:
            return  # another reset (a refresh of the old list): keep waiting
        self._unread_wait = None
        window.message_model.modelReset.disconnect(self._list_reset_for_unread)
        if generation == window.generation and not window.closed:
            self._find_unread(-1, cross_folders=False)

    def delete_selected(self) -> None:
        """Delete the selected messages (offline: hidden at once, replayed later)."""
        window = self.window
        ids = window.selected_ids()
        if not ids:
            return
        db_path = window.db_path

        def done(_count: int) -> None:
            window.reader.clear()
            window.load_folder()
            window.refresh_unread_counts()

        run_in_background(lambda: message_actions.delete(db_path, ids), done,
                          window.show_failure, owner=self)
