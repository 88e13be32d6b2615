"""Search rows of header-listed messages follow the listing (``client.store.search_rows``):
left out by the insert, added by ``add_listed_search_rows`` (once, never twice), and written by
indexing when the sync that listed them was killed before adding them."""

from __future__ import annotations

from client.store import Folder, IncomingMessage, Store
from client.store.derive import header_columns
from client.store.search_rows import add_listed_search_rows

_HEAD = ("From: =?utf-8?b?5byg5LiJ?= <zhang@example.cn>\r\nTo: rep@tradewind.example\r\n"
         "Subject: {subject}\r\nMessage-ID: <{n}@example.cn>\r\n\r\n")


def _listed(store: Store, folder: Folder, subjects: list[str]) -> list[int]:
    """Rows as the header-first pass stores them: header columns, no body."""
    batch = [IncomingMessage(uid=n + 1, raw=b"", body_state="none", size=900,
                             headers=header_columns(_HEAD.format(subject=s, n=n).encode()))
             for n, s in enumerate(subjects)]
    return list(store.insert_messages(folder.id, batch, len(batch)).added)


def _found(store: Store, query: str) -> list[int]:
    return sorted(row.id for row in store.search(query))


def _search_rows(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM messages_fts").fetchone()[0])


def test_listed_rows_become_searchable_when_their_search_rows_are_added(
        store: Store, inbox: Folder, account_id: int) -> None:
    ids = _listed(store, inbox, ["Valve quotation", "报价 ventil"])
    assert _search_rows(store) == 0  # left to the step after the listing
    assert add_listed_search_rows(store, account_id) == 2
    assert _found(store, "quotation") == [ids[0]]
    assert _found(store, "报价") == [ids[1]]  # CJK bigrams, as the insert wrote them
    assert _found(store, "from:zhang@example.cn") == ids
    assert _found(store, "张三") == ids  # the decoded sender name
    assert add_listed_search_rows(store, account_id) == 0  # idempotent
    assert _search_rows(store) == 2


def test_the_same_search_rows_as_an_insert_that_writes_them_at_once(
        store: Store, inbox: Folder, account_id: int) -> None:
    _listed(store, inbox, ["Re: 询价 Angebot für Ventile", "Order 7"])
    add_listed_search_rows(store, account_id)
    later = store.conn.execute(
        "SELECT rowid, subject, addresses FROM messages_fts ORDER BY rowid").fetchall()
    full = [IncomingMessage(uid=10 + n, raw=_HEAD.format(subject=s, n=n).encode() + b"body\r\n",
                            size=900)
            for n, s in enumerate(["Re: 询价 Angebot für Ventile", "Order 7"])]
    added = store.insert_messages(inbox.id, full, 20).added
    at_once = store.conn.execute(
        "SELECT subject, addresses FROM messages_fts WHERE rowid IN (?, ?) ORDER BY rowid",
        added).fetchall()
    assert [tuple(r[1:]) for r in later] == [tuple(r) for r in at_once]


def test_a_row_left_without_its_search_row_gets_it_from_indexing(
        store: Store, inbox: Folder, account_id: int) -> None:
    ids = _listed(store, inbox, ["Catalogue 2027"])  # the sync died before the search rows
    while store.index_pending():
        pass
    assert _found(store, "catalogue") == ids
    assert add_listed_search_rows(store, account_id) == 0  # indexed: nothing added twice
    assert _search_rows(store) == 1


def test_a_placeholder_keeps_its_search_row_at_once(
        store: Store, inbox: Folder, account_id: int) -> None:
    store.insert_messages(inbox.id, [IncomingMessage(uid=5, raw=b"", body_state="none",
                                                     fetch_error="garbled")], 0)
    assert _search_rows(store) == 1
    assert add_listed_search_rows(store, account_id) == 0
