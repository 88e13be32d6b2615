"""``client.sync.read_ahead``: batches come back in order, fetched one ahead on a helper
thread; after an error, a cancel or an early close the helper has stopped, so the caller may
use its session again."""

from __future__ import annotations

import threading

from client.sync.read_ahead import read_ahead


def test_every_batch_in_order_fetched_on_a_helper_thread() -> None:
    caller = threading.get_ident()
    threads: set[int] = set()

    def fetch(n: int) -> int:
        threads.add(threading.get_ident())
        return n * 10

    got = list(read_ahead(fetch, [1, 2, 3, 4], threading.Event()))
    assert got == [(1, 10, None), (2, 20, None), (3, 30, None), (4, 40, None)]
    assert threads and caller not in threads


def test_the_next_batch_is_fetched_while_the_caller_holds_the_previous() -> None:
    second_started = threading.Event()

    def fetch(n: int) -> int:
        if n == 2:
            second_started.set()
        return n

    items = read_ahead(fetch, [1, 2], threading.Event())
    assert next(items) == (1, 1, None)
    assert second_started.wait(10)  # fetched before the caller asked for it
    assert list(items) == [(2, 2, None)]


def test_an_error_comes_last_and_the_helper_has_stopped() -> None:
    fetched: list[int] = []
    failure = ValueError("unreadable reply")

    def fetch(n: int) -> int:
        fetched.append(n)
        if n == 2:
            raise failure
        return n

    got = list(read_ahead(fetch, [1, 2, 3], threading.Event()))
    assert got == [(1, 1, None), (2, None, failure)]
    assert fetched == [1, 2]  # nothing fetched after the failure
    assert not [t for t in threading.enumerate() if t.name == "tw-read-ahead"]


def test_closing_early_waits_for_the_batch_in_flight() -> None:
    active = [0]
    release = threading.Event()
    entered = threading.Event()

    def fetch(n: int) -> int:
        active[0] += 1
        if n == 2:
            entered.set()
            release.wait(10)
        active[0] -= 1
        return n

    items = read_ahead(fetch, [1, 2, 3], threading.Event())
    assert next(items) == (1, 1, None)
    assert entered.wait(10)
    threading.Timer(0.2, release.set).start()
    items.close()  # returns only once batch 2's fetch has ended
    assert active[0] == 0
    assert not [t for t in threading.enumerate() if t.name == "tw-read-ahead"]


def test_cancel_stops_the_helper_before_its_next_batch() -> None:
    cancel = threading.Event()
    fetched: list[int] = []

    def fetch(n: int) -> int:
        fetched.append(n)
        cancel.set()
        return n

    got = list(read_ahead(fetch, [1, 2, 3], cancel))
    assert got == [(1, 1, None)] and fetched == [1]
