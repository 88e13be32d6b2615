"""Hooks the everyday client (issue 11) into the main window: lists that fit the folder
(``list_fit``), the reader window and the conversation window (Enter / double-click), the
keyboard (``keyboard``), the remembered layout, reading pane and text size (``layout``), and
their menu entries (View, Go, Message), each with its shortcut shown.

``connect_everyday(window)`` is called once at the end of ``MainWindow.__init__``;
idempotent per window. GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from client import settings
from ui.everyday.colours import ReadableColours
from ui.everyday.conversation import ConversationWindow
from ui.everyday.keyboard import KeyboardNavigation
from ui.everyday.layout import PANE_CHOICES, WindowLayout
from ui.everyday.list_fit import ListFit
from ui.everyday.message_export import MessageExport
from ui.everyday.notifications import Notifications
from ui.everyday.reader_window import ReaderWindow
from ui.everyday.settings_writer import LatestWriter
from ui.everyday.thread_expand import ThreadExpander
from ui.everyday.toolbar_icons import STYLE_KEY, ToolbarIcons

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

FONT_SIZES = (0, 10, 11, 12, 14, 16, 18, 20, 24)


def _menu_with(window: MainWindow, action: QAction) -> QMenu | None:
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    return None


def _insert_after(menu: QMenu, anchor: QAction, action: QAction) -> None:
    actions = menu.actions()
    at = actions.index(anchor) + 1
    if at < len(actions):
        menu.insertAction(actions[at], action)
    else:
        menu.addAction(action)


class EverydayCommands(QObject):
    """See the module docstring; ``window.everyday`` holds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: writes every view setting on a worker thread, newest choice last
        self.writer = LatestWriter(window)
        self.list_fit = ListFit(window, self.writer)
        self.keyboard = KeyboardNavigation(window)
        self.layout = WindowLayout(window, self.writer)
        self.threads = ThreadExpander(window)
        self.icons = ToolbarIcons(window, settings.read(window.store, STYLE_KEY), self.writer)
        #: asked by ``CoreEvents`` before the tray notifies about new mail
        self.notifications = Notifications(window, self.writer)
        self.colours = ReadableColours(window)
        self.export = MessageExport(window)
        self.windows: list[Any] = []
        window.message_view.activated.connect(self.open_index)
        self._make_actions()

    def _action(self, text: str, keys: list[str], slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _make_actions(self) -> None:
        w = self.window
        self.open_action = self._action(self.tr("Open in a window"), ["Ctrl+O"],
                                        self.open_selected)
        self.conversation_action = self._action(self.tr("Open conversation"), ["Ctrl+Shift+O"],
                                                self.open_conversation_of_selected)
        self.clear_search_action = self._action(self.tr("Clear search"), ["Esc"],
                                                self.keyboard.clear_search)
        self.page_action = self._action(self.tr("Page down, then next unread"), ["Space"],
                                        self.keyboard.page)
        self.page_action.setShortcutContext(self.page_action.shortcutContext().WidgetShortcut)
        self.zoom_in_action = self._action(self.tr("Zoom in"), ["Ctrl++", "Ctrl+="],
                                           lambda: self.layout.zoom_by(1))
        self.zoom_out_action = self._action(self.tr("Zoom out"), ["Ctrl+-"],
                                            lambda: self.layout.zoom_by(-1))
        self.zoom_reset_action = self._action(self.tr("Actual size"), ["Ctrl+0"],
                                              lambda: self.layout.zoom_by(0))
        self.save_action = self._action(self.tr("Save as .eml…"), ["Ctrl+S"],
                                        lambda: self.export.save_as())
        self.preview_action = self._action(self.tr("Print preview…"), ["Ctrl+Shift+P"],
                                           lambda: self.export.preview())
        self.print_action = self._action(self.tr("Print…"), ["Ctrl+P"],
                                         lambda: self.export.print_message())
        file_menu = _menu_with(w, w.settings_action)
        if file_menu is not None:
            first = file_menu.actions()[0]
            _insert_after(file_menu, first, self.print_action)
            _insert_after(file_menu, first, self.preview_action)
            _insert_after(file_menu, first, self.save_action)
        message_menu = _menu_with(w, w.reply_action)
        if message_menu is not None:
            first = message_menu.actions()[0]  # the menu holds Reply at least
            message_menu.insertActions(first, [self.open_action, self.conversation_action])
            message_menu.insertSeparator(first)
        view_menu = _menu_with(w, w.group_action)
        if view_menu is not None:
            _insert_after(view_menu, w.group_action, self.threads.expand_action)
            _insert_after(view_menu, self.threads.expand_action, self.threads.collapse_action)
            view_menu.addSeparator()
            view_menu.addMenu(self._pane_menu())
            view_menu.addMenu(self._columns_menu())
            view_menu.addSeparator()
            for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
                view_menu.addAction(action)
            view_menu.addMenu(self._font_menu())
            view_menu.addSeparator()
            self.text_under_action = QAction(self.tr("Text under toolbar icons"), view_menu)
            self.text_under_action.setCheckable(True)
            self.text_under_action.setChecked(self.icons.style == "text_under")
            self.text_under_action.toggled.connect(
                lambda on: self.icons.set_style("text_under" if on else "icons"))
            view_menu.addAction(self.text_under_action)
            view_menu.addAction(self.notifications.quiet_action)
        go_menu = _menu_with(w, w.next_unread_action)
        if go_menu is not None:
            go_menu.addAction(self.page_action)
            go_menu.addAction(self.clear_search_action)

    def _choice_menu(self, title: str, choices: dict[Any, str], current: Any,
                     choose: Any) -> tuple[QMenu, dict[Any, QAction]]:
        """A submenu of exclusive, checkable choices ({value: label}); ``choose(value)``."""
        menu = QMenu(title, self.window)
        group = QActionGroup(menu)
        actions: dict[Any, QAction] = {}
        for value, label in choices.items():
            action = QAction(label, menu)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.triggered.connect(lambda _c=False, v=value: choose(v))
            group.addAction(action)
            menu.addAction(action)
            actions[value] = action
        return menu, actions

    def _pane_menu(self) -> QMenu:
        labels = {"right": self.tr("Right"), "bottom": self.tr("Bottom"), "off": self.tr("Off")}
        menu, self.pane_actions = self._choice_menu(
            self.tr("Reading pane"), {where: labels[where] for where in PANE_CHOICES},
            self.layout.pane, self.layout.set_reading_pane)
        return menu

    def _font_menu(self) -> QMenu:
        sizes = {size: self.tr("System size") if size == 0
                 else self.tr("{0} points").format(size) for size in FONT_SIZES}
        menu, self.font_actions = self._choice_menu(
            self.tr("Text size"), sizes, self.layout.font_size, self.layout.set_font_size)
        return menu

    def _columns_menu(self) -> QMenu:
        menu = QMenu(self.tr("Columns"), self.window)

        def fill() -> None:
            menu.clear()
            for action in self.list_fit.column_menu().actions():
                action.setParent(menu)
                menu.addAction(action)

        menu.aboutToShow.connect(fill)
        return menu

    # -- opening --------------------------------------------------------------------------------
    def open_index(self, index: QModelIndex) -> None:
        """Enter / double-click on a row: drafts open in the composer (``ui.composer``),
        a conversation row (grouped list) in the conversation window, others in a window."""
        message_id = self.window.message_model.message_id_at(index.row())
        if message_id is None or self.window.compose.is_draft_message(message_id):
            return
        row = self.window.message_model.message(index.row())
        if self.window.threaded and row is not None and row.thread_count > 1:
            self.open_conversation(message_id)
        else:
            self.open_message(message_id)

    def open_selected(self) -> None:
        for message_id in self.window.selected_ids()[:20]:
            self.open_message(message_id)

    def open_conversation_of_selected(self) -> None:
        ids = self.window.selected_ids()
        if ids:
            self.open_conversation(ids[0])

    def open_message(self, message_id: int) -> ReaderWindow:
        """Show ``message_id`` in its own reader window (marked read once shown)."""
        w = self.window
        reader = ReaderWindow(w.db_path, message_id, w.babel_locale, font_size=self.layout.font_size,
                              allow_remote=message_id in w.remote_allowed_ids)
        reader.shown.connect(lambda mid: self._mark_read(mid))
        self._keep(reader)
        return reader

    def open_conversation(self, message_id: int) -> ConversationWindow:
        """Show the thread of ``message_id`` in a conversation window; once shown, its unread
        messages (all of them open) are marked read through the queued operations, kept in the
        undo history (Ctrl+Z makes them unread again)."""
        window = ConversationWindow(self.window.db_path, message_id, self.window.babel_locale)
        window.shown.connect(lambda _count, x=window: self._mark_conversation_read(x))
        self._keep(window)
        return window

    def _mark_conversation_read(self, conversation: ConversationWindow) -> None:
        unread = [c.content.row.id for c in conversation.cards
                  if c.is_open and not c.content.row.seen]
        if unread and not self.window.closed:
            self.window.messages.set_seen(unread, True, undoable=True)

    def _keep(self, window: QWidget) -> None:
        self.windows.append(window)
        window.destroyed.connect(lambda _o=None, x=window: self._forget(x))
        window.show()

    def _forget(self, window: QWidget) -> None:
        if window in self.windows:
            self.windows.remove(window)

    def _mark_read(self, message_id: int) -> None:
        row = self.window.store.get_message(message_id)
        if row is not None and not row.seen and not self.window.closed:
            self.window.messages.set_seen([message_id], True)


def connect_everyday(window: MainWindow) -> EverydayCommands:
    """Create the everyday commands for ``window`` once (see the module docstring)."""
    existing = getattr(window, "everyday", None)
    if existing is None:
        existing = window.everyday = EverydayCommands(window)
    return existing
