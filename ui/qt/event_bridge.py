"""Turns the core's change events (``client.events``) into Qt signals on the GUI thread.

The core publishes on whatever thread does the work; ``EventBridge`` re-emits each record
through a signal, and Qt queues it to receivers living on the GUI thread. Create and
``close()`` it on the GUI thread; ``close`` unsubscribes (idempotent).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from client.events import AccountStatus, Event, EventBus, FolderChanged, SyncProgress, default_bus


class EventBridge(QObject):
    """Signals carry the frozen event records unchanged."""

    folderChanged = Signal(object)  # FolderChanged
    syncProgress = Signal(object)  # SyncProgress
    accountStatus = Signal(object)  # AccountStatus

    def __init__(self, bus: EventBus | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = (bus or default_bus()).subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:  # any thread
        if isinstance(event, FolderChanged):
            self.folderChanged.emit(event)
        elif isinstance(event, SyncProgress):
            self.syncProgress.emit(event)
        elif isinstance(event, AccountStatus):
            self.accountStatus.emit(event)

    def close(self) -> None:
        """Stop receiving events."""
        self._unsubscribe()
