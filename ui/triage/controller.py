"""Filing, deleting and undo in the main window (issue 11), as one controller.

``connect_triage(window)`` (end of ``MainWindow.__init__``) makes a ``TriageController`` that
adds Message → Move to… (Ctrl+Shift+M), Copy to… (Ctrl+Shift+C), Archive (A), Delete for
good… (Shift+Del) and Edit → Undo (Ctrl+Z), puts Archive, Move to… and Undo on the toolbar and
in the list's context menu (``context_actions``), takes over Delete (Del: to Trash; in Trash
or without one, for good after a confirmation), lets list rows be dragged onto folders (a
move; Ctrl-drag copies), shows the undo notice (``ui.triage.undo_bar``) after each action and
selects the next message after a move or delete (``ui.triage.next_selection``).

Every cache write (the archive folder's queued creation too) runs through ``ui.qt.tasks`` on the thread
pool (``ui.triage.jobs``); the GUI thread only reads quick indexed look-ups (folders, roles,
settings) through the window's Store. Confirmations are window-modal boxes opened with
``open()`` (``self.box`` while one is up), so no nested event loop runs. GUI thread only;
``connect_triage`` is idempotent per window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from client.ops.archive import ARCHIVE_NAME
from client.ops.undo import Action, UndoResult
from client.store.records import Account, Folder
from ui.qt.plain_text import clean, message_box
from ui.qt.tasks import run_in_background
from ui.triage import jobs
from ui.triage.folder_picker import FolderPicker, shown_path
from ui.triage.next_selection import next_after
from ui.triage.undo_bar import UndoBar

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


def connect_triage(window: MainWindow) -> Any:
    """See the module docstring; returns the controller (``window.triage``)."""
    if getattr(window, "triage", None) is None:
        window.triage = TriageController(window)
    return window.triage


class TriageController(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None
        self.picker: FolderPicker | None = None
        self._select_after_load: list[int] = []
        self.undo_bar = UndoBar(window.message_view)
        self.undo_bar.undoRequested.connect(self.undo)
        self._make_actions()
        self._wire_drag_and_drop()
        window.message_model.modelReset.connect(
            lambda: QTimer.singleShot(0, self._select_restored))

    # -- construction ---------------------------------------------------------------------------
    def _action(self, text: str, shortcuts: list[str], slot: Callable[[], object],
                tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _make_actions(self) -> None:
        w = self.window
        self.move_action = self._action(
            self.tr("Move to…"), ["Ctrl+Shift+M"], lambda: self.pick_folder(copy=False),
            self.tr("Move the selected messages to another folder"))
        self.copy_action = self._action(
            self.tr("Copy to…"), ["Ctrl+Shift+C"], lambda: self.pick_folder(copy=True),
            self.tr("Copy the selected messages into another folder"))
        self.archive_action = self._action(
            self.tr("Archive"), ["A"], self.archive,
            self.tr("Move the selected messages to the account's archive folder"))
        self.delete_for_good_action = self._action(
            self.tr("Delete for good…"), ["Shift+Del"], lambda: self.delete(for_good=True),
            self.tr("Delete the selected messages without moving them to Trash"))
        self.undo_action = self._action(
            self.tr("Undo"), ["Ctrl+Z"], self.undo,
            self.tr("Undo the last move, delete or flag change"))
        w.delete_action.triggered.disconnect()
        w.delete_action.triggered.connect(lambda _checked=False: self.delete())
        w.delete_action.setToolTip(self.tr("Move the selected messages to Trash"))
        message_menu = w.message_menu
        for action in (self.archive_action, self.move_action, self.copy_action):
            message_menu.insertAction(w.delete_action, action)
        following = _after(message_menu, w.delete_action)
        if following is not None:
            message_menu.insertAction(following, self.delete_for_good_action)
        else:
            message_menu.addAction(self.delete_for_good_action)
        edit_menu = w.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        menus = [a for a in w.menuBar().actions() if a.menu() is not None]
        if len(menus) > 1:  # File, Edit, Message, …
            w.menuBar().insertAction(menus[1], edit_menu.menuAction())
        toolbar = w.toolbar
        toolbar.insertAction(w.delete_action, self.archive_action)
        toolbar.insertAction(w.delete_action, self.move_action)
        following = _after(toolbar, w.delete_action)
        if following is not None:
            toolbar.insertAction(following, self.undo_action)

    def context_actions(self) -> list[QAction]:
        """What the message list's context menu offers for filing."""
        return [self.archive_action, self.move_action, self.copy_action,
                self.delete_for_good_action, self.undo_action]

    def _wire_drag_and_drop(self) -> None:
        w = self.window
        view = w.message_view
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        tree = w.folder_view
        tree.setAcceptDrops(True)
        tree.setDropIndicatorShown(True)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        tree.setDragDropOverwriteMode(True)  # onto a folder, never between two
        w.folder_model.messagesDropped.connect(self.dropped)

    # -- the commands ---------------------------------------------------------------------------
    def _ids(self) -> list[int]:
        ids: list[int] = self.window.selected_ids()
        if not ids:
            self._status(self.tr("Select a message first."))
        return ids

    def _account_of(self, ids: list[int]) -> Account | None:
        store = self.window.store
        accounts = {r.account_id for r in store.rows_by_ids(ids[:1])}
        account_id = next(iter(accounts), self.window.current_account)
        return store.account(account_id) if account_id is not None else None

    def dropped(self, ids: list[int], folder_id: int, copy: bool) -> None:
        """List rows dropped on a folder: move them there (copy with Ctrl)."""
        store = self.window.store
        folder = store.folder(folder_id)
        rows = store.rows_by_ids(ids)
        if folder is None or not rows:
            return
        ids = [r.id for r in rows if r.account_id == folder.account_id]
        if not ids:
            self._status(self.tr("Messages can only be filed in a folder of their own account."))
            return
        self.file(ids, folder, copy=copy)

    def pick_folder(self, *, copy: bool) -> FolderPicker | None:
        """Move to… / Copy to…: the folder picker for the selection's account."""
        ids = self._ids()
        account = self._account_of(ids) if ids else None
        if account is None:
            return None
        store = self.window.store
        order = {f: i for i, f in enumerate(self.window.folder_model.folder_ids_in_tree_order())}
        folders = sorted((f for f in store.folders(account.id) if _can_take_mail(f)),
                         key=lambda f: order.get(f.id, len(order)))  # as the tree shows them
        if not copy:
            folders = [f for f in folders if f.id != self.window.current_folder]
        title = self.tr("Copy to folder") if copy else self.tr("Move to folder")
        picker = FolderPicker(folders, jobs.recent_folders(store, account.id), title,
                              self.window)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.accepted.connect(lambda: self._picked(picker, ids, copy))
        picker.destroyed.connect(lambda _o=None: setattr(self, "picker", None))
        self.picker = picker
        picker.open()
        return picker

    def _picked(self, picker: FolderPicker, ids: list[int], copy: bool) -> None:
        chosen = picker.chosen()
        folder = self.window.store.folder(chosen) if chosen is not None else None
        if folder is not None:
            self.file(ids, folder, copy=copy)

    def file(self, ids: list[int], folder: Folder, *, copy: bool) -> None:
        """Move (or copy) ``ids`` into ``folder`` in the background, with the undo notice."""
        name = shown_path(folder)
        if copy:
            text = self.tr("Copied {0} message(s) to “{1}”.")
        else:
            if folder.id == self.window.current_folder:
                return
            text = self.tr("Moved {0} message(s) to “{1}”.")
            self._take_out(ids)
        db_path = self.window.db_path
        self._run(lambda: jobs.move(db_path, ids, folder.id, copy=copy),
                  lambda done: text.format(len(done.changed), name))

    def archive(self) -> None:
        """A: move the selection to the account's archive folder; when it has none, ask to
        create one on the server first."""
        ids = self._ids()
        account = self._account_of(ids) if ids else None
        if account is None:
            return
        store = self.window.store
        folder = store.folder_by_role(account.id, "archive")
        if folder is not None and not folder.is_local:
            if folder.id == self.window.current_folder:
                self._status(self.tr("These messages are in the archive already."))
                return
            self._take_out(ids)
            db_path = self.window.db_path
            self._run(lambda: jobs.archive(db_path, ids, folder.id),
                      lambda done: self.tr("Archived {0} message(s).").format(len(done.changed)))
            return
        self._confirm(
            self.tr("Create an archive folder?"),
            self.tr("The account {0} has no archive folder. Create “{1}” on the server and "
                    "archive the selected messages there?").format(clean(account.email, 200),
                                                                   ARCHIVE_NAME),
            self.tr("Create and archive"),
            lambda: self._create_archive(account, ids))

    def _create_archive(self, account: Account, ids: list[int]) -> None:
        """The folder appears at once (pending) and the messages move into it; its CREATE is
        queued before their moves, so this works offline (``client.ops.folder_create``)."""
        db_path = self.window.db_path
        self._take_out(ids)

        def done(result: tuple[Folder, Action]) -> None:
            if self.window.closed:
                return
            self.window.reload_folders()
            self._finished(result[1], self.tr(
                "Archived {1} message(s) in “{0}”; the folder is created on the server at the "
                "next sync.").format(clean(result[0].name, 200), len(result[1].changed)))

        run_in_background(lambda: jobs.create_archive_and_archive(db_path, account.id, ids),
                          done, self._failed, owner=self.window)

    def delete(self, *, for_good: bool = False) -> None:
        """Del: to Trash; in Trash or without a Trash, and with Shift (``for_good``), for good
        after a confirmation."""
        ids = self._ids()
        if not ids:
            return
        if not for_good and not self._deletes_for_good(ids):
            self._take_out(ids)
            db_path = self.window.db_path
            self._run(lambda: jobs.delete(db_path, ids, for_good=False), self._deleted_text)
            return
        self._confirm(
            self.tr("Delete for good?"),
            self.tr("Delete {0} message(s) for good? They do not go to Trash; once the server "
                    "has removed them they cannot be brought back.").format(len(ids)),
            self.tr("Delete for good"),
            lambda: self._delete_for_good(ids))

    def _delete_for_good(self, ids: list[int]) -> None:
        self._take_out(ids)
        db_path = self.window.db_path
        self._run(lambda: jobs.delete(db_path, ids, for_good=True), self._deleted_text)

    def _deleted_text(self, done: Action) -> str:
        if done.for_good and not done.to_trash:
            return self.tr("Deleted {0} message(s) for good.").format(done.for_good)
        return self.tr("Moved {0} message(s) to Trash.").format(len(done.changed))

    def _deletes_for_good(self, ids: list[int]) -> bool:
        """True when Delete would not go to Trash: a selected message is in Trash, or its
        account has no Trash (the core's rule, ``client.ops.queue.delete``)."""
        store = self.window.store
        for row in store.rows_by_ids(ids):
            trash = store.folder_by_role(row.account_id, "trash")
            if trash is None or trash.id == row.folder_id:
                return True
        return False

    def flags_changed(self, ids: list[int], flag: str, value: bool, count: int) -> None:
        """A read/flag toggle landed in the cache (``ui.mainwindow.flag_commands``): offer its undo."""
        if not count:
            return
        texts = {("seen", True): self.tr("Marked {0} message(s) read."),
                 ("seen", False): self.tr("Marked {0} message(s) unread."),
                 ("flagged", True): self.tr("Flagged {0} message(s)."),
                 ("flagged", False): self.tr("Unflagged {0} message(s).")}
        self.undo_bar.show_notice(texts[(flag, value)].format(count))

    def undo(self) -> None:
        """Ctrl+Z / the notice's Undo: undo the newest action of the history (kept in the
        cache, so also one made before a restart or by the CLI)."""
        self.undo_bar.hide()
        db_path = self.window.db_path
        run_in_background(lambda: jobs.undo_last(db_path), self._undone,
                          self._failed, owner=self.window)

    def _undone(self, result: UndoResult | None) -> None:
        if self.window.closed:
            return
        if result is None:
            self._status(self.tr("Nothing to undo."))
            return
        texts = {"move": self.tr("Undone: the move of {0} message(s)."),
                 "archive": self.tr("Undone: the archiving of {0} message(s)."),
                 "delete": self.tr("Undone: the deletion of {0} message(s)."),
                 "purge": self.tr("Undone: the deletion for good of {0} message(s)."),
                 "copy": self.tr("Undone: the copy of {0} message(s)."),
                 "flags": self.tr("Undone: the flag change of {0} message(s).")}
        text = texts.get(result.entry.kind, texts["move"]).format(len(result.entry.items))
        self._status(" ".join([text, *result.notes]), 15000)
        self._select_after_load = [] if result.entry.kind == "copy" else list(result.restored)
        self._refresh()

    # -- helpers --------------------------------------------------------------------------------
    def _take_out(self, ids: list[int]) -> None:
        """Remove ``ids`` from the list at once and select the next message (the one below;
        the one above at the end of the list)."""
        w = self.window
        model = w.message_model
        shown = model.ids()
        following = next_after(shown, ids)
        gone = set(ids)
        model.set_ids([i for i in shown if i not in gone])
        row = model.row_of(following) if following is not None else None
        if row is None:
            w.reader.clear()
            return
        w.message_view.selectRow(row)
        w.message_view.scrollTo(model.index(row, 0))

    def _run(self, job: Callable[[], Action], text: Callable[[Action], str]) -> None:
        run_in_background(job, lambda done: self._finished(done, text(done)), self._failed,
                          owner=self.window)

    def _finished(self, done: Action, text: str) -> None:
        if self.window.closed:
            return
        self._refresh()
        if done.entry_id is not None:
            self.undo_bar.show_notice(text)

    def _failed(self, exc: BaseException) -> None:
        if self.window.closed:
            return
        self.window.show_failure(exc)
        self._refresh()  # show the stored truth again

    def _refresh(self) -> None:
        w = self.window
        w.refresh_unread_counts()
        if w.search_text:
            w.search_text = ""  # run the search again: the list changed
            w.run_search()
        else:
            w.load_folder()  # keeps the message shown when it is still in the list

    def _select_restored(self) -> None:
        if not self._select_after_load:
            return
        model = self.window.message_model
        rows = [r for r in map(model.row_of, self._select_after_load) if r is not None]
        self._select_after_load = []
        if rows:
            self.window.message_view.selectRow(rows[0])
            self.window.message_view.scrollTo(model.index(rows[0], 0))

    def _confirm(self, title: str, text: str, yes: str, then: Callable[[], None]) -> None:
        box = message_box(self.window, QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.Cancel)
        box.setObjectName("triageConfirm")
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_code: int) -> None:
            self.box = None
            if box.clickedButton() is ok:
                then()

        box.finished.connect(finished)
        self.box = box
        box.open()

    def _status(self, text: str, msecs: int = 5000) -> None:
        self.window.statusBar().showMessage(text, msecs)


def _can_take_mail(folder: Folder) -> bool:
    return not folder.is_local and "\\NOSELECT" not in {a.upper() for a in folder.attrs}


def _after(widget: Any, action: QAction) -> QAction | None:
    actions = widget.actions()
    index = actions.index(action) if action in actions else -1
    return actions[index + 1] if 0 <= index < len(actions) - 1 else None
