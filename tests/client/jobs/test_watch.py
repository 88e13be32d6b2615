"""IDLE watcher against the real Dovecot: new mail queues a sync, IDLE is re-issued, and a cut
line is reconnected with backoff."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from client.jobs.watch import InboxWatcher
from tests.client.sync.env import SyncEnv, add_account, make_message
from tests.servers.faultproxy import FaultProxy


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.cond = threading.Condition()

    def __call__(self) -> None:
        with self.cond:
            self.count += 1
            self.cond.notify_all()

    def wait_for(self, n: int) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: self.count >= n, timeout=30)


@pytest.mark.server_identity  # the server's IDLE notifications
def test_new_mail_during_idle_queues_a_sync(sync_env: SyncEnv) -> None:
    env = sync_env
    changes = Counter()
    watcher = InboxWatcher(env.account, lambda a: env.password, changes).start()
    try:
        assert changes.wait_for(1)  # the catch-up sync after connecting
        env.server.deliver(env.user, make_message(1))
        assert changes.wait_for(2)
    finally:
        stopped = watcher.stop(timeout=10)
    assert stopped  # the blocking IDLE was interrupted, not waited out
    assert watcher.connections == 1


def test_idle_is_reissued_after_its_timeout(sync_env: SyncEnv) -> None:
    env = sync_env
    changes = Counter()
    watcher = InboxWatcher(env.account, lambda a: env.password, changes, idle_seconds=0.2).start()
    try:
        assert changes.wait_for(1)
        reissued = threading.Event()
        for _ in range(300):
            if watcher.idle_commands >= 3:
                reissued.set()
                break
            threading.Event().wait(0.05)
        assert reissued.is_set()
        env.server.deliver(env.user, make_message(2))
        assert changes.wait_for(2)
    finally:
        watcher.stop()


def test_cut_line_reconnects_with_backoff_and_catches_up(
    sync_env: SyncEnv, make_fault_proxy: Callable[..., FaultProxy]
) -> None:
    env = sync_env
    proxy = make_fault_proxy(env.server.imaps_port)
    account = add_account(env.store_path.with_name("other.db"), env.server, env.user,
                          port=proxy.port)
    changes = Counter()
    watcher = InboxWatcher(account, lambda a: env.password, changes, backoff_initial=0.05,
                           backoff_max=0.2).start()
    try:
        assert changes.wait_for(1)
        proxy.refuse_new = True
        assert proxy.cut_now() >= 1
        env.server.deliver(env.user, make_message(3))  # arrives while the line is down
        proxy.refuse_new = False
        assert changes.wait_for(2)  # reconnected and queued a catch-up sync
    finally:
        watcher.stop()
    assert watcher.connections >= 2
