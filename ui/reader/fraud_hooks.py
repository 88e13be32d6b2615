"""Wires the fraud guard (issue 19) into the main window in one call, so the window keeps one
hook line: the reader's risk bar gets the cache path for its buttons, the list's risk icons
read the cached levels of each page it loads (the window's GUI-thread Store, one indexed
query) and compute the missing ones on the thread pool, and a risk the reader shows updates the list's icon at once. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.security.risk import RULES_VERSION
from client.security.risk_store import cached_levels
from client.store.db import Store
from ui.models.message_list import MessageListModel
from ui.models.risk_marks import compute_levels
from ui.reader.pane import ReaderPane


def hook_fraud_guard(reader: ReaderPane, model: MessageListModel, db_path: Path,
                     store: Callable[[], Store]) -> None:
    """See the module docstring."""
    reader.risk_bar.db_path = db_path
    model.risk_marks.source = lambda ids: cached_levels(store(), ids, RULES_VERSION)
    model.risk_marks.compute = lambda ids: compute_levels(db_path, ids)
    reader.risk_bar.riskShown.connect(model.set_risk)
