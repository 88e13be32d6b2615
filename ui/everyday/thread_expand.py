"""Conversations that expand in the list (View → Group by conversation): Right (or +) on a
conversation's row shows its other messages below it, the rep's replies from Sent included,
indented and oldest first; Left (or −) folds them again. A new folder, search or refresh
shows the list folded. The thread is read in the background (``conversation.conversation_ids``);
the list is changed on the GUI thread only. Idempotent: expanding an open row does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from ui.everyday.conversation import conversation_ids
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class ThreadExpander(QObject):
    """See the module docstring; ``expanded`` maps a head row's id to its shown children."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.expanded: dict[int, list[int]] = {}
        self._changing = False
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
        window.listShown.connect(self._list_shown)

    def _list_shown(self) -> None:
        if not self._changing:
            self.expanded.clear()
            self.window.message_model.child_ids = set()

    def _current_id(self) -> int | None:
        row = self.window.message_view.currentIndex().row()
        return self.window.message_model.message_id_at(row)

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

    def _expand(self, source: object, head: int, thread: list[int]) -> None:
        w = self.window
        model = w.message_model
        if w.closed or source != w.list_source or head in self.expanded:
            return
        shown = set(model.ids())
        children = [i for i in thread if i != head and i not in shown]
        row = model.row_of(head)
        if not children or row is None:
            return
        ids = model.ids()
        ids[row + 1 : row + 1] = children
        self.expanded[head] = children
        self._replace(ids, head)

    def collapse_current(self) -> None:
        """Fold the conversation the current row belongs to."""
        current = self._current_id()
        head = next((h for h, kids in self.expanded.items()
                     if current == h or current in kids), None)
        if head is None:
            return
        children = set(self.expanded.pop(head))
        self._replace([i for i in self.window.message_model.ids() if i not in children], head)

    def _replace(self, ids: list[int], select: int) -> None:
        w = self.window
        model = w.message_model
        model.child_ids = {c for kids in self.expanded.values() for c in kids}
        self._changing = True
        try:
            model.set_ids(ids)
        finally:
            self._changing = False
        row = model.row_of(select)
        if row is not None:
            w.message_view.selectRow(row)
