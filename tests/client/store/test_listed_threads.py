"""Threads of header-listed rows come after the listing (``client.store.listed_threads``) and
end exactly as when every insert threaded itself: same order of threading, leftovers of a
killed sync threaded from their columns, rows of a rolled-back insert never threaded."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from client.store import Folder, FolderRecord, IncomingMessage, Store
from client.store.derive import header_columns
from client.store.listed_threads import ListedThreads, thread_listed

from .factories import BASE_DATE, incoming, make_raw


def _mailbox() -> list[list[tuple[str, bytes]]]:
    """Batches of (folder, raw): replies before their root, a late parent, subject-only
    replies in both orders, a full-body batch between listed ones (Sent)."""
    day = timedelta(days=1)
    m = make_raw
    return [
        [("INBOX", m(1, message_id="c2@x", refs=["c1@x"])),
         ("INBOX", m(2, subject="Price list", message_id="s1@x", date=BASE_DATE + 3 * day)),
         ("INBOX", m(3, subject="Unrelated", message_id="u@x"))],
        [("Sent", m(4, subject="Re: Quotation", message_id="r@x", refs=["p@x"]))],
        [("INBOX", m(5, message_id="c1@x", refs=["p@x"])),
         ("INBOX", m(6, subject="Re: Price list", message_id="s2@x", date=BASE_DATE + day)),
         ("INBOX", m(7, subject="RE: price list", message_id="s3@x", date=BASE_DATE + 5 * day))],
        [("INBOX", m(8, message_id="p@x")),
         ("INBOX", m(9, subject="Price list", message_id="s4@x", date=BASE_DATE + 90 * day))],
    ]


def _store_all(store: Store, folders: dict[str, Folder], *, listed: bool) -> None:
    """The mailbox as the header-first pass stores it (``listed``) or with whole bodies; the
    Sent batch always with its body (a small folder's full fetch between listed ones)."""
    uid = 0
    for batch in _mailbox():
        items: list[IncomingMessage] = []
        for name, raw in batch:
            uid += 1
            message = incoming(uid, raw)
            if listed and name == "INBOX":
                message = replace(message, raw=b"", body_state="none",
                                  headers=header_columns(raw))
            items.append(message)
        store.insert_messages(folders[batch[0][0]].id, items, uid)


def _partition(store: Store) -> list[tuple[str, ...]]:
    groups: dict[object, list[str]] = {}
    for message_id, thread in store.conn.execute("SELECT message_id, thread_id FROM messages"):
        groups.setdefault(thread, []).append(message_id)
    return sorted(tuple(sorted(g)) for g in groups.values())


def _labels(store: Store) -> list[tuple[str, int]]:
    return store.conn.execute(
        "SELECT message_id, thread_id FROM messages ORDER BY id").fetchall()


def _open(path: Path) -> tuple[Store, dict[str, Folder], int]:
    store = Store.open(path)
    account = store.add_account("rep@tradewind.example")
    folders = {name: store.upsert_folder(account.id, FolderRecord(name, role=role))
               for name, role in (("INBOX", "inbox"), ("Sent", "sent"))}
    return store, folders, account.id


def test_listed_rows_get_the_same_threads_after_the_listing(tmp_path: Path) -> None:
    reference, ref_folders, _ = _open(tmp_path / "reference.db")
    _store_all(reference, ref_folders, listed=False)
    store, folders, account_id = _open(tmp_path / "listed.db")
    with store, reference:
        _store_all(store, folders, listed=True)
        waiting = store.conn.execute(
            "SELECT count(*) FROM messages WHERE thread_id IS NULL").fetchone()[0]
        assert waiting == 5  # the batches stored after Sent's wait; the first was flushed
        with store.transaction() as conn:
            threaded = thread_listed(conn, store.listed_threads, account_id)
        assert len(threaded) == 5
        assert _labels(store) == _labels(reference)  # the same thread labels, not only groups
        assert ("c1@x", "c2@x", "p@x", "r@x") in _partition(store)
        with store.transaction() as conn:
            assert thread_listed(conn, store.listed_threads, account_id) == []  # idempotent


def test_rows_a_killed_sync_left_unthreaded_are_threaded_from_their_columns(
        tmp_path: Path) -> None:
    reference, ref_folders, _ = _open(tmp_path / "reference.db")
    _store_all(reference, ref_folders, listed=False)
    store, folders, account_id = _open(tmp_path / "listed.db")
    with store, reference:
        _store_all(store, folders, listed=True)
        store.listed_threads = ListedThreads()  # the process died: what waited is gone
        with store.transaction() as conn:
            assert len(thread_listed(conn, store.listed_threads, account_id)) == 5
        assert store.conn.execute(
            "SELECT count(*) FROM messages WHERE thread_id IS NULL").fetchone() == (0,)
        assert _partition(store) == _partition(reference)


def test_a_rolled_back_listing_leaves_nothing_to_thread(store: Store, inbox: Folder,
                                                        account_id: int) -> None:
    raw = make_raw(1, message_id="gone@x")
    listed = IncomingMessage(uid=1, raw=b"", body_state="none", headers=header_columns(raw))
    with pytest.raises(RuntimeError), store.transaction():
        store.insert_messages(inbox.id, [listed], 1)
        raise RuntimeError("the batch's transaction failed")
    assert store.listed_threads.waiting  # its inputs were queued before the rollback
    other = IncomingMessage(uid=2, raw=b"", body_state="none",
                            headers=header_columns(make_raw(2, message_id="new@x")))
    store.insert_messages(inbox.id, [other], 2)  # may take the rolled-back row's id
    with store.transaction() as conn:
        threaded = thread_listed(conn, store.listed_threads, account_id)
    (row_id,) = store.conn.execute("SELECT id FROM messages").fetchone()
    assert threaded == [row_id]
    assert store.conn.execute("SELECT thread_id FROM messages").fetchone() == (row_id,)
