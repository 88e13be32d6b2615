"""The main window's sync controls: Send/Receive (F5, toolbar, File menu), the per-account
state in the status bar, and a button to fix what the rep can fix (re-enter a refused password,
open the account settings for an untrusted certificate).

``SyncControls(window, driver)`` is made by ``ui.mainwindow.window.MainWindow`` when it is
given a ``SyncDriver`` (``window.sync``; a child of the window, so it goes with it when the
window is rebuilt for another language). It owns the window's connection label (the window
then leaves the core's account status to it). GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.numbers import format_decimal
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolButton

from ui.qt.plain_text import tooltip
from ui.sync.driver import SyncDriver
from ui.sync.password_dialog import PasswordDialog
from ui.sync.replay_notes import show_replay_notes
from ui.sync.sign_in_dialog import SignInDialog
from ui.sync.status import AccountState, summary

if TYPE_CHECKING:
    from client.events import FolderChanged
    from client.jobs.after_sync import AfterSyncReport
    from client.sync.engine import SyncReport
    from ui.mainwindow.window import MainWindow


class SyncControls(QObject):
    """Wires ``driver`` into ``window`` (a ``ui.mainwindow.window.MainWindow``)."""

    def __init__(self, window: MainWindow, driver: SyncDriver) -> None:
        super().__init__(window)
        self.window, self.driver = window, driver
        self.password_dialog: PasswordDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.notes_box: QMessageBox | None = None  # the last replay notes told (replay_notes)
        self.sync_action = QAction(self.tr("Send/Receive"), window)
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.setToolTip(self.tr("Send queued mail and check every account now (F5)"))
        self.sync_action.triggered.connect(driver.send_receive)  # the rep asks: no backoff
        self.sync_action.setEnabled(driver.running)
        window.addAction(self.sync_action)
        toolbar = window.toolbar
        first = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertAction(first, self.sync_action)  # type: ignore[arg-type] # None: append
        if first is not None:
            toolbar.insertSeparator(first)
        file_menu = window.file_menu
        file_menu.insertAction(file_menu.actions()[0] if file_menu.actions() else None,  # type: ignore[arg-type]
                               self.sync_action)
        self.fix_button = QToolButton(window)
        self.fix_button.hide()
        self.fix_button.clicked.connect(self.fix_first_problem)
        window.statusBar().addPermanentWidget(self.fix_button)
        driver.statesChanged.connect(self.show_states)
        driver.accountSynced.connect(self.account_synced)
        driver.accountSynced.connect(window.quotes.reminders.check)  # ui.quotes (issue 12)
        window.events.folderChanged.connect(self.folder_changed)
        driver.outboxFlushed.connect(self.outbox_flushed)
        self.show_states()
        # babel loads a locale's number data on first use (~100 ms): do it now, not in the
        # middle of the first sync's progress updates.
        format_decimal(0, locale=window.babel_locale)

    def account_added(self) -> None:
        """An account was added (wizard): sync it now, not at the next tick."""
        self.driver.sync_now()

    def mail_sent(self, account_id: int) -> None:
        """The composer sent mail: bring that account's Sent and Drafts up to date now."""
        self.driver.sync_folders(account_id, ("sent", "drafts"))

    def draft_kept(self, account_id: int) -> None:
        """A composer closed with its draft saved locally: save it to the server's Drafts now
        (the sync's after-step pushes drafts, then Drafts is synced again)."""
        self.driver.sync_folders(account_id, ("drafts",))

    def settings_saved(self) -> None:
        """Settings were saved: a changed interval applies at once."""
        self.driver.apply_settings()

    def folder_changed(self, event: FolderChanged) -> None:
        """Mail stored in a folder the tree does not show yet (a first sync lists folders
        before their mail): rebuild the tree now, so the rep sees mail while it arrives."""
        if self.window.closed:
            return
        if not self.window.folder_model.index_of_folder(event.folder_id).isValid():
            self._reload_tree(event.account_id)

    def outbox_flushed(self, _account_id: int, report: AfterSyncReport) -> None:
        """Tell the rep what the outbox did after a sync (nothing is said when it was empty);
        an invitation card on show is read again when the sync applied invitations."""
        if self.window.closed:
            return
        calendar = report.calendar
        shown = self.window.reader.shown_id
        if calendar.applied and shown is not None \
                and self.window.reader.invitation_card.card is not None:
            self.window.show_message(shown)  # its card shows the calendar as it is now
        flush = report.flush
        if flush.sent:
            self.window.statusBar().showMessage(
                self.tr("%n queued message(s) sent.", "", len(flush.sent)), 15000)
        elif report.problems and (flush.failed or flush.uncertain or flush.stopped):
            self.window.statusBar().showMessage(
                self.tr("The outbox could not send yet: {0}").format(
                    "; ".join(report.problems) or flush.stopped), 15000)

    def account_synced(self, account_id: int, report: SyncReport) -> None:
        """New, renamed or removed folders appear in the tree (a folder created offline loses
        its "pending" once the server has it); the first Inbox is opened when nothing is selected
        yet (a fresh profile's first sync); why queued changes were dropped is told in a box
        (``ui.sync.replay_notes``)."""
        if self.window.closed:
            return
        if report.created_folders or report.renamed_folders or report.removed_folders:
            self._reload_tree(account_id)
        if report.replay_notes:  # queued changes the server refused: said, and undone locally
            self.notes_box = show_replay_notes(self.window, report.replay_notes)

    def _reload_tree(self, account_id: int) -> None:
        current = self.window.current_folder
        self.window.reload_folders()
        if current is not None:
            self.window.select_folder(current)
        else:
            inbox = self.window.store.folder_by_role(account_id, "inbox")
            if inbox is not None:
                self.window.select_folder(inbox.id)

    def problem(self) -> tuple[int, AccountState] | None:
        """The first account whose state the rep can fix."""
        for account_id, state in sorted(self.driver.states.items()):
            if state.fix:
                return account_id, state
        return None

    def show_states(self) -> None:
        """Refresh the connection label and the fix button from the driver's states."""
        label = self.window.connection_label
        if self.driver.read_only_reason:
            label.setText(self.driver.read_only_reason)
            label.setToolTip(tooltip(self.driver.read_only_reason))
            self.sync_action.setEnabled(False)
            return
        self.sync_action.setEnabled(self.driver.running)
        states = [self.driver.states[k] for k in sorted(self.driver.states)]
        if states:
            label.setText(summary(states))
            label.setToolTip(tooltip("\n".join(f"{s.email}: {s.message or s.text}"
                                                for s in states)))
        found = self.problem()
        if found is None:
            self.fix_button.hide()
            return
        _account_id, state = found
        if state.fix == "password":
            self.fix_button.setText(self.tr("Enter password…"))
        elif state.fix == "login":
            self.fix_button.setText(self.tr("Sign in again…"))
        else:
            self.fix_button.setText(self.tr("Account settings…"))
        self.fix_button.setToolTip(tooltip(f"{state.email}: {state.message}"))
        self.fix_button.show()

    def fix_first_problem(self) -> None:
        """Open the password dialog or the account wizard for the first account in trouble."""
        found = self.problem()
        if found is None:
            return
        account_id, state = found
        if state.fix == "password":
            self.ask_password(account_id, state.email)
        elif state.fix == "login":
            self.sign_in_again(account_id, state.email)
        else:
            self.window.accounts.open_wizard()

    def sign_in_again(self, account_id: int, email: str) -> SignInDialog:
        """Show the waiting dialog (non-modal, with Cancel) and run the browser sign-in on the
        thread pool; success closes it and syncs the account again."""
        dialog = SignInDialog(email, self.window)
        self.sign_in_dialog = dialog

        def done(exc: BaseException | None) -> None:
            if exc is None:
                dialog.accept()
            elif not dialog.cancel.is_set():
                dialog.failed(str(exc))

        self.driver.sign_in_again(account_id, dialog.cancel, done)
        dialog.show()
        return dialog

    def ask_password(self, account_id: int, email: str) -> PasswordDialog:
        """Show the password dialog (non-modal); OK stores it and syncs the account again."""
        dialog = PasswordDialog(email, self.window)
        self.password_dialog = dialog

        def accepted() -> None:
            self.driver.set_password(account_id, dialog.password())
            dialog.field.clear()

        dialog.accepted.connect(accepted)
        dialog.show()
        return dialog

