"""A big folder is listed from one UID search and its header batches, without the separate
FLAGS/size pass (issue 17, ``client.sync.header_listing``): the rows, flags, sizes, dates,
threads, bodies and an oversize message's parts end the same as through that pass."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from client import events
from client.imap import ImapSession
from client.store import Store
from client.sync import engine, folder_sync, header_child
from client.sync.engine import SyncReport, sync_account
from tests.client.sync.env import SyncEnv, add_account, make_message
from tests.client.sync.test_engine import _drawings_message

_CAP = 20_000
_COLUMNS = ("m.uid, m.subject, m.from_email, m.date_utc, m.internaldate, m.sort_date, m.size, "
            "m.flags_json, m.seen, m.flagged, m.body_state, m.message_id, b.raw")


def _fill(env: SyncEnv) -> None:
    when = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    env.server.append(env.user, "INBOX", make_message(0, message_id="<root@example.net>"),
                      flags=("\\Seen",), date=when)
    env.server.append(env.user, "INBOX", (
        b"From: buyer@example.net\r\nSubject: Re: Order 0\r\nMessage-ID: <re@example.net>\r\n"
        b"In-Reply-To: <root@example.net>\r\nReferences: <root@example.net>\r\n\r\nok\r\n"),
        flags=("\\Flagged",))
    env.server.append(env.user, "INBOX", _drawings_message("big-listed@example.net"))
    for n in range(3, 8):
        env.server.append(env.user, "INBOX", make_message(n, size=2_000))


def _sync(env: SyncEnv, **options: object) -> SyncReport:
    """A sync on the main connection alone with the small attachment cap; no error."""
    report = sync_account(env.store_path, env.account, env.password, attachment_cap=_CAP,
                          connections=0, **options)  # type: ignore[arg-type]
    assert report.error is None, report.error
    return report


def _state(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], set[frozenset[int]]]:
    with Store.open(path) as store:
        rows = store.conn.execute(
            f"SELECT {_COLUMNS} FROM messages m LEFT JOIN bodies b ON b.message_id = m.id "
            "ORDER BY m.uid").fetchall()
        parts = store.conn.execute(
            "SELECT m.uid, p.part_id, p.filename, p.downloaded FROM parts p "
            "JOIN messages m ON m.id = p.message_id ORDER BY m.uid, p.part_id").fetchall()
        groups: dict[int, set[int]] = {}
        for uid, thread in store.conn.execute("SELECT uid, thread_id FROM messages"):
            groups.setdefault(int(thread), set()).add(int(uid))
    return [tuple(r) for r in rows], [tuple(p) for p in parts], {frozenset(g) for g in groups.values()}


@pytest.mark.server_identity  # the server's UID SEARCH, header replies and BODYSTRUCTURE
def test_a_big_folder_is_listed_without_a_flags_size_pass(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = sync_env
    _fill(env)
    metas: list[str] = []
    real_meta = ImapSession.fetch_meta

    def fetch_meta(self: ImapSession, uid_set: str, changedsince: int | None = None):  # type: ignore[no-untyped-def]
        found = real_meta(self, uid_set, changedsince)
        if found:
            metas.append(f"{self.selected} {uid_set}")
        return found

    monkeypatch.setattr(ImapSession, "fetch_meta", fetch_meta)
    # The reference: the same mailbox through the FLAGS/size pass (a folder below the size).
    reference = tmp_path / "reference.db"
    report = sync_account(reference, add_account(reference, env.server, env.user), env.password,
                          attachment_cap=_CAP, connections=0)
    assert report.error is None, report.error
    assert metas, "the reference sync took the FLAGS/size pass"
    metas.clear()
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 3)
    phases: list[str] = []
    _sync(env, progress=lambda e: phases.append(e.phase))
    assert metas == []  # no FLAGS/size pass over new mail (only empty folders were asked)
    assert phases.count("headers") == 3 and "fetch" in phases  # listed in 3 batches, then bodies
    rows, parts, threads = _state(env.store_path)
    assert (rows, parts, threads) == _state(reference)
    assert [r[10] for r in rows] == ["full", "full", "partial"] + ["full"] * 5
    assert rows[1][3] is None and rows[1][5] == rows[1][4]  # no Date: sorted by INTERNALDATE (P9)
    assert (rows[0][8], rows[1][9]) == (1, 1)  # \Seen and \Flagged from the header batches
    assert parts == [(3, "2", "d.bin", 0)]  # the oversize one: header + text, its part listed
    assert frozenset({1, 2}) in threads
    again = sync_account(env.store_path, env.account, env.password, attachment_cap=_CAP)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)


def test_rows_stored_above_the_watermark_are_upserted_not_duplicated(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupted listing left rows above the saved UIDNEXT: the next listing upserts
    them (flags changed on the server meanwhile arrive), nothing doubles."""
    env = sync_env
    _fill(env)
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 3)
    _sync(env)
    with env.open() as store:  # as if the folder's state had not been saved
        store.conn.execute("UPDATE folders SET uidnext = 4, synced_uid = 3, highestmodseq = 0 "
                           "WHERE name = 'INBOX'")
        store.conn.commit()
    env.server.store_flags(env.user, "INBOX", [5], ["\\Seen"])
    report = _sync(env)
    assert report.added == 0
    with env.open() as store:
        assert store.conn.execute(
            "SELECT count(*), count(DISTINCT uid) FROM messages").fetchone() == (8, 8)
        assert store.conn.execute("SELECT seen FROM messages WHERE uid = 5").fetchone() == (1,)


def test_a_wide_uid_range_with_few_messages_is_fetched_whole(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """UIDNEXT far above the few messages left: the search finds fewer than the threshold,
    so the folder takes the FLAGS/size pass and one body fetch, not a listing first."""
    env = sync_env
    env.server.append_many(env.user, "INBOX", [make_message(n) for n in range(6)])
    env.server.expunge(env.user, "INBOX", [1, 2, 3, 4])
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 4)
    phases: list[str] = []
    report = sync_account(env.store_path, env.account, env.password, connections=0,
                          progress=lambda e: phases.append(e.phase))
    assert report.error is None, report.error
    assert "headers" not in phases and report.added == 2
    with env.open() as store:
        assert store.conn.execute(
            "SELECT uid, body_state FROM messages ORDER BY uid").fetchall() == [
                (5, "full"), (6, "full")]


def test_listed_rows_are_threaded_and_searchable_before_the_bodies(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The search rows and threads the listing leaves out are added once every folder is
    listed, before the first body batch (``client.sync.listing_finish``)."""
    env = sync_env
    _fill(env)
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 3)
    found: list[tuple[int, int, int, int]] = []
    changed: list[tuple[int, ...]] = []
    real_fill = engine.fill_bodies

    def fill_bodies(ctx, listed, report):  # type: ignore[no-untyped-def]
        if not found:  # the body pass begins: nothing downloaded yet
            with env.open() as store:
                waiting, alone = store.conn.execute(
                    "SELECT sum(body_state = 'none'), sum(thread_id IS NULL) "
                    "FROM messages").fetchone()
                found.append((waiting, alone, len(store.search("subject:order")),
                              len(store.search("from:buyer3@example.net"))))
        return real_fill(ctx, listed, report)

    monkeypatch.setattr(engine, "fill_bodies", fill_bodies)
    bus = events.EventBus()
    bus.subscribe(lambda e: changed.append(e.updated) if isinstance(e, events.FolderChanged)
                  and e.updated and not found else None)
    _sync(env, bus=bus)
    # before the first body: every row listed and threaded, the seven "Order" subjects and
    # buyer 3 found, and the threaded rows published as changed (the list regroups them)
    assert found == [(8, 0, 7, 1)]
    with env.open() as store:
        ids = sorted(int(i) for (i,) in store.conn.execute("SELECT id FROM messages"))
    assert sorted(i for ids_ in changed for i in ids_) == ids


def test_rows_a_killed_sync_left_without_threads_get_them_at_the_next_sync(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing ended without its follow-up (as if killed right after the last header
    batch): the next sync, with no new mail, threads those rows before anything else."""
    env = sync_env
    _fill(env)
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 3)
    monkeypatch.setattr(engine, "finish_listing", lambda ctx: None)
    monkeypatch.setattr(engine, "_fill_all_bodies", lambda *args: None)
    _sync(env)
    with env.open() as store:
        assert store.conn.execute(
            "SELECT count(*) FROM messages WHERE thread_id IS NULL").fetchone() == (8,)
        # the sync's own indexing at its end gave them their search rows (subject, addresses)
        assert len(store.search("subject:order")) == 7
    monkeypatch.undo()  # a small delivery now: fetched whole and threaded in its insert
    env.server.append(env.user, "INBOX", (
        b"From: buyer@example.net\r\nSubject: Re: Order 0\r\nMessage-ID: <re2@example.net>\r\n"
        b"References: <root@example.net>\r\n\r\nagain\r\n"))
    report = _sync(env)
    assert report.added == 1
    with env.open() as store:
        assert store.conn.execute(
            "SELECT count(*) FROM messages WHERE thread_id IS NULL").fetchone() == (0,)
        threads = {frozenset(int(u) for u in group.split(",")) for (group,) in store.conn.execute(
            "SELECT group_concat(uid) FROM messages GROUP BY thread_id")}
        labels = store.conn.execute(
            "SELECT thread_id, id FROM messages WHERE uid IN (1, 2, 9) ORDER BY uid").fetchall()
    assert frozenset({1, 2, 9}) in threads and len(threads) == 7
    # the leftovers were threaded before the new reply: the conversation keeps the label an
    # uninterrupted sync gives it (its root's row), not the reply's
    root_id = labels[0][1]
    assert [label for label, _id in labels] == [root_id] * 3
