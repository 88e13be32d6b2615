"""Writes view settings (``client.settings``) off the GUI thread, the newest value of each key
winning: two quick choices (reading pane right, then off) may run on two worker threads in
either order, and the older one must not land last.

``EverydayCommands.writer`` (``ui.everyday.controller``) is the one writer of a main window,
handed to each view object that saves settings. ``write`` is called on the GUI
thread; the write runs on a worker thread with its own Store; a refused value is reported
through the window's ``_show_failure``. Idempotent.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from client import settings
from client.store.db import Store
from ui.qt.tasks import run_in_background

if TYPE_CHECKING:
    from ui.mainwindow.window import MainWindow


class LatestWriter:
    """See the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._lock = threading.Lock()
        self._version = 0
        self._written: dict[str, int] = {}  # key -> version last stored (worker threads)

    def write(self, values: Mapping[str, object]) -> None:
        """Store ``values`` in the background unless a newer write of a key got there first."""
        self._version += 1
        version, wanted = self._version, dict(values)
        run_in_background(lambda: self.store(version, wanted), lambda _r: None,
                          self.window.show_failure, owner=self.window)

    def store(self, version: int, values: Mapping[str, object]) -> None:
        """The write itself (worker thread): keys a newer version already stored are skipped."""
        with self._lock:
            fresh = {k: v for k, v in values.items() if self._written.get(k, 0) < version}
            if not fresh:
                return
            with Store.open(self.window.db_path) as store:
                settings.write_many(store, fresh)
            self._written.update(dict.fromkeys(fresh, version))


