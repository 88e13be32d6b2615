"""The main window: folder tree, message list, reader pane, search field, toolbar, status bar.

GUI thread only. The window reads through its own ``Store`` (opened on the GUI thread) only for
quick indexed look-ups: a page of list rows, unread counts, folders. Anything that can take
long (building a folder's id array, search, parsing a message, writing flags) runs through
``ui.qt.tasks.run_in_background`` with its own Store on a worker thread.

``MainWindow.__init__`` is the one place the window is put together: its panes, menus
(``file_menu``, ``message_menu``, ``view_menu``, ``go_menu``) and toolbar, then the named
controllers that own its commands, each a class holding the window:

- ``messages`` (``ui.mainwindow.flag_commands.FlagCommands``): read/unread, flag, delete,
  next unread;
- ``compose`` (``ui.mainwindow.compose_commands.ComposeCommands``): new, reply, forward,
  drafts, what became of a sent message;
- ``core_events`` (``ui.mainwindow.core_events.CoreEvents``): the core's change events;
- ``accounts`` (``ui.mainwindow.account_commands.AccountCommands``): Add account…, Settings…;
- ``quotes`` (``ui.quotes.window_controls.QuoteControls``): Quote…, the Quotes view, reminders;
- ``help_menu`` (``ui.mainwindow.about.HelpMenu``): Help → About, Default mail app…;
- ``sync`` (``ui.sync.window_controls.SyncControls``, None without a ``SyncDriver``, e.g. the
  demo): Send/Receive, the accounts' state, the fix button; and more below in ``__init__``.
Nothing changes the window after construction; ``list_menu()`` is the message list's context
menu. See docs/internals.md, "The desktop app (ui/)", for where a new command goes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.numbers import format_decimal
from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QSystemTrayIcon,
    QTableView,
    QTreeView,
)

from client.security import remote_content
from client.store.db import Store
from client.store.errors import SearchSyntaxError
from client.store.records import MessageRow
from ui.app.tray import TrayIcon
from ui.composer.mailto_compose import open_mailto
from ui.mainwindow import list_queries
from ui.mainwindow.about import HelpMenu
from ui.mainwindow.account_commands import AccountCommands
from ui.mainwindow.compose_commands import ComposeCommands
from ui.mainwindow.core_events import CoreEvents
from ui.mainwindow.flag_commands import FlagCommands
from ui.mainwindow.message_table import message_table
from ui.models.folder_tree import ACCOUNT_ID_ROLE, FOLDER_ID_ROLE, FolderTreeModel
from ui.models.message_list import MessageListModel
from ui.models.page_prefetch import PagePrefetcher
from ui.qt.event_bridge import EventBridge
from ui.qt.screen_fit import fit_to_screen
from ui.qt.tasks import run_in_background
from ui.quotes.quote_warmup import QuoteWarmup
from ui.quotes.window_controls import QuoteControls
from ui.reader.attachment_actions import AttachmentActions
from ui.reader.content import ReaderContent, load_reader_content
from ui.reader.fraud_hooks import BankDetailsCommand, hook_fraud_guard
from ui.reader.pane import ReaderPane
from ui.settings.preferences import Preferences, load_preferences, save_preferences

if TYPE_CHECKING:
    from ui.sync.driver import SyncDriver
    from ui.sync.window_controls import SyncControls

SEARCH_DELAY_MS = 300


class MainWindow(QMainWindow):
    """The three-pane window over the cache at ``db_path`` (see the module docstring)."""

    #: the rep chose another UI language in Settings ('system', 'en' or 'zh_CN')
    languageChanged = Signal(str)
    #: a folder or search result was put in the list (``list_source`` says which)
    listShown = Signal()

    def __init__(self, db_path: Path, babel_locale: Locale, *, demo: bool = False,
                 driver: SyncDriver | None = None, platform: str = sys.platform) -> None:
        super().__init__()
        self.db_path = db_path
        #: dates and numbers (babel); not ``locale``, which is ``QWidget.locale()``
        self.babel_locale = babel_locale
        self.demo = demo
        self.store = Store.open(db_path)
        self.current_folder: int | None = None
        self.current_account: int | None = None
        self.search_text = ""
        #: counts list loads and searches; a result of an older one is dropped
        self.generation = 0
        self._sort = ("date", True)
        #: set once the window closed for good: late background results are dropped
        self.closed = False
        #: what the list shows: ("folder", folder_id) or ("search", text); None while loading
        self.list_source: tuple[str, object] | None = None
        self.setWindowTitle(self.tr("Tradewind") + (self.tr(" — demo") if demo else ""))
        fit_to_screen(self, 1400, 860)

        self.folder_model = FolderTreeModel(self)
        self.folder_view = QTreeView(self)
        self.folder_view.setModel(self.folder_model)
        self.folder_view.setHeaderHidden(True)
        self.folder_view.setUniformRowHeights(True)
        self.folder_view.selectionModel().currentChanged.connect(self._folder_changed)

        self.threaded = False
        self.preferences = load_preferences(self.store)
        self._quitting = False
        self.message_model = MessageListModel(self._load_rows, babel_locale, None, self)
        self.message_model.sortRequested.connect(self._sort_requested)
        self.message_view = self._make_message_view()
        self.list_pages = PagePrefetcher(self.message_model, db_path, lambda: self.threaded)  # 17

        self.reader = ReaderPane(babel_locale, self)
        self.reader.invitation_card.db_path = db_path  # its buttons open their own Store
        hook_fraud_guard(self.reader, self.message_model, db_path, lambda: self.store)  # issue 19
        self.attachment_actions = AttachmentActions(self, db_path, self.reader, self.statusBar)
        self.remote_allowed_ids: set[int] = set()  # "load remote content" for these messages
        self.reader.loadRemoteRequested.connect(self.allow_remote_for_message)
        self.reader.trustSenderRequested.connect(self.allow_remote_for_sender)
        self.reader.mailtoRequested.connect(lambda href: open_mailto(self, href))  # H8

        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText(
            self.tr("Search: words, from:, to:, subject:, has:attachment, is:unread, after:2026-01-31")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(200)  # fits beside the actions at 150 % on a 1440x900 screen
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_field.returnPressed.connect(self.run_search)

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.message_view)
        right.addWidget(self.reader)
        right.setSizes([380, 480])
        outer = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(self.folder_view)
        outer.addWidget(right)
        outer.setStretchFactor(1, 1)
        outer.setSizes([260, 1140])
        self.setCentralWidget(outer)

        self.events = EventBridge(parent=self)
        self.tray = TrayIcon(self)
        # -- the controllers that own the window's commands (module docstring) --
        self.messages = FlagCommands(self)
        self._make_actions()
        self.compose = ComposeCommands(self)
        self.core_events = CoreEvents(self)
        self._make_status_bar()
        self.tray.show()
        self.reload_folders()
        self._select_first_inbox()
        self.accounts = AccountCommands(self)
        self.quotes = QuoteControls(self)
        self.help_menu = HelpMenu(self, platform)
        self.sync: SyncControls | None = None
        if driver is not None:
            from ui.sync.window_controls import SyncControls

            self.sync = SyncControls(self, driver)  # the accounts' states in the status bar
        else:
            self.events.accountStatus.connect(self.core_events.show_account_status)
        self.message_view.activated.connect(self.compose.message_activated)
        self.message_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.message_view.customContextMenuRequested.connect(self._show_list_menu)
        from ui.triage.controller import TriageController  # file, delete, undo (issue 11)

        self.triage = TriageController(self)
        from ui.customers.window import CustomersControls  # View → Customers… (issue 18)

        self.customers = CustomersControls(self)
        from ui.channels.controller import ChannelsController  # channel rules, Tags (issue 18)

        self.channels = ChannelsController(self)
        from ui.followups.controls import FollowupControls  # View → Follow-ups… (issue 18)

        self.followups = FollowupControls(self)
        from ui.stats.controls import StatsControls  # View → Statistics… (issue 18)

        self.stats = StatsControls(self)
        from ui.meetings.controller import MeetingsController  # planner, calendar (issue 13)

        self.meetings = MeetingsController(self)
        from ui.outbox.controller import OutboxController  # the Outbox entry (issue 14)

        self.outbox = OutboxController(self)
        from ui.everyday.controller import EverydayCommands  # lists, reader window, keys (11)

        self.everyday = EverydayCommands(self)
        self.quote_warmup = QuoteWarmup(self)  # the first quote PDF renders warm (issue 12)

    def _load_rows(self, ids: list[int]) -> list[MessageRow]:
        return self.store.rows_by_ids(ids, thread_counts=self.threaded)

    # -- construction ---------------------------------------------------------------------------
    def _make_message_view(self) -> QTableView:
        view = message_table(self.message_model, self)
        view.selectionModel().selectionChanged.connect(self._selection_changed)
        return view

    def _action(self, text: str, shortcuts: list[str], slot: Callable[..., object] | None = None, *,
                enabled: bool = True, tip: str = "") -> QAction:
        """A window-wide action (its shortcuts work wherever the focus is)."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if slot is not None:
            action.triggered.connect(slot)
        action.setEnabled(enabled)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action(self.tr("New message"), ["Ctrl+N"],
                                       lambda: self.compose.open_composer("new"))
        self.reply_action = self._action(self.tr("Reply"), ["Ctrl+R"],
                                         lambda: self.compose.open_composer("reply"))
        self.reply_all_action = self._action(self.tr("Reply all"), ["Ctrl+Shift+R"],
                                             lambda: self.compose.open_composer("reply_all"))
        self.forward_action = self._action(self.tr("Forward"), ["Ctrl+L", "Ctrl+F"],
                                           lambda: self.compose.open_composer("forward"))
        self.delete_action = self._action(self.tr("Delete"), ["Del"],
                                          self.messages.delete_selected)
        self.mark_read_action = self._action(
            self.tr("Mark read/unread"), ["M", "Ctrl+Q"], self.messages.toggle_read
        )
        self.flag_action = self._action(self.tr("Flag"), ["S", "Insert"],
                                        self.messages.toggle_flag)
        self.next_unread_action = self._action(self.tr("Next unread"), ["N"],
                                               self.messages.next_unread)
        self.search_action = self._action(
            self.tr("Search"), ["Ctrl+K", "Ctrl+E"], self._focus_search
        )
        self.quit_action = self._action(self.tr("Quit"), ["Ctrl+Shift+Q"], self.quit)
        # Settings… opens ui.settings.dialog.AppSettingsDialog (``accounts``, built later)
        self.settings_action = self._action(self.tr("Settings…"), ["Ctrl+,"],
                                            lambda: self.accounts.open_settings())
        self.group_action = self._action(
            self.tr("Group by conversation"), ["Ctrl+Shift+T"], self.set_threaded
        )
        self.group_action.setCheckable(True)
        self.headers_action = self._action(
            self.tr("All headers"), ["Ctrl+Shift+H"], self.reader.set_show_all_headers
        )
        self.headers_action.setCheckable(True)

        self.toolbar = toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        for action in (self.new_action, self.reply_action, self.reply_all_action,
                       self.forward_action, self.delete_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.mark_read_action, self.flag_action, self.next_unread_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addWidget(self.search_field)  # fits at 150 %: the actions show icons only

        menu = self.menuBar()
        self.file_menu = file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.message_menu = message_menu = menu.addMenu(self.tr("&Message"))
        for action in (self.reply_action, self.reply_all_action, self.forward_action,
                       self.delete_action):
            message_menu.addAction(action)
        message_menu.addSeparator()
        message_menu.addAction(self.mark_read_action)
        message_menu.addAction(self.flag_action)
        self.bank_details = BankDetailsCommand(self)  # issue 19
        message_menu.addAction(self.bank_details.action)
        self.view_menu = view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.group_action)
        view_menu.addAction(self.headers_action)
        self.go_menu = go_menu = menu.addMenu(self.tr("&Go"))
        go_menu.addAction(self.next_unread_action)
        go_menu.addAction(self.search_action)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.connection_label = QLabel(self)
        self.count_label = QLabel(self)
        for status_label in (self.connection_label, self.count_label):
            status_label.setTextFormat(Qt.TextFormat.PlainText)  # server text (T8)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.connection_label)
        self._update_connection_label()

    def _update_connection_label(self) -> None:
        accounts = self.store.list_accounts()
        if self.demo or all(a.preset == "demo" for a in accounts) and accounts:
            text = self.tr("Offline — demo account (no server)")
        elif not accounts:
            text = self.tr("No account yet")
        else:
            text = self.tr("Offline — showing the local cache")
        self.connection_label.setText(text)

    # -- folders --------------------------------------------------------------------------------
    def reload_folders(self) -> None:
        """Rebuild the folder tree from the cache (quick indexed queries)."""
        accounts = self.store.list_accounts()
        folders = {a.id: self.store.folders(a.id) for a in accounts}
        counts = self.store.unread_counts()
        self.folder_model.load(accounts, folders, counts)
        if getattr(self, "outbox", None) is not None:  # its tree entry (ui/outbox, issue 14)
            self.outbox.tree_reloaded()
        self.folder_view.expandAll()
        self.tray.set_unread(sum(counts.get(f, 0) for f in self.inbox_ids()))

    def refresh_unread_counts(self) -> None:
        """Update the unread counts shown in the tree and the tray (Inbox folders)."""
        if self.closed:
            return
        counts = self.store.unread_counts()
        for folder_id, count in counts.items():
            self.folder_model.set_unread(folder_id, count)
        self.tray.set_unread(sum(counts.get(f, 0) for f in self.inbox_ids()))
        self._update_count_label()

    def inbox_ids(self) -> list[int]:
        inboxes = (self.store.folder_by_role(a.id, "inbox") for a in self.store.list_accounts())
        return [f.id for f in inboxes if f is not None]

    def _select_first_inbox(self) -> None:
        for account in self.store.list_accounts():
            inbox = self.store.folder_by_role(account.id, "inbox")
            if inbox is not None:
                self.select_folder(inbox.id)
                return

    def select_folder(self, folder_id: int) -> None:
        """Select a folder in the tree (which loads its messages)."""
        index = self.folder_model.index_of_folder(folder_id)
        if index.isValid():
            self.folder_view.setCurrentIndex(index)

    def _folder_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        folder_id = current.data(FOLDER_ID_ROLE)
        self.current_account = current.data(ACCOUNT_ID_ROLE)
        if folder_id is None:
            return
        self.current_folder = int(folder_id)
        self._search_timer.stop()
        self.search_text = ""
        if self.search_field.text():
            self.search_field.blockSignals(True)
            self.search_field.clear()
            self.search_field.blockSignals(False)
        self.load_folder()

    def load_folder(self) -> None:
        """Build the current folder's id array in the background, then show it."""
        if self.current_folder is None:
            return
        folder_id, db_path, threaded = self.current_folder, self.db_path, self.threaded
        key, descending = self._sort
        generation = self._next_generation()
        self.statusBar().showMessage(self.tr("Loading…"))
        source = ("folder", folder_id)
        run_in_background(
            lambda: list_queries.folder_ids(db_path, folder_id, key, descending, threaded),
            lambda ids: self._show_ids(generation, ids, source),
            self.show_failure,
            owner=self,
        )

    def _next_generation(self) -> int:
        self.generation += 1
        return self.generation

    def _show_ids(self, generation: int, ids: list[int], source: tuple[str, object]) -> None:
        if generation != self.generation or self.closed:
            return  # a newer folder or search superseded this one
        keep = self.reader.shown_id if source == self.list_source else None
        self.message_model.set_ids(ids)
        self.list_source = source
        self.statusBar().clearMessage()
        self._update_count_label()
        row = None if keep is None else self.message_model.row_of(keep)
        if row is not None:  # the same list refreshed: keep the message the rep is reading
            self.message_view.selectRow(row)
        else:
            self.reader.clear()
            if ids:
                self.message_view.scrollToTop()
        self.listShown.emit()

    def _update_count_label(self) -> None:
        total = format_decimal(self.message_model.rowCount(), locale=self.babel_locale)
        if self.search_text:
            self.count_label.setText(self.tr("{0} found").format(total))
            return
        unread = 0
        if self.current_folder is not None:
            unread = self.store.unread_counts().get(self.current_folder, 0)
        unread_text = format_decimal(unread, locale=self.babel_locale)
        if self.threaded:
            text = self.tr("{0} conversations, {1} unread").format(total, unread_text)
        else:
            text = self.tr("{0} messages, {1} unread").format(total, unread_text)
        self.count_label.setText(text)

    def show_failure(self, exc: BaseException) -> None:
        if self.closed:
            return
        self.statusBar().showMessage(str(exc), 15000)

    def _sort_requested(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        if self.search_text:
            return  # search results stay newest first
        self.load_folder()

    # -- search ---------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def run_search(self) -> None:
        """Search the current account with the store's syntax (empty: back to the folder)."""
        self._search_timer.stop()
        text = self.search_field.text().strip()
        if text == self.search_text:
            return
        self.search_text = text
        if not text:
            self.load_folder()
            return
        db_path, account_id = self.db_path, self.current_account
        generation = self._next_generation()
        self.statusBar().showMessage(self.tr("Searching…"))
        source = ("search", text)
        run_in_background(
            lambda: list_queries.search_ids(db_path, text, account_id),
            lambda ids: self._show_ids(generation, ids, source),
            self._search_failed,
            owner=self,
        )

    def _search_failed(self, exc: BaseException) -> None:
        if isinstance(exc, SearchSyntaxError):
            self.statusBar().showMessage(self.tr("Search: {0}").format(exc), 15000)
        else:
            self.show_failure(exc)

    # -- reading --------------------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self._selected_rows()
        if len(rows) != 1:
            if not rows:
                self.reader.clear()
            return
        message_id = self.message_model.message_id_at(rows[0])
        if message_id is None:
            return
        self.show_message(message_id)

    def show_message(self, message_id: int) -> None:
        """Read, parse and show one message in the reader (in the background)."""
        self.reader.show_loading(message_id)
        db_path = self.db_path
        allow = message_id in self.remote_allowed_ids
        run_in_background(
            lambda: load_reader_content(db_path, message_id, allow),
            self._show_content,
            lambda exc: self.reader.show_error(self.tr("Cannot show this message: {0}").format(exc)),
            owner=self,
        )

    def _show_content(self, content: ReaderContent) -> None:
        if content.row.id != self.reader.shown_id or self.closed:
            return  # the user moved on
        self.reader.show_content(content)
        if not content.row.seen and self.reader.isVisibleTo(self):  # pane off: stays unread
            self.messages.set_seen([content.row.id], True)

    def allow_remote_for_message(self, message_id: int) -> None:
        """Load this message's remote pictures (for this session only) and show it again."""
        self.remote_allowed_ids.add(message_id)
        if self.reader.shown_id == message_id:
            self.show_message(message_id)

    def allow_remote_for_sender(self, email: str) -> None:
        """Always load remote pictures in mail from ``email`` (saved in the profile)."""
        db_path, shown = self.db_path, self.reader.shown_id
        run_in_background(
            lambda: remote_content.allow_sender(db_path, email),
            lambda _r: self.show_message(shown) if shown is not None and not self.closed else None,
            self.show_failure,
            owner=self,
        )

    def selected_ids(self) -> list[int]:
        """Ids of the selected messages, in list order."""
        ids = (self.message_model.message_id_at(r) for r in self._selected_rows())
        return [mid for mid in ids if mid is not None]

    def _selected_rows(self) -> list[int]:
        """Selected rows in order, read from the selection's ranges (``selectedRows()`` wraps
        an index per row: 1.4 s for a 47,000-row "select all")."""
        rows: set[int] = set()
        selection = self.message_view.selectionModel().selection()
        for i in range(selection.count()):
            selected = selection.at(i)
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(rows)

    # -- conversations ---------------------------------------------------------
    def set_threaded(self, threaded: bool) -> None:
        """Show one row per conversation (True) or every message (False)."""
        self.threaded = bool(threaded)
        self.group_action.setChecked(self.threaded)
        if not self.search_text:
            self.list_source = None
            self.load_folder()

    # -- settings and the list's context menu ---------------------------------------------------
    def apply_preferences(self, prefs: Preferences) -> None:
        """Save ``prefs`` (in the background) and apply them; a new language is announced
        through ``languageChanged`` (the app rebuilds the window in that language)."""
        old, self.preferences = self.preferences, prefs
        db_path = self.db_path
        run_in_background(lambda: save_preferences(db_path, prefs), lambda _r: None,
                          self.show_failure, owner=self)
        if prefs.language != old.language:
            self.languageChanged.emit(prefs.language)

    def list_menu(self) -> QMenu:
        """The message list's context menu for the current selection: Edit draft (only for a
        message of a Drafts folder), reply and forward, quoting, then read, flag and delete."""
        menu = QMenu(self.message_view)
        ids = self.selected_ids()
        if len(ids) == 1 and self.compose.is_draft_message(ids[0]):
            menu.addAction(self.compose.edit_draft_action)
            menu.addSeparator()
        for action in (self.reply_action, self.reply_all_action, self.forward_action):
            menu.addAction(action)
        menu.addActions(self.quotes.context_actions())
        menu.addSeparator()
        for action in (self.mark_read_action, self.flag_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addActions(self.triage.context_actions())
        return menu

    def _show_list_menu(self, pos: QPoint) -> None:
        menu = self.list_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.message_view.viewport().mapToGlobal(pos))

    def quit(self) -> None:
        """Close for good, even when closing normally only hides to the tray."""
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        from ui.qt.tasks import wait_for_background_tasks

        if (self.preferences.minimise_to_tray and not self._quitting
                and QSystemTrayIcon.isSystemTrayAvailable() and self.tray.isVisible()):
            self.hide()
            event.ignore()
            return

        self.events.close()
        self.tray.hide()
        self.closed = True
        self.list_pages.close()
        wait_for_background_tasks()
        self.store.close()
        super().closeEvent(event)

