"""New message, reply, reply all, forward and saved drafts from the main window.

``ComposeCommands(window)`` (``window.compose``, a child of ``ui.mainwindow.window.MainWindow``)
opens composers and keeps them in ``composers`` while they are open. The composer is
``ui.composer.window.ComposerWindow(db_path, mode, message_row, draft_id=None)`` (the
composer's own package; it fills itself in the background), made by ``composer_factory``,
which by default also reports in the window's status bar what became of a sent message (sent,
or waiting in the outbox and why) and tells the sync controls to bring Sent and Drafts up to
date. A message of a Drafts folder opens as a draft on double-click / Enter
(``message_activated``) or Message → Edit draft (``edit_draft_action``); File → Local drafts…
(``local_drafts_action``) lists drafts saved only on this computer too. GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, SignalInstance
from PySide6.QtGui import QAction

from ui.qt.tasks import run_in_background

if TYPE_CHECKING:  # the composer's jobs load on first use (issue 17: start-up)
    from client.outgoing.message import QueuedMessage
    from client.smtp.sender import FlushReport
    from ui.composer.drafts_dialog import LocalDraftsDialog
    from ui.composer.window import ComposerWindow
    from ui.mainwindow.window import MainWindow


class Composer(Protocol):
    """What the window needs of a composer window (``ComposerWindow``, or a test's fake)."""

    @property
    def queued(self) -> SignalInstance: ...

    @property
    def destroyed(self) -> SignalInstance: ...

    def show(self) -> None: ...

    def raise_(self) -> None: ...

    def activateWindow(self) -> None: ...  # noqa: N802 (Qt name)


class ComposerFactory(Protocol):
    """Makes a composer: ``(db_path, mode, message_row)`` or ``(db_path, "draft", None,
    draft_id)``."""

    def __call__(self, db_path: Path, mode: str, message_row: int | None,
                 draft_id: int | None = None) -> Composer: ...


class ComposeCommands(QObject):
    """Opens composers for ``window`` (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.composers: list[Composer] = []
        #: builds a composer window; tests put a fake here
        self.composer_factory: ComposerFactory = self._reporting_composer
        self.edit_draft_action = QAction(QCoreApplication.translate("MainWindowHooks", "Edit draft"), window)
        self.edit_draft_action.setStatusTip(
            QCoreApplication.translate("MainWindowHooks", "Continue writing the selected draft in the composer"))
        self.edit_draft_action.triggered.connect(self.edit_selected_draft)
        self.local_drafts_action = QAction(QCoreApplication.translate("MainWindowHooks", "Local drafts…"), window)
        self.local_drafts_action.setStatusTip(
            QCoreApplication.translate("MainWindowHooks", "Drafts saved on this computer, also those not yet on the server"))
        self.local_drafts_action.triggered.connect(self.show_local_drafts)
        # Message → Edit draft (before Reply) and File → Local drafts… (after New message)
        for action in (self.edit_draft_action, self.local_drafts_action):
            window.addAction(action)
        window.message_menu.insertAction(window.reply_action, self.edit_draft_action)
        actions = window.file_menu.actions()
        following = actions[actions.index(window.new_action) + 1:]
        if following:
            window.file_menu.insertAction(following[0], self.local_drafts_action)
        else:
            window.file_menu.addAction(self.local_drafts_action)

    def open_composer(self, mode: str = "new") -> Composer | None:
        """Open a composer: 'new', or 'reply' / 'reply_all' / 'forward' for the shown message.
        Returns the window (None if no message is shown for a reply or forward)."""
        message_row = self.window.reader.shown_id
        if mode != "new" and message_row is None:
            self.window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Select a message first."), 5000)
            return None
        return self._open(mode, message_row if mode != "new" else None, None)

    def open_draft(self, draft_id: int) -> Composer:
        """Open a composer on the saved draft ``draft_id`` (saving updates that draft); a
        composer already open on it is brought to the front instead."""
        for open_one in self.composers:
            if getattr(open_one, "draft_id", None) == draft_id and not getattr(
                    open_one, "sent", False):
                open_one.raise_()
                open_one.activateWindow()
                return open_one
        return self._open("draft", None, draft_id)

    def _open(self, mode: str, message_row: int | None, draft_id: int | None) -> Composer:
        db_path = self.window.db_path
        if draft_id is None:
            composer = self.composer_factory(db_path, mode, message_row)
        else:
            composer = self.composer_factory(db_path, mode, message_row, draft_id)
        composer.queued.connect(self._queued)
        composer.destroyed.connect(lambda _o=None, c=composer: self._forget_composer(c))
        self.composers.append(composer)
        composer.show()
        return composer

    def _reporting_composer(self, db_path: Path, mode: str, message_row: int | None,
                            draft_id: int | None = None) -> Composer:
        """A ``ComposerWindow`` whose outbox flush is reported in the window's status bar; the
        list is reloaded after a saved draft was sent (its copy in Drafts is gone)."""
        from ui.composer.window import ComposerWindow

        window = self.window
        composer = ComposerWindow(db_path, mode, message_row, draft_id)
        notices: list[str] = []  # what the signature enforcement restored, said with the outcome
        composer.queued.connect(lambda queued: notices.extend(queued.notices))
        composer.flushed.connect(lambda report: self.report_flush(report, tuple(notices)))
        composer.flushed.connect(lambda report: self._after_send(composer, report))
        composer.closedWithDraft.connect(
            lambda account_id: window.sync.draft_kept(account_id) if window.sync else None)
        if mode == "draft":
            composer.flushed.connect(lambda _report: self._reload_list())
        return composer

    def _reload_list(self) -> None:
        if not self.window.closed and not self.window.search_text:
            self.window.load_folder()

    def _after_send(self, composer: ComposerWindow, report: FlushReport | None) -> None:
        """Mail went out: Sent (and Drafts, when it was a saved draft) change on the server."""
        sender = composer.current_sender()
        sync = self.window.sync
        if report is not None and report.sent and sender is not None and sync is not None:
            sync.mail_sent(sender.account_id)

    def report_flush(self, report: FlushReport | None, notices: tuple[str, ...] = ()) -> None:
        """Tell the rep, in the status bar, what became of the message after Send, and why the
        company signature was restored when it was (``notices``, already in the rep's language:
        ``client.signatures.enforce`` translates them through ``client.i18n``; shown longer)."""
        if report is None:
            text = QCoreApplication.translate("MainWindowHooks", "The message waits in the outbox until the account can send.")
        elif report.failed or report.stopped or report.retrying:
            reasons = [*report.failed.values()] + ([report.stopped] if report.stopped else [])
            text = QCoreApplication.translate("MainWindowHooks", "Not sent yet; it stays in the outbox: {0}").format(
                "; ".join(reasons) or QCoreApplication.translate("MainWindowHooks", "the server asked to try again later"))
        else:
            text = QCoreApplication.translate("MainWindowHooks", "Message sent.")
        if notices:
            text = " ".join((text, *notices))
        self.window.statusBar().showMessage(text, 60000 if notices else 15000)

    def edit_selected_draft(self) -> None:
        """Message → Edit draft: open the one selected message of a Drafts folder as a draft
        (a copy saved by another client becomes a local draft first, off the GUI thread)."""
        ids = self.window.selected_ids()
        if len(ids) != 1:
            self.window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Select one draft first."), 5000)
            return
        self.open_cached_draft(ids[0])

    def open_cached_draft(self, message_row: int) -> None:
        """Open the cached Drafts-folder message ``message_row`` in a composer (background)."""
        db_path = self.window.db_path
        from ui.composer import jobs as compose_jobs

        run_in_background(lambda: compose_jobs.open_cached_draft(db_path, message_row),
                          self.open_draft, self.window.show_failure, owner=self)

    def message_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter on a list row: a message of a Drafts folder opens as a draft."""
        message_row = self.window.message_model.message_id_at(index.row())
        if message_row is not None and self.is_draft_message(message_row):
            self.open_cached_draft(message_row)

    def is_draft_message(self, message_row: int) -> bool:
        """True for a message of a Drafts folder (a quick indexed look-up, GUI thread)."""
        store = self.window.store
        row = store.get_message(message_row)
        folder = store.folder(row.folder_id) if row is not None else None
        return folder is not None and folder.role == "drafts"

    def show_local_drafts(self) -> LocalDraftsDialog:
        """File → Local drafts…: the drafts saved on this computer; the chosen one opens."""
        from ui.composer.drafts_dialog import LocalDraftsDialog

        dialog = LocalDraftsDialog(self.window.db_path, self.window.babel_locale, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openRequested.connect(self.open_draft)
        dialog.show()
        return dialog

    def _forget_composer(self, composer: Composer) -> None:
        if composer in self.composers:
            self.composers.remove(composer)

    def _queued(self, queued: QueuedMessage) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Queued in the outbox for {0}.").format(", ".join(queued.recipients)), 10000)
