"""After a UIDVALIDITY change a kept body is reused only when Message-ID, size and the hash of
the refetched header block all match (checklist P4); else it is downloaded again. Real Dovecot."""

from __future__ import annotations

import pytest

from client.imap import ImapSession
from client.sync import folder_sync, header_child
from client.sync.engine import endpoint_for, sync_account
from tests.client.sync.env import SyncEnv, cache_snapshot, make_message, server_snapshot


def _counting_connect(env: SyncEnv, downloaded: list[int]):  # type: ignore[no-untyped-def]
    class Counting(ImapSession):
        def fetch_raw(self, uids):  # type: ignore[no-untyped-def,override]
            for meta, raw in super().fetch_raw(uids):
                downloaded.append(meta.uid)
                yield meta, raw

    def connect() -> ImapSession:
        session = ImapSession.connect(endpoint_for(env.account), env.user.username, env.password)
        session.__class__ = Counting
        return session

    return connect


def _subjects(env: SyncEnv) -> dict[str, str]:
    with env.open() as store:
        return dict(store.conn.execute("SELECT message_id, subject FROM messages").fetchall())


def _cached(env: SyncEnv) -> set[tuple[str, int, str]]:
    return {(f, u, h.split(":")[0]) for f, u, _m, _fl, h in cache_snapshot(env.store_path, env.account.id)}


@pytest.mark.dovecot_only  # the Cyrus test server cannot change a folder's UIDVALIDITY
@pytest.mark.parametrize("headers_first", [False, True, "listed"],
                         ids=["bodies", "headers-first", "listed-by-search"])
def test_same_message_id_and_size_but_another_header_is_downloaded_again(
        sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, headers_first: bool | str) -> None:
    env = sync_env
    originals = [make_message(n, size=3_000) for n in range(4)]
    env.server.append_many(env.user, "INBOX", originals)
    sync_account(env.store_path, env.account, env.password)
    # The server now holds another message under the same Message-ID, of the same size:
    # the Subject changed, its length did not.
    changed = originals[1].replace(b"Subject: Order 1\r\n", b"Subject: Order X\r\n")
    assert len(changed) == len(originals[1]) and changed != originals[1]
    env.server.expunge(env.user, "INBOX", [2])
    env.server.append(env.user, "INBOX", changed)
    env.server.reset_uidvalidity(env.user, "INBOX")
    if headers_first:
        monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    if headers_first == "listed":  # big enough for the listing without a FLAGS/size pass
        monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    downloaded: list[int] = []
    report = sync_account(env.store_path, env.account, env.password,
                          connect=_counting_connect(env, downloaded))
    assert report.error is None, report.error
    assert [f.plan for f in report.folders if f.name == "INBOX"] == ["Rebuild"]
    assert _cached(env) == server_snapshot(env.server, env.user)  # every body is the server's
    assert "Order X" in _subjects(env).values() and "Order 1" not in _subjects(env).values()
    assert len(downloaded) == 1  # the three unchanged messages were reused


@pytest.mark.dovecot_only  # the Cyrus test server cannot change a folder's UIDVALIDITY
def test_same_message_id_size_and_header_is_reused(sync_env: SyncEnv) -> None:
    env = sync_env
    env.server.append_many(env.user, "INBOX", [make_message(n, size=3_000) for n in range(4)])
    sync_account(env.store_path, env.account, env.password)
    env.server.reset_uidvalidity(env.user, "INBOX", renumber=True)
    downloaded: list[int] = []
    report = sync_account(env.store_path, env.account, env.password,
                          connect=_counting_connect(env, downloaded))
    assert report.error is None, report.error
    assert downloaded == []
    assert _cached(env) == server_snapshot(env.server, env.user)
    with env.open() as store:
        assert store.conn.execute("SELECT count(*) FROM orphan_bodies").fetchone() == (0,)


@pytest.mark.dovecot_only  # the Cyrus test server cannot change a folder's UIDVALIDITY
def test_reused_bodies_are_stored_as_they_match_not_all_held_first(
        sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    from client.store import Store
    from client.sync import reuse

    env = sync_env
    env.server.append_many(env.user, "INBOX", [make_message(n, size=3_000) for n in range(6)])
    sync_account(env.store_path, env.account, env.password)
    env.server.reset_uidvalidity(env.user, "INBOX")
    monkeypatch.setattr(reuse, "_CHUNK", 2)
    read: list[int] = []
    at_insert: list[int] = []
    real_headers = ImapSession.fetch_headers
    real_insert = Store.insert_messages

    def headers(self, uids):  # type: ignore[no-untyped-def]
        for meta, header in real_headers(self, uids):
            read.append(meta.uid)
            yield meta, header

    def insert(self, folder_id, batch, watermark):  # type: ignore[no-untyped-def]
        if batch and all(m.body_state == "full" and m.raw for m in batch) and watermark == 0:
            at_insert.append(len(read))
        return real_insert(self, folder_id, batch, watermark)

    monkeypatch.setattr(ImapSession, "fetch_headers", headers)
    monkeypatch.setattr(Store, "insert_messages", insert)
    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    assert at_insert == [2, 4, 6]
