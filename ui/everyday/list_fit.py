"""Lists that fit the folder: To instead of From in Sent, Drafts and the outbox; a Folder
column, highlighted words and "no messages match" for search results; a column chooser
(header context menu and View → Columns) whose shown columns, order and widths are remembered
per folder (setting ``ui.list_columns``, written in the background).

``ListFit(window)`` is created once by ``ui.everyday.controller``; it listens to the window's
``listShown``. GUI thread only; saving is idempotent (the last state of a folder wins).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QLabel, QMenu

from client import settings
from ui.everyday.highlight import HighlightDelegate, search_terms
from ui.everyday.settings_writer import LatestWriter
from ui.models.message_list import (
    COL_DATE,
    COL_FOLDER,
    COL_FROM,
    COL_SUBJECT,
    COLUMN_COUNT,
    SORT_KEYS,
)

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow

COLUMNS_KEY = "ui.list_columns"
#: folder roles whose list shows the recipients (To) instead of the sender
OUTGOING_ROLES = frozenset({"sent", "drafts", "outbox"})
SAVE_DELAY_MS = 400


def layout_key(source: tuple[str, object] | None) -> str:
    """The name a list's column layout is saved under: the folder id, or 'search'."""
    if source is None:
        return ""
    return "search" if source[0] == "search" else f"folder:{source[1]}"


def encode_state(state: QByteArray) -> str:
    return base64.b64encode(bytes(state.data())).decode("ascii")


def decode_state(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except ValueError:
        return QByteArray()


class ListFit(QObject):
    """See the module docstring."""

    def __init__(self, window: MainWindow, writer: LatestWriter) -> None:
        super().__init__(window)
        self.writer = writer  # the window's one settings writer (ui.everyday.controller)
        self.window = window
        view = window.message_view
        self.header: QHeaderView = view.horizontalHeader()
        self.header.setSectionsMovable(True)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().exec(self.header.mapToGlobal(pos)))
        self.delegate = HighlightDelegate(view)
        view.setItemDelegate(self.delegate)
        self.empty_label = QLabel(view.viewport())
        self.empty_label.setObjectName("empty-list")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)  # the query is the rep's text
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("QLabel { color: palette(placeholder-text); padding: 24px; }")
        self.empty_label.hide()
        self.layouts: dict[str, str] = dict(settings.read(window.store, COLUMNS_KEY))
        self._key = ""
        self._restoring = False
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        for signal in (self.header.sectionResized, self.header.sectionMoved):
            signal.connect(self._layout_changed)
        view.viewport().installEventFilter(self)
        window.listShown.connect(self.list_shown)
        self.header.setSectionHidden(COL_FOLDER, True)
        #: the layout of a list never arranged by the rep (the window's own widths)
        self.default_state = self.header.saveState()

    # -- what the list shows --------------------------------------------------------------------
    def list_shown(self) -> None:
        """The window showed a new folder or search: fit columns, labels and highlight."""
        w = self.window
        source = w.list_source
        searching = source is not None and source[0] == "search"
        role = None
        if not searching and w.current_folder is not None:
            folder = w.store.folder(w.current_folder)
            role = folder.role if folder is not None else None
        names = self._folder_names() if searching else {}
        w.message_model.set_view(show_recipients=role in OUTGOING_ROLES, folder_names=names)
        self.delegate.terms = search_terms(str(source[1])) if searching and source else ()
        self._apply_layout(layout_key(source), searching)
        self._update_empty(searching, str(source[1]) if source else "")
        w.message_view.viewport().update()

    def _folder_names(self) -> dict[int, str]:
        store = self.window.store
        return {f.id: f.name for a in store.list_accounts() for f in store.folders(a.id)}

    def _update_empty(self, searching: bool, query: str) -> None:
        empty = self.window.message_model.rowCount() == 0
        if searching:
            text = self.tr("No messages match “{0}”.").format(query)
        else:
            text = self.tr("There are no messages in this folder.")
        self.empty_label.setText(text)
        self.empty_label.setVisible(empty)
        self._place_empty()

    def _place_empty(self) -> None:
        viewport = self.window.message_view.viewport()
        self.empty_label.setGeometry(0, 0, viewport.width(), min(viewport.height(), 120))

    def eventFilter(self, watched: QObject, event: Any) -> bool:  # noqa: N802 (Qt name)
        if event.type() == event.Type.Resize and self.empty_label.isVisible():
            self._place_empty()
        return False

    # -- the column chooser ---------------------------------------------------------------------
    def column_menu(self) -> QMenu:
        """A menu with one checkable entry per column (the Subject column always stays)."""
        menu = QMenu(self.window)
        menu.setTitle(self.tr("Columns"))
        model = self.window.message_model
        for column in range(COLUMN_COUNT):
            name = model.headerData(column, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.AccessibleTextRole)
            action = QAction(str(name), menu)
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(column))
            action.setEnabled(column != COL_SUBJECT)
            action.toggled.connect(lambda on, c=column: self.set_column_shown(c, on))
            menu.addAction(action)
        return menu

    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide one column in this list (remembered for this folder)."""
        if column == COL_SUBJECT and not shown:
            return
        self.header.setSectionHidden(column, not shown)
        if shown and self.header.sectionSize(column) < 20:
            self.header.resizeSection(column, 120)
        self._layout_changed()

    # -- remembering ----------------------------------------------------------------------------
    def _apply_layout(self, key: str, searching: bool) -> None:
        if key == self._key:
            return
        self._flush()
        self._key = key
        saved = self.layouts.get(key)
        self._restoring = True
        model = self.window.message_model
        model.blockSignals(True)  # a restored sort indicator must not re-sort (reload) the list
        try:
            if not (saved and self.header.restoreState(decode_state(saved))):
                self.header.restoreState(self.default_state)
                self.header.setSectionHidden(COL_FOLDER, not searching)
                self._fit_widths(searching)
            key, descending = self.window._sort
            column = next((c for c, k in SORT_KEYS.items() if k == key), COL_DATE)
            self.header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if descending
                                         else Qt.SortOrder.AscendingOrder)
        finally:
            model.blockSignals(False)
            self._restoring = False

    def _fit_widths(self, searching: bool) -> None:
        """Widths for a list the rep never arranged: From, Date (and Folder) take a share of
        the list's width so the Subject keeps room at 150 % on a small screen."""
        room = max(self.window.message_view.viewport().width(), 300)
        shares = {COL_FROM: (90, 220, 0.22), COL_DATE: (80, 130, 0.16)}
        if searching:
            shares[COL_FOLDER] = (60, 120, 0.12)
        for column, (low, high, share) in shares.items():
            self.header.resizeSection(column, int(max(low, min(high, room * share))))

    def _layout_changed(self, *_args: object) -> None:
        if not self._restoring and self._key:
            self.layouts.pop(self._key, None)  # the newest last: the oldest go first
            self.layouts[self._key] = encode_state(self.header.saveState())
            while len(self.layouts) > settings.MAX_LAYOUT_ENTRIES:
                self.layouts.pop(next(iter(self.layouts)))
            self._save_timer.start()

    def _flush(self) -> None:
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save()

    def save(self) -> None:
        """Write every remembered layout (worker thread write; idempotent)."""
        self.writer.write({COLUMNS_KEY: dict(self.layouts)})
