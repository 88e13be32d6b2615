"""Tests of the thread-safe event bus."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from client.events import AccountStatus, Event, EventBus, FolderChanged, SyncProgress


def test_subscribers_receive_events_in_order_on_publishing_thread() -> None:
    bus = EventBus()
    seen: list[tuple[str, Event, int]] = []
    bus.subscribe(lambda e: seen.append(("a", e, threading.get_ident())))
    bus.subscribe(lambda e: seen.append(("b", e, threading.get_ident())))
    event = FolderChanged(1, 2, added=(3,))
    thread = threading.Thread(target=bus.publish, args=(event,))
    thread.start()
    thread.join()
    assert [s[0] for s in seen] == ["a", "b"]
    assert all(s[1] is event for s in seen)
    assert all(s[2] == thread.ident for s in seen)


def test_failing_subscriber_does_not_stop_others() -> None:
    bus = EventBus()
    got: list[Event] = []

    def broken(_: Event) -> None:
        raise RuntimeError("boom")

    bus.subscribe(broken)
    bus.subscribe(got.append)
    bus.publish(AccountStatus(1, "error", "wrong password"))
    assert got == [AccountStatus(1, "error", "wrong password")]


def test_unsubscribe_is_idempotent() -> None:
    bus = EventBus()
    got: list[Event] = []
    off = bus.subscribe(got.append)
    off()
    off()
    bus.unsubscribe(got.append)
    bus.publish(SyncProgress(1, "INBOX", 1, 2, "fetch"))
    assert got == []


def test_events_are_frozen() -> None:
    event = SyncProgress(1, "INBOX", 1, 2, "fetch")
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.done = 2  # type: ignore[misc]


def test_concurrent_publish_and_subscribe() -> None:
    bus = EventBus()
    counts: list[int] = []
    lock = threading.Lock()

    def count(_: Event) -> None:
        with lock:
            counts.append(1)

    bus.subscribe(count)

    def publisher() -> None:
        for i in range(200):
            bus.publish(FolderChanged(1, i))

    def churner() -> None:
        for _ in range(200):
            off = bus.subscribe(lambda e: None)
            off()

    threads = [threading.Thread(target=publisher) for _ in range(3)] + [
        threading.Thread(target=churner)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(counts) == 600
