"""Thread-safe publish/subscribe of small frozen change records published by the core.

Any thread may call :func:`subscribe`, :func:`unsubscribe` and :func:`publish`. Subscribers run
synchronously on the publishing thread (the UI bridges them to queued Qt signals itself), so a
subscriber must be quick and must not block. An exception raised by one subscriber is logged and
never stops delivery to the others nor reaches the publisher. No Qt here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FolderChanged:
    """Rows of one cached folder changed: ``added``/``updated``/``removed`` are message row ids."""

    account_id: int
    folder_id: int
    added: tuple[int, ...] = ()
    updated: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()


@dataclass(frozen=True)
class SyncProgress:
    """Progress of one folder's sync: ``done`` of ``total`` units in ``phase`` (e.g. "fetch")."""

    account_id: int
    folder: str
    done: int
    total: int
    phase: str


@dataclass(frozen=True)
class AccountStatus:
    """An account's sync state ("syncing", "ok", "error", "offline") with a message in words."""

    account_id: int
    state: str
    message: str = ""


@dataclass(frozen=True)
class UploadFinished:
    """A link upload ended: ``state`` is "shared" (``link_id`` set) or "failed" (``message``)."""

    upload_id: int
    state: str
    outbox_id: int | None = None
    link_id: int | None = None
    message: str = ""


Event = FolderChanged | SyncProgress | AccountStatus | UploadFinished
Subscriber = Callable[[Event], None]


class EventBus:
    """A set of subscribers; publishing calls each one in subscription order."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Add ``callback``; returns a function that unsubscribes it (idempotent)."""
        with self._lock:
            self._subscribers.append(callback)
        return lambda: self.unsubscribe(callback)

    def unsubscribe(self, callback: Subscriber) -> None:
        """Remove ``callback`` if present (idempotent)."""
        with self._lock:
            try:
                self._subscribers.remove(callback)
            except ValueError:
                pass

    def publish(self, event: Event) -> None:
        """Deliver ``event`` to a snapshot of the current subscribers, on this thread."""
        with self._lock:
            targets = list(self._subscribers)
        for callback in targets:
            try:
                callback(event)
            except Exception:  # a broken subscriber must not break the core
                log.exception("event subscriber %r failed on %r", callback, event)


_default_bus = EventBus()


def default_bus() -> EventBus:
    """The process-wide bus the core publishes to."""
    return _default_bus


def subscribe(callback: Subscriber) -> Callable[[], None]:
    """Subscribe to the process-wide bus; returns an unsubscribe function."""
    return _default_bus.subscribe(callback)


def unsubscribe(callback: Subscriber) -> None:
    """Unsubscribe from the process-wide bus (idempotent)."""
    _default_bus.unsubscribe(callback)


def publish(event: Event) -> None:
    """Publish to the process-wide bus."""
    _default_bus.publish(event)
