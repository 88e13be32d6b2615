"""Faults during a sync against the real Dovecot: a line cut in the middle of a FETCH literal,
a full disk, cancellation. The cache must stay consistent and the next sync must converge."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from client import events
from client.store import Store, StoreWriteError
from client.sync import engine, folder_sync
from client.sync.engine import sync_account
from tests.client.sync.env import (
    SyncEnv,
    add_account,
    cache_snapshot,
    make_message,
    server_snapshot,
)
from tests.servers.faultproxy import FaultProxy


def _fill(env: SyncEnv, count: int, size: int) -> None:
    for n in range(count):
        env.server.append(env.user, "INBOX", make_message(n, size=size))


def _bodies(path: Path, account_id: int) -> set[tuple[str, int, str]]:
    return {(f, u, h.split(":")[0]) for f, u, _m, _fl, h in cache_snapshot(path, account_id)}


def _full_and_placeholders(path: Path, account_id: int) -> tuple[set[int], set[int]]:
    """UIDs stored with their body, UIDs stored as "could not be read" placeholders."""
    with Store.open(path) as store:
        rows = store.conn.execute(
            "SELECT uid, body_state, fetch_error FROM messages WHERE account_id = ?",
            (account_id,)).fetchall()
    return ({int(u) for u, state, _e in rows if state == "full"},
            {int(u) for u, state, err in rows if state == "none" and err})


@pytest.mark.parametrize("parallel", [False, True], ids=["one-connection", "helpers"])
def test_cut_mid_fetch_stores_no_partial_body_and_next_sync_resumes(
    sync_env: SyncEnv, make_fault_proxy: Callable[..., FaultProxy],
    monkeypatch: pytest.MonkeyPatch, parallel: bool,
) -> None:
    env = sync_env
    _fill(env, 24, 40_000)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 5)
    monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 40)
    proxy = make_fault_proxy(env.server.imaps_port)
    path = env.store_path.with_name("proxied.db")
    account = add_account(path, env.server, env.user, port=proxy.port)
    proxy.cut_after_downstream(500_000)  # inside a literal of the second or third batch
    first = sync_account(path, account, env.password, connections=2 if parallel else 0)
    assert proxy.wait_cut(5)
    assert first.status == "offline" and first.error
    on_server = server_snapshot(env.server, env.user)
    stored = _bodies(path, account.id)
    assert 0 < len(stored) < 24
    assert stored <= on_server  # every stored body is complete and belongs to its UID
    with Store.open(path) as store:
        inbox = store.folder_by_role(account.id, "inbox")
        assert inbox is not None and inbox.uidnext is None  # not marked complete
        assert store.account(account.id).status == "offline"  # type: ignore[union-attr]
    second = sync_account(path, account, env.password, connections=2 if parallel else 0)
    assert second.error is None, second.error
    assert _bodies(path, account.id) == on_server
    with Store.open(path) as store:
        assert store.account(account.id).status == "ok"  # type: ignore[union-attr]


@contextmanager
def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, extra_bytes: int) -> Iterator[None]:
    """Every Store the engine opens refuses to grow beyond ``extra_bytes`` more (in pages of
    its own size): SQLite reports SQLITE_FULL exactly as on a full disk."""
    real_open = Store.open.__func__  # type: ignore[attr-defined]

    def open_capped(cls: type[Store], path: object, **kw: object) -> Store:
        store = real_open(cls, path, **kw)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + extra_bytes // page_size}")
        return store

    monkeypatch.setattr(engine.Store, "open", classmethod(open_capped))
    yield
    monkeypatch.undo()


def test_disk_full_stops_with_a_message_and_keeps_the_cache_consistent(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = sync_env
    _fill(env, 30, 20_000)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 5)
    with _disk_fills_after(monkeypatch, extra_bytes=60 * 4096):  # one batch or two
        report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.status == "error"
    assert report.error is not None and "disk is full" in report.error
    on_server = server_snapshot(env.server, env.user)
    stored = _bodies(env.store_path, env.account.id)
    assert len(stored) < 30 and stored <= on_server
    with Store.open(env.store_path) as store:
        assert store.integrity_errors() == []
    again = sync_account(env.store_path, env.account, env.password)
    assert again.error is None
    assert _bodies(env.store_path, env.account.id) == on_server


def test_store_write_error_class_is_what_the_store_raises(sync_env: SyncEnv) -> None:
    # Guards the test above: the capped store really raises the store's own error.
    with Store.open(sync_env.store_path) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreWriteError):
            store.set_setting("big", "x" * 100_000)


def test_cancel_stops_between_batches_and_resumes(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = sync_env
    _fill(env, 20, 1_000)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 4)
    cancel = threading.Event()

    def stop_after_first_batch(event: events.SyncProgress) -> None:
        if event.phase == "fetch" and event.done >= 4:
            cancel.set()

    report = sync_account(env.store_path, env.account, env.password, cancel=cancel,
                          progress=stop_after_first_batch, connections=0)
    assert report.cancelled
    assert 0 < len(_bodies(env.store_path, env.account.id)) < 20
    resumed = sync_account(env.store_path, env.account, env.password)
    assert resumed.error is None
    assert _bodies(env.store_path, env.account.id) == server_snapshot(env.server, env.user)


def test_helper_connections_refused_falls_back_to_the_main_connection(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    from client.imap import ImapSession, ServerUnavailable
    from client.sync.engine import endpoint_for

    env = sync_env
    _fill(env, 12, 2_000)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 3)
    monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0)
    opened: list[int] = []

    def connect_once() -> ImapSession:  # a server allowing one connection per user
        opened.append(1)
        if len(opened) > 1:
            raise ServerUnavailable("Too many connections from this address.")
        return ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)

    report = sync_account(env.store_path, env.account, env.password, connections=2,
                          connect=connect_once)
    assert report.error is None, report.error
    assert len(opened) >= 2  # helpers were tried
    assert _bodies(env.store_path, env.account.id) == server_snapshot(env.server, env.user)


def test_unreadable_message_is_skipped_and_recorded(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply the adapter cannot parse (checklist P6) costs that message only."""
    from client.imap import ImapSession, ProtocolError
    from client.sync.engine import endpoint_for

    env = sync_env
    _fill(env, 9, 500)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 4)

    class Unreadable(ImapSession):
        def fetch_raw(self, uids):  # type: ignore[no-untyped-def,override]
            if 6 in uids:
                raise ProtocolError("The server sent a response Tradewind cannot read.")
            return super().fetch_raw(uids)

    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.__class__ = Unreadable
        return session

    report = sync_account(env.store_path, env.account, env.password, connect=connect,
                          connections=0)
    [inbox] = [f for f in report.folders if f.name == "INBOX"]
    assert inbox.error is not None and "UID 6" in inbox.error
    assert report.error is None and not report.ok
    full, placeholders = _full_and_placeholders(env.store_path, env.account.id)
    assert full == {1, 2, 3, 4, 5, 7, 8, 9} and placeholders == {6}
    with Store.open(env.store_path) as store:
        folder = store.folder_by_role(env.account.id, "inbox")
        assert folder is not None and "UID 6" in (folder.last_error or "")


@pytest.mark.parametrize("parallel", [False, True], ids=["one-connection", "helpers"])
def test_reply_the_adapter_skipped_is_recorded_not_lost_silently(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    """The adapter skips an unreadable FETCH reply and notes it in ``session.unparsed``; the
    sync must tell that apart from an expunge and record the UID on the folder."""
    from client.imap import ImapSession
    from client.sync.engine import endpoint_for

    env = sync_env
    _fill(env, 9, 500)
    with env.server.imap_admin(env.user) as imap:  # a real expunge in the same range
        imap.select("INBOX")
        imap.uid("STORE", "8", "+FLAGS", "(\\Deleted)")
        imap.expunge()
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 4)
    monkeypatch.setattr(folder_sync, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 40)

    class SkipsSix(ImapSession):
        def fetch_raw(self, uids):  # type: ignore[no-untyped-def,override]
            for meta, raw in super().fetch_raw(uids):
                if meta.uid == 6:
                    self.unparsed.append("bad ENVELOPE")
                    continue
                yield meta, raw

    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.__class__ = SkipsSix
        return session

    report = sync_account(env.store_path, env.account, env.password, connect=connect,
                          connections=2 if parallel else 0)
    [inbox] = [f for f in report.folders if f.name == "INBOX"]
    assert inbox.error is not None and "UID 6)" in inbox.error and "8" not in inbox.error
    full, placeholders = _full_and_placeholders(env.store_path, env.account.id)
    assert full == {1, 2, 3, 4, 5, 7, 9} and placeholders == {6}


def test_cache_from_a_newer_tradewind_is_reported_not_raised(sync_env: SyncEnv) -> None:
    import sqlite3

    env = sync_env
    conn = sqlite3.connect(env.store_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    report = sync_account(env.store_path, env.account, env.password)
    assert report.status == "error"
    assert report.error is not None and "newer Tradewind" in report.error
