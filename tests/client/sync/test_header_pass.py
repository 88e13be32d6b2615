"""The header-first pass with the header child and read-ahead (issue 17): the rows it lists
carry exactly the columns and threads the in-process parse gives, the child is really used,
and a child that cannot start changes nothing but where the parse runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.store import Account, Store
from client.store.derive import header_columns
from client.sync import folder_sync, header_child
from client.sync.engine import sync_account
from client.sync.header_child import HeaderParser
from tests.client.sync.env import SyncEnv, add_account, make_message

_MESSAGES = [
    make_message(0, size=2_000, message_id="<root@example.net>"),
    (b"From: =?utf-8?b?5byg5LiJ?= <zhang@example.cn>\r\nTo: rep@example.test\r\n"
     b"Subject: =?utf-8?b?5oql5Lu3?=\r\nMessage-ID: <cn@example.cn>\r\n"
     b"Date: Tue, 3 Nov 2026 09:15:00 +0800\r\n\r\nbody\r\n"),
    (b"From: buyer@example.net\r\nSubject: Re: Order 0\r\nMessage-ID: <reply@example.net>\r\n"
     b"In-Reply-To: <root@example.net>\r\nReferences: <root@example.net>\r\n\r\nno date\r\n"),
    "From: Jürgen <j@example.de>\r\nSubject: Angebot für Ventile\r\n\r\n8-bit\r\n".encode(),
    make_message(4, size=3_000),
    make_message(5, size=1_000, subject="Order 4"),
    make_message(6, size=1_000),
]

_COLUMNS = ("uid, subject, subject_key, from_name, from_email, to_json, date_utc, message_id, "
            "in_reply_to, references_json, has_attachments")


def _listed(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[int, int]]]:
    with Store.open(path) as store:
        rows = store.conn.execute(f"SELECT {_COLUMNS} FROM messages ORDER BY uid").fetchall()
        threads = store.conn.execute(
            "SELECT m.uid, r.uid FROM messages m JOIN messages r ON r.id = ("
            "SELECT min(id) FROM messages WHERE thread_id = m.thread_id) ORDER BY m.uid").fetchall()
        bodies = store.conn.execute(
            "SELECT m.uid, b.raw FROM messages m JOIN bodies b ON b.message_id = m.id "
            "ORDER BY m.uid").fetchall()
    for (uid, subject, _key, name, email, *_rest), (body_uid, raw) in zip(rows, bodies,
                                                                          strict=True):
        expected = header_columns(raw)  # what the row must show, parsed here from its body
        assert uid == body_uid
        assert (subject, name, email) == (expected.subject, expected.from_name,
                                          expected.from_email)
    return [tuple(r) for r in rows], [tuple(t) for t in threads]


def _sync_listing_first(path: Path, account: Account, env: SyncEnv,
                        monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 2)
    monkeypatch.setattr(folder_sync, "BATCH_COUNT", 2)
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    sent: list[int] = []
    real_submit = HeaderParser.submit

    def submit(self: HeaderParser, blocks: list[bytes]) -> header_child.Pending:
        sent.append(len(blocks))
        return real_submit(self, blocks)

    monkeypatch.setattr(HeaderParser, "submit", submit)
    report = sync_account(path, account, env.password, connections=0)
    assert report.error is None, report.error
    assert report.folders[0].added == len(_MESSAGES)
    return sent


def test_rows_listed_through_the_child_match_the_in_process_parse(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = sync_env
    for raw in _MESSAGES:
        env.server.append(env.user, "INBOX", raw)
    parsed_here: list[bytes] = []
    real_parse = header_child.header_columns
    monkeypatch.setattr(header_child, "header_columns",
                        lambda raw: parsed_here.append(raw) or real_parse(raw))
    sent = _sync_listing_first(env.store_path, env.account, env, monkeypatch)
    assert parsed_here == []  # the child parsed every header
    assert sum(sent) == len(_MESSAGES) and len(sent) == 4  # batches of 2 went to the child
    rows, threads = _listed(env.store_path)
    assert len(rows) == len(_MESSAGES)
    by_uid = dict(threads)
    assert by_uid[3] == by_uid[1]  # the reply joined its root's thread
    with env.open() as store:
        assert store.conn.execute(
            "SELECT count(*) FROM messages WHERE body_state != 'full'").fetchone()[0] == 0


def test_without_the_child_the_same_rows_and_threads(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = sync_env
    for raw in _MESSAGES:
        env.server.append(env.user, "INBOX", raw)
    _sync_listing_first(env.store_path, env.account, env, monkeypatch)
    child_rows, child_threads = _listed(env.store_path)
    other = tmp_path / "without-child.db"
    account = add_account(other, env.server, env.user)
    monkeypatch.setattr(header_child, "child_command", lambda: [str(tmp_path / "missing")])
    sent = _sync_listing_first(other, account, env, monkeypatch)
    assert sent == [2, 2, 2, 1]  # the same batches, parsed here
    rows, threads = _listed(other)
    assert rows == child_rows and threads == child_threads
