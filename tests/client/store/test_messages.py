"""Batch insert (idempotent, watermark), flags, expunges, UIDVALIDITY and the list queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.store import Folder, IncomingMessage, Store

from .factories import BASE_DATE, incoming, make_raw


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    return store.conn.execute(
        "SELECT m.*, length(b.raw) FROM messages m LEFT JOIN bodies b ON b.message_id = m.id "
        "ORDER BY m.id"
    ).fetchall()


def test_insert_derives_columns_and_advances_watermark(store: Store, inbox: Folder) -> None:
    raw = make_raw(1, subject="=?utf-8?b?5oql5Lu35Y2V?= for 40HQ", refs=["root@x"])
    result = store.insert_messages(inbox.id, [incoming(5, raw, ("\\Seen", "$Label1"), 7)], 9)
    assert len(result.added) == 1 and result.updated == ()
    row = store.get_message(result.added[0])
    assert row is not None
    assert row.subject == "报价单 for 40HQ" and row.from_email == "alice@supplier.example"
    assert row.from_name == "Alice Chen" and row.to == (("Rep", "rep@tradewind.example"),)
    assert row.message_id == "msg1@supplier.example" and row.in_reply_to == "root@x"
    assert row.references == ("root@x",) and row.seen and not row.flagged
    assert row.flags == ("$Label1", "\\Seen") and row.modseq == 7 and row.indexed == 0
    assert row.date == BASE_DATE.replace(hour=10) and row.body_state == "full"
    assert store.get_raw(row.id) == raw
    folder = store.folder(inbox.id)
    assert folder is not None and folder.synced_uid == 9


def test_same_batch_twice_changes_nothing(store: Store, inbox: Folder) -> None:
    batch = [incoming(uid, make_raw(uid, refs=["r@x"] if uid % 2 else ()), ("\\Seen",))
             for uid in range(1, 21)]
    store.insert_messages(inbox.id, batch, 20)
    before = _snapshot(store)
    again = store.insert_messages(inbox.id, batch, 20)
    assert again.added == () and again.updated == ()
    assert _snapshot(store) == before


def test_watermark_never_goes_back(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(10, make_raw(10))], 50)
    store.insert_messages(inbox.id, [incoming(3, make_raw(3))], 5)
    folder = store.folder(inbox.id)
    assert folder is not None and folder.synced_uid == 50


def test_existing_row_gets_new_flags_and_full_body(store: Store, inbox: Folder) -> None:
    raw = make_raw(1)
    head = raw.split(b"\n\n")[0] + b"\n\n"
    store.insert_messages(inbox.id, [IncomingMessage(1, head, body_state="partial")], 1)
    result = store.insert_messages(inbox.id, [incoming(1, raw, ("\\Flagged",), 3)], 1)
    row = store.get_message(result.updated[0])
    assert row is not None and row.flagged and row.body_state == "full" and row.modseq == 3
    assert store.get_raw(row.id) == raw


def test_garbage_message_is_stored_not_refused(store: Store, inbox: Folder) -> None:
    result = store.insert_messages(inbox.id, [incoming(1, b"\x00\xff not mail at all")], 1)
    row = store.get_message(result.added[0])
    assert row is not None and row.subject == "" and row.message_id is None
    assert store.index_pending() == 1


def test_update_flags_remove_uids_folder_uids(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(u, make_raw(u)) for u in (1, 2, 3)], 3)
    changed = store.update_flags(inbox.id, {1: (("\\Seen",), 10), 2: ((), None), 99: ((), 1)})
    assert len(changed) == 1
    assert store.update_flags(inbox.id, {1: (("\\Seen",), 10)}) == []
    removed = store.remove_uids(inbox.id, [2, 42])
    assert len(removed) == 1
    assert store.folder_uids(inbox.id) == {1: ("\\Seen",), 3: ()}
    assert store.remove_uids(inbox.id, [2]) == []


def test_clear_folder_keeps_local_rows_and_bodies_for_reuse(
    store: Store, account_id: int, inbox: Folder
) -> None:
    raw = make_raw(1)
    store.insert_messages(inbox.id, [incoming(1, raw), incoming(2, make_raw(2))], 2)
    store.conn.execute(
        "INSERT INTO messages(account_id, folder_id, uid, message_id, subject) "
        "VALUES (?, ?, NULL, 'local@x', 'offline copy')",
        (account_id, inbox.id),
    )
    store.save_folder_state(inbox.id, uidvalidity=1, uidnext=3)
    assert store.clear_folder(inbox.id) == 2
    rows = store.list_messages(inbox.id)
    assert [(r.uid, r.subject) for r in rows] == [(None, "offline copy")]
    folder = store.folder(inbox.id)
    assert folder is not None and folder.synced_uid == 0 and folder.uidnext is None
    assert store.cached_body(account_id, "msg1@supplier.example") == raw
    # Matching Message-ID and size is not enough (P4): the store never attaches a kept body on
    # its own; client.sync.reuse does, once the refetched header's hash matches too.
    head = raw.split(b"\n\n")[0] + b"\n\n"
    partial = IncomingMessage(7, head, size=len(raw), body_state="partial")
    added = store.insert_messages(inbox.id, [partial], 7).added
    row = store.get_message(added[0])
    assert row is not None and row.uid == 7 and row.body_state == "partial"
    assert store.get_raw(row.id) == head
    store.purge_orphan_bodies(account_id)
    assert store.cached_body(account_id, "msg1@supplier.example") is None


def test_list_ids_and_rows_by_ids(store: Store, inbox: Folder, sent: Folder) -> None:
    batch = [incoming(u, make_raw(u)) for u in range(1, 8)]
    store.insert_messages(inbox.id, batch, 7)
    store.insert_messages(sent.id, [incoming(1, make_raw(50))], 1)
    ids = store.message_ids(inbox.id)
    assert len(ids) == 7
    dates = [r.sort_date for r in store.rows_by_ids(ids)]
    assert dates == sorted(dates, reverse=True)
    assert store.message_ids(inbox.id, order="asc") == ids[::-1]
    page = store.list_messages(inbox.id, limit=3, offset=2)
    assert [r.id for r in page] == ids[2:5]
    assert [r.id for r in store.rows_by_ids([ids[3], 999999, ids[0]])] == [ids[3], ids[0]]
    assert len(store.message_ids(None)) == 8
    with pytest.raises(ValueError):
        store.message_ids(inbox.id, order="sideways")


def test_missing_date_sorts_by_internaldate(store: Store, inbox: Folder) -> None:
    no_date = b"Subject: undated\r\nMessage-ID: <u@x>\r\n\r\nbody\r\n"
    late = BASE_DATE.replace(year=2030)
    store.insert_messages(inbox.id, [IncomingMessage(1, no_date, internaldate=late),
                                     incoming(2, make_raw(2))], 2)
    first = store.list_messages(inbox.id)[0]
    assert first.subject == "undated" and first.date is None and first.sort_date == late.timestamp()


def test_get_raw_of_missing_body_raises(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get_raw(12345)


def test_insert_into_unknown_folder_raises(store: Store) -> None:
    with pytest.raises(KeyError):
        store.insert_messages(777, [incoming(1, make_raw(1))], 1)


def test_index_pending_is_resumable(store: Store, inbox: Folder, tmp_path: Path) -> None:
    store.insert_messages(inbox.id, [incoming(u, make_raw(u, attachment="PI-2024.pdf"))
                                     for u in range(1, 6)], 5)
    assert store.pending_index_count() == 5
    assert store.index_pending(2) == 2
    assert store.index_pending(10) == 3
    assert store.index_pending(10) == 0
    rows = store.list_messages(inbox.id)
    assert all(r.indexed == 1 and r.has_attachments for r in rows)
    assert rows[0].preview.startswith("Hello, please find")
