"""The Outbox entry in the main window's folder tree and what its view's buttons do.

`connect_outbox(window)` (end of `MainWindow.__init__`; idempotent) makes an
`OutboxController` (`window.outbox`): an "Outbox" entry after the accounts in the folder tree
(`OUTBOX_ROLE`; re-added by `tree_reloaded()` after each `reload_folders`) whose selection puts
the `OutboxView` where the message list and reader are, refreshed every second while shown
(`jobs.load` on the thread pool). Send now / Edit (the draft opens in a composer) / Cancel
(after a window-modal confirmation opened with `open()`, no nested event loop) run their
jobs on the thread pool and refresh. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QStandardItem
from PySide6.QtWidgets import QMessageBox, QSplitter

from ui.outbox import jobs
from ui.outbox.view import OutboxView
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

OUTBOX_ROLE = Qt.ItemDataRole.UserRole + 40
REFRESH_MS = 1000


def connect_outbox(window: MainWindow) -> OutboxController:
    """See the module; returns the controller (`window.outbox`)."""
    if getattr(window, "outbox", None) is None:
        window.outbox = OutboxController(window)
    return window.outbox


class OutboxController(QObject):
    """See the module."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db_path = window.db_path
        self.view = OutboxView(window)
        self.view.hide()
        splitter = window.centralWidget()
        assert isinstance(splitter, QSplitter)  # the window's panes (folder tree | list and reader)
        self.splitter = splitter
        self.splitter.addWidget(self.view)
        self.view.sendNowRequested.connect(self.send_now)
        self.view.editRequested.connect(self.edit)
        self.view.cancelRequested.connect(self.ask_cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.box: QMessageBox | None = None
        self.entry: QStandardItem | None = None
        self._loading = self._again = False
        window.folder_view.selectionModel().currentChanged.connect(self._tree_changed)
        self.tree_reloaded()

    # -- the tree entry ------------------------------------------------------------------------
    def tree_reloaded(self) -> None:
        """Add the Outbox entry (the folder tree was rebuilt)."""
        self.entry = QStandardItem(self.tr("Outbox"))
        self.entry.setData(True, OUTBOX_ROLE)
        self.entry.setEditable(False)
        self.entry.setDragEnabled(False)
        self.entry.setDropEnabled(False)
        bold = QFont()
        bold.setBold(True)
        self.entry.setFont(bold)
        self.window.folder_model.appendRow(self.entry)
        self.refresh()

    def entry_index(self) -> QModelIndex:
        return self.entry.index() if self.entry is not None else QModelIndex()

    def show_outbox(self) -> None:
        """Select the Outbox entry (which shows the view)."""
        self.window.folder_view.setCurrentIndex(self.entry_index())

    def _tree_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        showing = bool(current.data(OUTBOX_ROLE))
        if showing == self.view.isVisible():
            return
        sizes = self.splitter.sizes()
        mine = self.splitter.indexOf(self.view)
        for index in range(self.splitter.count()):
            widget = self.splitter.widget(index)
            if widget is not None and widget is not self.window.folder_view \
                    and widget is not self.view:
                widget.setVisible(not showing)
                # the view takes the list's and reader's width; the folder tree keeps its own
                sizes[mine], sizes[index] = ((sizes[index], 0) if showing
                                             else (0, sizes[mine]))
        self.view.setVisible(showing)
        self.splitter.setSizes(sizes)
        if showing:
            self.refresh()
            self.timer.start()
        else:
            self.timer.stop()

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the outbox in the background (one load at a time)."""
        if self._loading:
            self._again = True  # what it reads may be older than what was asked for
            return
        self._loading, self._again = True, False
        db_path = self.db_path
        run_in_background(lambda: jobs.load(db_path), self._loaded, self._load_failed,
                          owner=self)

    def _loaded(self, rows: list[jobs.OutboxRow]) -> None:
        self._loading = False
        if self._again:
            self.refresh()
        self.view.show_rows(rows)
        if self.entry is not None:
            self.entry.setText(self.tr("Outbox ({0})").format(len(rows)) if rows
                               else self.tr("Outbox"))

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = self._again = False
        self.view.status_label.setText(self.tr("The outbox could not be read: {0}").format(exc))

    # -- actions -------------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        self.view.status_label.setText(str(exc))
        self.refresh()

    def send_now(self, item_id: int) -> None:
        self.view.status_label.setText(self.tr("Sending…"))
        db_path = self.db_path
        run_in_background(lambda: jobs.send_now(db_path, item_id), self._sent, self._failed,
                          owner=self)

    def _sent(self, outcome: jobs.SendNowOutcome) -> None:
        if not outcome.flushed:
            text = self.tr("Not sent now: the server cannot be reached or the password is "
                           "missing; it will be sent with the next sync.")
        elif outcome.state in (None, "sent", "filed"):
            text = self.tr("The message was sent.")
        elif outcome.state == "uploading":
            text = self.tr("Not sent yet: its large files are still uploading or the upload "
                           "failed ({0}). It stays in the outbox.").format(
                outcome.reason or self.tr("waiting"))
        else:
            text = self.tr("Not sent: {0}. It stays in the outbox.").format(
                outcome.reason or self.tr("waiting for the server"))
        self.view.status_label.setText(text)
        self.refresh()

    def edit(self, item_id: int) -> None:
        db_path = self.db_path
        run_in_background(lambda: jobs.edit(db_path, item_id), self._edited, self._failed,
                          owner=self)

    def _edited(self, draft_id: int) -> None:
        self.view.status_label.setText(self.tr("Back in the drafts: change it, then send it."))
        self.refresh()
        self.window.compose.open_draft(draft_id)

    def ask_cancel(self, item_id: int) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Cancel sending"),
                          self.tr("Cancel this message? It is removed from the outbox and the "
                                  "files uploaded for it are deleted from the storage."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda answer: self._cancel_answered(item_id, answer))
        self.box = box
        box.open()

    def _cancel_answered(self, item_id: int, answer: int) -> None:
        self.box = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        db_path = self.db_path
        run_in_background(lambda: jobs.cancel(db_path, item_id), self._cancelled,
                          self._failed, owner=self)

    def _cancelled(self, report: Any) -> None:
        text = self.tr("Cancelled; the message was removed from the outbox.")
        if report.problems:
            text += " " + self.tr("The storage could not be cleaned up: {0}").format(
                "; ".join(report.problems))
        self.view.status_label.setText(text)
        self.refresh()
