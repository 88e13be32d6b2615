"""Importing an .eml the rep opened: stored at once, uploaded by the next sync (APPEND) on the
real Dovecot and Cyrus, never lost offline, never imported twice, bad files refused in words."""

from __future__ import annotations

import pytest

from client.ops import queue
from client.ops.import_file import ImportRefused, import_message
from client.store import Store
from client.sync.engine import sync_account
from tests.client.sync.env import (
    SyncEnv,
    make_message,
    sync_env,  # noqa: F401  (fixture)
)

ORDER = make_message(7, subject="Sample order 4471", message_id="<order4471@harbor.example>")


def _inbox(store: Store, env: SyncEnv) -> int:
    folder = store.folder_by_role(env.account.id, "inbox")
    assert folder is not None
    return folder.id


def test_an_imported_message_is_uploaded_by_the_next_sync(sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    env.server.append(env.user, "INBOX", make_message(1))
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.open() as store:  # offline: stored and listed at once, the upload queued
        row = import_message(store, ORDER, _inbox(store, env))
        message = store.get_message(row)
        assert message is not None and message.uid is None and message.subject == "Sample order 4471"
        assert store.get_raw(row) == ORDER
        assert [op.kind for op in queue.pending(store, env.account.id)] == ["move"]
    before = set(env.server.uids(env.user, "INBOX"))

    report = sync_account(env.store_path, env.account, env.password)
    assert report.error is None, report.error
    [new_uid] = set(env.server.uids(env.user, "INBOX")) - before
    assert env.server.fetch_raw(env.user, "INBOX", new_uid).replace(b"\r\n", b"\n") == \
        ORDER.replace(b"\r\n", b"\n")
    with env.open() as store:
        assert queue.pending(store, env.account.id) == []
        rows = store.conn.execute("SELECT uid FROM messages WHERE message_id = ?",
                                  ("order4471@harbor.example",)).fetchall()
        assert [r[0] for r in rows] == [new_uid]  # one row, now with its server UID
        with pytest.raises(ImportRefused, match="already holds this message"):
            import_message(store, ORDER, _inbox(store, env))


def test_bad_files_are_refused_and_change_nothing(sync_env: SyncEnv) -> None:  # noqa: F811
    env = sync_env
    assert sync_account(env.store_path, env.account, env.password).error is None
    with env.open() as store:
        inbox = _inbox(store, env)
        count = store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        for bad in (b"", b"\r\n\r\n", b"just some words, no header at all"):
            with pytest.raises(ImportRefused, match="no mail message"):
                import_message(store, bad, inbox)
        local = store.recovered_folder(env.account.id)
        with pytest.raises(ImportRefused, match="only on this computer"):
            import_message(store, ORDER, local.id)
        assert store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == count
        assert queue.pending(store, env.account.id) == []
