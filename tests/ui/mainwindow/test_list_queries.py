"""The list's background queries: folder sorts through the store's indexes, and "next unread"
(the row below, else the next folder with unread mail in tree order, else wrap)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from client.store import FolderRecord, Store
from tests.client.store.factories import BASE_DATE, incoming, make_raw
from ui.mainwindow import list_queries
from ui.mainwindow.list_queries import NextUnread


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int], dict[str, list[int]]]]:
    """INBOX (rows 0..5, unread 1 and 4), Empty, Projects (none unread), Projects/Dubai (one
    unread); returns the db path, {folder: id} and {folder: row ids newest first}."""
    db = tmp_path / "tradewind.db"
    with Store.open(db) as store:
        account = store.add_account("rep@tradewind.example").id
        folders = {name: store.upsert_folder(account, FolderRecord(name, role=role)).id
                   for name, role in (("INBOX", "inbox"), ("Empty", None), ("Projects", None),
                                      ("Projects/Dubai", None))}
        unread = {("INBOX", 1), ("INBOX", 4), ("Projects/Dubai", 0)}
        uid = 0
        for name, count in (("INBOX", 6), ("Projects", 2), ("Projects/Dubai", 2)):
            for i in range(count):
                uid += 1
                raw = make_raw(uid, sender=f"S{uid} <s{uid}@x.example>",
                               date=BASE_DATE - timedelta(hours=i))
                flags = () if (name, i) in unread else ("\\Seen",)
                store.insert_messages(folders[name], [incoming(uid, raw, flags)], uid)
        lists = {name: store.message_ids(folders[name]) for name in folders}
    yield db, folders, lists


def test_next_unread_below_then_next_folder_then_wrap(profile) -> None:  # type: ignore[no-untyped-def]
    db, folders, lists = profile
    inbox, order = lists["INBOX"], list(folders.values())
    assert list_queries.next_unread(db, inbox, -1, folders["INBOX"], order) == NextUnread(row=1)
    assert list_queries.next_unread(db, inbox, 1, folders["INBOX"], order) == NextUnread(row=4)
    # past the last unread: the next folder in tree order with unread mail (Empty and
    # Projects have none)
    assert list_queries.next_unread(db, inbox, 4, folders["INBOX"], order) == NextUnread(
        folder_id=folders["Projects/Dubai"])
    # from the last folder the search wraps to the first one
    dubai = lists["Projects/Dubai"]
    assert list_queries.next_unread(db, dubai, 0, folders["Projects/Dubai"], order) == NextUnread(
        folder_id=folders["INBOX"])
    # no other folder with unread mail: wrap to the top of this one
    assert list_queries.next_unread(db, inbox, 4, folders["INBOX"], []) == NextUnread(row=1)


def test_next_unread_says_when_there_is_none(profile) -> None:  # type: ignore[no-untyped-def]
    db, folders, lists = profile
    with Store.open(db) as store:
        store.conn.execute("UPDATE messages SET seen = 1")
    order = list(folders.values())
    assert list_queries.next_unread(db, lists["INBOX"], 2, folders["INBOX"], order) == NextUnread()
    assert list_queries.next_unread(db, [], -1, folders["Empty"], order) == NextUnread()


def test_next_unread_in_search_results_wraps_in_the_list(profile) -> None:  # type: ignore[no-untyped-def]
    db, _folders, lists = profile
    results = [lists["Projects/Dubai"][0], *lists["INBOX"]]  # the shown order, any folders
    assert list_queries.next_unread(db, results, 0, None) == NextUnread(row=2)
    assert list_queries.next_unread(db, results, 5, None) == NextUnread(row=0)


def test_folder_ids_map_the_list_keys_to_store_sorts(profile) -> None:  # type: ignore[no-untyped-def]
    db, folders, lists = profile
    inbox = folders["INBOX"]
    with Store.open(db) as store:
        for key, sort in (("from", "sender"), ("subject", "subject"), ("date", "date")):
            for descending in (False, True):
                expected = store.message_ids(inbox, "desc" if descending else "asc", sort=sort)
                assert list_queries.folder_ids(db, inbox, key, descending) == expected
    senders = list_queries.folder_ids(db, inbox, "from", False)
    assert senders == sorted(lists["INBOX"])  # S1 < S2 < … (uids follow row ids here)
    with pytest.raises(ValueError, match="unknown sort key"):
        list_queries.folder_ids(db, inbox, "size")
