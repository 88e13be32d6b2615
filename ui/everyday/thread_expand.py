"""Conversations that expand in the list (View → Group by conversation): Right (or +) on a
conversation's row shows its other messages below it, the rep's replies from Sent included,
indented and oldest first; Left (or −) folds them again. What is open is remembered per list
(a folder or a search) by thread, so a reload (new mail, a flag change, a sort) and a switch to
another folder and back show the same conversations open again, even when new mail made
another message the conversation's row. The threads are read in the background
(``conversation.conversation_ids`` / ``threads_ids``); the list is changed on the GUI thread
only. Idempotent: expanding an open row does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.everyday.conversation import conversation_ids, threads_ids
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class ThreadExpander(QObject):
    """See the module docstring; ``expanded`` maps a head row's id to its shown children,
    ``open_threads`` maps a list (``window.list_source``) to the thread labels open in it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.expanded: dict[int, list[int]] = {}
        self.open_threads: dict[tuple[str, object], set[int]] = {}
        self._changing = False
        self._shown_lists = 0  # counts lists shown: a late re-expansion of an old one is dropped
        self._current: int | None = None  # the message last current in the list
        view = window.message_view
        self.expand_action = QAction(self.tr("Expand conversation"), view)
        self.expand_action.setShortcuts([QKeySequence("Right"), QKeySequence("+")])
        self.collapse_action = QAction(self.tr("Collapse conversation"), view)
        self.collapse_action.setShortcuts([QKeySequence("Left"), QKeySequence("-")])
        for action, slot in ((self.expand_action, self.expand_current),
                             (self.collapse_action, self.collapse_current)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only in the list
            action.triggered.connect(slot)
            view.addAction(action)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        window.listShown.connect(self._list_shown)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._current = self.window.message_model.message_id_at(current.row())

    def _list_shown(self) -> None:
        if self._changing:
            return
        w = self.window
        self._shown_lists += 1
        was_child = self._current if self._current in w.message_model.child_ids else None
        self.expanded.clear()
        w.message_model.child_ids = set()
        source = w.list_source
        wanted = self.open_threads.get(source, set()) if source is not None else set()
        if not w.threaded or not wanted:
            return
        db_path, shown_lists, threads = w.db_path, self._shown_lists, set(wanted)
        run_in_background(lambda: threads_ids(db_path, threads),
                          lambda found: self._reopen(shown_lists, found, was_child),
                          w.show_failure, owner=w)

    def _reopen(self, shown_lists: int, found: dict[int, list[int]],
                was_child: int | None) -> None:
        """Open again the remembered conversations of the list just shown."""
        w = self.window
        model = w.message_model
        if w.closed or shown_lists != self._shown_lists or not w.threaded:
            return
        ids = model.ids()
        inserts: dict[int, list[int]] = {}
        for thread in found.values():
            rows = sorted(r for r in map(model.row_of, thread) if r is not None)
            if not rows:
                continue  # the conversation left this list
            head = ids[rows[0]]
            children = [i for i in thread if i != head and model.row_of(i) is None]
            if children:
                inserts[head] = children
        if not inserts:
            return
        current = self._current_id()
        merged: list[int] = []
        for mid in ids:
            merged.append(mid)
            merged.extend(inserts.get(mid, ()))
        self.expanded.update(inserts)
        self._replace(merged, current if current is not None else was_child)

    def _current_id(self) -> int | None:
        index = self.window.message_view.currentIndex()
        if not index.isValid():
            return None
        return self.window.message_model.message_id_at(index.row())

    def _thread_of(self, message_id: int) -> int | None:
        row = self.window.message_model.row_of(message_id)
        message = None if row is None else self.window.message_model.message(row)
        return None if message is None else message.thread_id

    def expand_current(self) -> None:
        """Show the conversation of the current row below it (grouped lists only)."""
        w = self.window
        head = self._current_id()
        if not w.threaded or head is None or head in self.expanded \
                or head in w.message_model.child_ids:
            return
        db_path, source = w.db_path, w.list_source
        run_in_background(lambda: conversation_ids(db_path, head),
                          lambda ids: self._expand(source, head, ids), w.show_failure, owner=w)

    def _expand(self, source: tuple[str, object] | None, head: int, thread: list[int]) -> None:
        w = self.window
        model = w.message_model
        if w.closed or source != w.list_source or head in self.expanded:
            return
        shown = set(model.ids())
        children = [i for i in thread if i != head and i not in shown]
        row = model.row_of(head)
        if not children or row is None:
            return
        thread_id = self._thread_of(head)
        if source is not None and thread_id is not None:
            self.open_threads.setdefault(source, set()).add(thread_id)
        ids = model.ids()
        ids[row + 1 : row + 1] = children
        self.expanded[head] = children
        self._replace(ids, head)

    def collapse_current(self) -> None:
        """Fold the conversation the current row belongs to (and forget it was open)."""
        current = self._current_id()
        head = next((h for h, kids in self.expanded.items()
                     if current == h or current in kids), None)
        if head is None:
            return
        thread_id = self._thread_of(head)
        source = self.window.list_source
        if source is not None and thread_id is not None:
            self.open_threads.get(source, set()).discard(thread_id)
        children = set(self.expanded.pop(head))
        self._replace([i for i in self.window.message_model.ids() if i not in children], head)

    def _replace(self, ids: list[int], select: int | None) -> None:
        w = self.window
        model = w.message_model
        model.child_ids = {c for kids in self.expanded.values() for c in kids}
        self._changing = True
        try:
            model.set_ids(ids)
        finally:
            self._changing = False
        row = None if select is None else model.row_of(select)
        if row is not None:
            w.message_view.selectRow(row)
