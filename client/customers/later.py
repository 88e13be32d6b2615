"""Queue a message for later: the queueing and `Outbox.schedule` in one durable transaction,
so no flusher ever sees it `queued` before its time (the CLI's `--at`, the composer's Send
later). `their_morning(store, address, now=)`: the next 09:00 on a working day in the zone of
`address` (`local_time.buyer_zone`), or None when no zone is known. Caller's Store and thread;
no network. Raises what the queueing raises (nothing queued) or `OutboxError`.
"""

from __future__ import annotations

from collections.abc import Callable

from client.customers.local_time import buyer_zone
from client.customers.send_time import buyer_morning
from client.outgoing.message import QueuedMessage
from client.smtp.outbox import Outbox
from client.store.db import Store


def queue_later(store: Store, queue: Callable[[], QueuedMessage], send_at: float) -> QueuedMessage:
    """Run `queue` and schedule its message at `send_at` (UTC epoch), all or nothing."""
    with store.transaction(durable=True):
        queued = queue()
        Outbox(store).schedule(queued.outbox_id, send_at)
    return queued


def their_morning(store: Store, address: str, now: float | None = None) -> tuple[float, str] | None:
    """(UTC epoch of their next working-day 09:00, zone) or None without a zone."""
    choice = buyer_zone(store, address)
    if choice is None:
        return None
    return buyer_morning(choice.zone, choice.country, now), choice.zone
