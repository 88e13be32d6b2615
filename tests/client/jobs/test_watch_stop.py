"""A stopped IDLE watcher says nothing more: a login that fails after ``stop()`` (the password
it read before the rep re-entered it) must not publish an ``AccountStatus`` that would land
after the new watcher's and the worker's reports and mark a fixed account "password refused"
again (the race behind tests/ui/test_sync_driver.py's wrong-password test)."""

from __future__ import annotations

import threading

from client import events
from client.imap import AuthenticationError, ImapSession
from client.jobs.watch import InboxWatcher
from client.store import Account


def _account() -> Account:
    return Account(id=7, email="mei@example.cn", display_name="Mei", imap_host="127.0.0.1",
                   imap_port=1, smtp_host="127.0.0.1", smtp_port=1, security="ssl",
                   username="mei", ca_file=None, pinned_sha256=None, preset=None,
                   status="auth-failed", last_error=None, created=0.0)


def test_a_login_refused_after_stop_is_not_reported() -> None:
    bus = events.EventBus()
    seen: list[events.Event] = []
    bus.subscribe(seen.append)
    entered, release = threading.Event(), threading.Event()

    def connect() -> ImapSession:  # the login with the old password, still on the wire
        entered.set()
        release.wait(30)
        raise AuthenticationError("Wrong user name or password.")

    watcher = InboxWatcher(_account(), lambda a: "old", lambda: None, bus=bus,
                           connect=connect).start()
    assert entered.wait(30)
    watcher.stop(0)  # as the driver does when the rep enters the right password
    release.set()
    assert watcher.stop(30)  # the thread has ended
    assert [e for e in seen if isinstance(e, events.AccountStatus)] == []


def test_a_refused_login_of_a_running_watcher_is_reported_once() -> None:
    bus = events.EventBus()
    seen: list[events.AccountStatus] = []
    reported = threading.Event()

    def on_event(event: events.Event) -> None:
        if isinstance(event, events.AccountStatus):
            seen.append(event)
            reported.set()

    bus.subscribe(on_event)

    def connect() -> ImapSession:
        raise AuthenticationError("Wrong user name or password.")

    watcher = InboxWatcher(_account(), lambda a: "old", lambda: None, bus=bus,
                           connect=connect, backoff_max=300).start()
    try:
        assert reported.wait(30)
    finally:
        assert watcher.stop(30)
    assert [(e.account_id, e.state) for e in seen] == [(7, "auth-failed")]
