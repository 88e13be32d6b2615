"""Sorting the message list by sender and subject (schema 5 keys and indexes), flat and by
conversation, and the unread look-ups behind "next unread"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from client.store import Folder, Store
from client.store.derive import sender_key

from .factories import BASE_DATE, incoming, make_raw

# n: (From, Subject); message n is dated BASE_DATE + n hours
MAIL = {
    1: ("Alice Chen <alice@supplier.example>", "Quotation"),
    2: ("张伟 <zhang@factory.example>", "回复：报价单"),
    3: ("bob@buyer.example", ""),
    4: ("alice chen <alice@other.example>", "Re: quotation"),
    5: ("Émile Dubois <emile@x.example>", "FWD: Catalogue"),
    6: ("Alice Chen <alice@supplier.example>", "Zebra"),
    7: ("Aaron <aaron@x.example>", "回复: 报价单"),
}


@pytest.fixture
def rows(store: Store, inbox: Folder) -> dict[int, int]:
    """{n: row id} of MAIL in the Inbox; 4 replies to 1 (one conversation); 7 is \\Deleted."""
    made: dict[int, int] = {}
    for n, (sender, subject) in MAIL.items():
        raw = make_raw(n, sender=sender, subject=subject,
                       refs=["msg1@supplier.example"] if n == 4 else (),
                       date=BASE_DATE + timedelta(hours=n))
        flags = ("\\Deleted",) if n == 7 else ("\\Seen",) if n % 2 else ()
        made[n] = store.insert_messages(inbox.id, [incoming(n, raw, flags)], n).added[0]
    return made


def _order(store: Store, folder: Folder, rows: dict[int, int], sort: str, order: str,
           threaded: bool = False) -> list[int]:
    by_row = {row: n for n, row in rows.items()}
    return [by_row[i] for i in store.message_ids(folder.id, order, threaded, sort=sort)]


def test_sender_order_is_name_then_address_casefolded(store: Store, inbox: Folder,
                                                      rows: dict[int, int]) -> None:
    # 4 and 1/6 share the name; the address decides (other < supplier); 6 is newer than 1;
    # an address-only sender sorts by the address; Latin-1 then Chinese by code point
    assert _order(store, inbox, rows, "sender", "asc") == [4, 6, 1, 3, 5, 2]
    assert _order(store, inbox, rows, "sender", "desc") == [2, 5, 3, 1, 6, 4]


def test_subject_order_ignores_reply_prefixes_and_puts_empty_first(
        store: Store, inbox: Folder, rows: dict[int, int]) -> None:
    # "" < catalogue (FWD: dropped) < quotation (4 "Re:" newer than 1) < zebra < 报价单 (回复：)
    assert _order(store, inbox, rows, "subject", "asc") == [3, 5, 4, 1, 6, 2]
    assert _order(store, inbox, rows, "subject", "desc") == [2, 6, 1, 4, 5, 3]


def test_threaded_sort_uses_each_conversation_s_newest_message(
        store: Store, inbox: Folder, rows: dict[int, int]) -> None:
    # 1 and 4 are one conversation, shown (and sorted) as 4, its newest message
    assert _order(store, inbox, rows, "sender", "asc", threaded=True) == [4, 6, 3, 5, 2]
    assert _order(store, inbox, rows, "subject", "asc", threaded=True) == [3, 5, 4, 6, 2]
    assert _order(store, inbox, rows, "subject", "desc", threaded=True) == [2, 6, 4, 5, 3]
    assert _order(store, inbox, rows, "date", "desc", threaded=True) == [6, 5, 4, 3, 2]


def test_stored_sender_key(store: Store, rows: dict[int, int]) -> None:
    stored = dict(store.conn.execute("SELECT id, sender_key FROM messages"))
    assert stored[rows[2]] == sender_key("张伟", "zhang@factory.example") == "张伟\x01zhang@factory.example"
    assert stored[rows[3]] == "bob@buyer.example\x01bob@buyer.example"
    assert stored[rows[5]].startswith("émile dubois\x01")


@pytest.mark.parametrize("sort", ["sender", "subject"])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_text_sorts_are_read_from_an_index(store: Store, inbox: Folder, rows: dict[int, int],
                                           sort: str, order: str) -> None:
    issued: list[str] = []
    store.conn.set_trace_callback(issued.append)
    try:
        store.message_ids(inbox.id, order, sort=sort)
    finally:
        store.conn.set_trace_callback(None)
    sql = next(s for s in issued if s.startswith("SELECT m.id"))
    plan = " ".join(str(r[3]) for r in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert f"COVERING INDEX messages_folder_{sort}" in plan
    assert "TEMP B-TREE" not in plan  # no sorting step: the index is already in list order


def test_unknown_sort_is_refused(store: Store, inbox: Folder) -> None:
    with pytest.raises(ValueError, match="sort must be"):
        store.message_ids(inbox.id, sort="size")


def test_unread_look_ups(store: Store, inbox: Folder, rows: dict[int, int]) -> None:
    unread = {rows[2], rows[4], rows[6]}  # 7 is unread but \Deleted
    assert store.unread_ids(inbox.id) == unread
    assert store.unread_among([rows[1], rows[2], rows[3], rows[6]]) == {rows[2], rows[6]}
    assert store.unread_among([]) == set()
    issued: list[str] = []
    store.conn.set_trace_callback(issued.append)
    store.unread_ids(inbox.id)
    store.conn.set_trace_callback(None)
    plan = " ".join(str(r[3]) for r in store.conn.execute(
        "EXPLAIN QUERY PLAN " + issued[-1].replace("?", str(inbox.id))))
    assert "INDEX messages_unread" in plan  # grows with the unread count, not the folder
