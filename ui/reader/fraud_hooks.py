"""Wires the fraud guard (issue 19) into the main window, so the window keeps two hook lines.

``hook_fraud_guard``: the reader's risk bar gets the cache path for its buttons; the list's
risk icons read the cached levels of each page it loads (the window's GUI-thread Store, one
indexed query) and compute the missing ones on the thread pool; a risk the reader shows
updates the list's icon at once. ``BankDetailsCommand(window)`` is the Message menu's
"Known bank details of the sender…" (the dialog for the shown message). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from client.security.risk import RULES_VERSION
from client.security.risk_store import cached_levels
from client.store.db import Store
from ui.models.message_list import MessageListModel
from ui.models.risk_marks import compute_levels
from ui.reader.pane import ReaderPane

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow
    from ui.reader.bank_details_dialog import BankDetailsDialog


def hook_fraud_guard(reader: ReaderPane, model: MessageListModel, db_path: Path,
                     store: Callable[[], Store]) -> None:
    """See the module docstring."""
    reader.risk_bar.db_path = db_path
    model.risk_marks.source = lambda ids: cached_levels(store(), ids, RULES_VERSION)
    model.risk_marks.compute = lambda ids: compute_levels(db_path, ids)
    reader.risk_bar.riskShown.connect(model.set_risk)


class BankDetailsCommand(QObject):
    """Message → "Known bank details of the sender…": ``action`` opens ``BankDetailsDialog``
    for the message the reader shows (nothing when none is shown); ``dialog`` is the last one
    opened. ``window.bank_details`` holds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: BankDetailsDialog | None = None
        self.action = QAction(QCoreApplication.translate(
            "FraudHooks", "Known bank details of the sender…"), window)
        self.action.triggered.connect(self.open_dialog)

    def open_dialog(self) -> None:
        from ui.reader.bank_details_dialog import BankDetailsDialog

        window = self.window
        shown = window.reader.shown_id
        row = window.store.get_message(shown) if shown is not None else None
        if row is None or "@" not in row.from_email:
            return
        dialog = BankDetailsDialog(window.db_path, row, window)
        dialog.changed.connect(window.reader.risk_bar.refresh)
        self.dialog = dialog
        dialog.open()
