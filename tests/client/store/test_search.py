"""Full-text search with CJK bigrams and the query syntax."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from client.ops import queue
from client.store import Folder, SearchSyntaxError, Store
from client.store.cjk import bigram_text, fts_term
from client.store.search import parse_query

from .factories import incoming, make_raw


@pytest.fixture
def corpus(store: Store, inbox: Folder, sent: Folder) -> dict[str, int]:
    messages = {
        "quote": make_raw(1, subject="报价单 for 40HQ", body="请查收报价单，价格有效期30天。",
                          attachment="PI-报价单.pdf"),
        "container": make_raw(2, subject="Booking", body="集装箱已经装船，预计下周到港。",
                              sender="王伟 <wang@forwarder.cn>"),
        "japanese": make_raw(3, subject="お見積りの件", body="見積書を添付いたします。",
                             sender="Sato <sato@shoji.jp>"),
        "german": make_raw(4, subject="Angebot Container", body="Anbei das Angebot.",
                           date=datetime(2023, 12, 24, tzinfo=UTC),
                           to="Hans <hans@kunde.de>"),
        "price": make_raw(5, subject="Price list", body="price list for \"Model-X\" 2024"),
    }
    names = list(messages)
    store.insert_messages(inbox.id, [incoming(i + 1, messages[n], ("\\Seen",) if n == "german"
                                              else ()) for i, n in enumerate(names[:4])], 4)
    store.insert_messages(sent.id, [incoming(1, messages["price"], ("\\Seen", "\\Flagged"))], 1)
    while store.index_pending(2):
        pass
    rows = store.conn.execute("SELECT id, subject FROM messages").fetchall()
    by_subject = {subject: int(i) for i, subject in rows}
    return {
        "quote": by_subject["报价单 for 40HQ"], "container": by_subject["Booking"],
        "japanese": by_subject["お見積りの件"], "german": by_subject["Angebot Container"],
        "price": by_subject["Price list"],
    }


def _ids(store: Store, query: str) -> set[int]:
    return {r.id for r in store.search(query)}


def test_two_character_chinese_word_finds_longer_word(store: Store, corpus: dict[str, int]) -> None:
    assert _ids(store, "报价") == {corpus["quote"]}
    assert _ids(store, "集装箱") == {corpus["container"]}
    assert _ids(store, "装船") == {corpus["container"]}
    assert _ids(store, "见积") == set()


def test_japanese_and_single_character(store: Store, corpus: dict[str, int]) -> None:
    assert _ids(store, "見積") == {corpus["japanese"]}
    assert _ids(store, "箱") == {corpus["container"]}
    assert corpus["container"] in _ids(store, "集")


def test_attachment_names_and_addresses_are_searched(store: Store, corpus: dict[str, int]) -> None:
    assert _ids(store, "PI") == {corpus["quote"]}
    assert _ids(store, "from:王伟") == {corpus["container"]}
    assert _ids(store, "from:wang@forwarder.cn") == {corpus["container"]}
    assert _ids(store, "to:hans@kunde.de") == {corpus["german"]}
    assert _ids(store, "from:hans@kunde.de") == set()  # in To, not From


def test_filters(store: Store, corpus: dict[str, int], sent: Folder) -> None:
    assert _ids(store, "subject:angebot") == {corpus["german"]}
    assert _ids(store, "angebot") == {corpus["german"]}
    assert _ids(store, "subject:\"price list\"") == {corpus["price"]}
    assert _ids(store, "has:attachment") == {corpus["quote"]}
    assert _ids(store, "before:2024-01-01") == {corpus["german"]}
    assert corpus["german"] not in _ids(store, "after:2024-01-01")
    assert _ids(store, "is:flagged") == {corpus["price"]}
    assert _ids(store, "is:read") == {corpus["german"], corpus["price"]}
    assert corpus["price"] not in _ids(store, "is:unread")
    assert _ids(store, "folder:sent") == {corpus["price"]}
    assert _ids(store, "folder:Sent price") == {corpus["price"]}
    assert _ids(store, "folder:INBOX price") == set()
    assert _ids(store, "container angebot") == {corpus["german"]}  # AND
    assert _ids(store, "\"list price\"") == set()  # phrase keeps order
    assert _ids(store, "\"price list\"") == {corpus["price"]}


def test_results_newest_first_and_limited(store: Store, corpus: dict[str, int]) -> None:
    rows = store.search("is:unread")
    assert [r.sort_date for r in rows] == sorted((r.sort_date for r in rows), reverse=True)
    assert len(store.search("is:unread", limit=1)) == 1


def test_account_scope(store: Store, corpus: dict[str, int], account_id: int) -> None:
    assert _ids(store, "报价") == {r.id for r in store.search("报价", account_id=account_id)}
    assert store.search("报价", account_id=account_id + 1) == []


def test_hostile_queries_are_inert(store: Store, corpus: dict[str, int]) -> None:
    for query in ['"', 'a" OR "b', "price*", "NEAR(price list)", "'; DROP TABLE messages; --",
                  "subject:", "from:\"", "body:price", "price^", "(", "-", "AND OR NOT"]:
        store.search(query)  # must not raise
    assert store.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 5
    assert _ids(store, "price OR angebot") == set()  # OR is a plain word, not an operator
    assert _ids(store, "") == set() and _ids(store, "   !!! ") == set()


def test_bad_date_is_explained(store: Store) -> None:
    with pytest.raises(SearchSyntaxError, match="YYYY-MM-DD"):
        store.search("before:yesterday")
    with pytest.raises(SearchSyntaxError):
        store.search("after:2024-02-30")


def test_deleted_messages_are_not_found(store: Store, corpus: dict[str, int]) -> None:
    queue.delete(store, [corpus["quote"]])  # no Trash in this account: flagged \\Deleted
    assert _ids(store, "报价") == set()


def test_parse_query_parts() -> None:
    parsed = parse_query('from:alice "big order" subject:"Re: 报价" is:unread zz:top')
    assert parsed.from_ == ["alice"] and parsed.subject == ["Re: 报价"]
    assert parsed.words == ["big order", "zz:top"] and parsed.seen is False


def test_bigram_rewriting() -> None:
    assert bigram_text("报价单") == " 报价 价单 单 "
    assert bigram_text("PI报价") == "PI 报价 价 "
    assert bigram_text("plain text") == "plain text"
    assert fts_term("报价") == '"报价"'
    assert fts_term("集装箱") == '"集装 装箱"'
    assert fts_term("报") == '"报" *'
    assert fts_term('a"b') == '"a b"'
    assert fts_term("!!!") is None
    assert fts_term("offer", "subject") == 'subject : "offer"'


def test_search_plan_uses_fts_and_date_index(store: Store, corpus: dict[str, int]) -> None:
    from client.store.search import compile_query

    compiled = compile_query(parse_query("报价 is:unread"), None, 200)
    assert compiled is not None
    plan = " ".join(str(r[3]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + compiled[0],
                                                         compiled[1]))
    assert "VIRTUAL TABLE INDEX" in plan


def test_both_search_plans_give_the_same_rows(
    store: Store, corpus: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["报价", "is:unread", "container", "folder:inbox 見積", "from:wang@forwarder.cn"]
    sorted_plan = {q: [r.id for r in store.search(q)] for q in queries}
    monkeypatch.setattr("client.store.search.DATE_SCAN_THRESHOLD", 0)
    assert {q: [r.id for r in store.search(q)] for q in queries} == sorted_plan
    from client.store.search import compile_query

    compiled = compile_query(parse_query("报价"), None, 200, date_scan=True)
    assert compiled is not None
    plan = " ".join(str(r[3]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + compiled[0],
                                                         compiled[1]))
    assert "messages_sort" in plan and "TEMP B-TREE FOR ORDER BY" not in plan


def test_subject_and_sender_are_searchable_before_body_indexing(
    store: Store, inbox: Folder
) -> None:
    raw = make_raw(1, subject="Proforma 形式发票", body="hidden body words", sender="李娜 <li@x.cn>")
    (row_id,) = store.insert_messages(inbox.id, [incoming(1, raw)], 1).added
    assert _ids(store, "形式") == {row_id}
    assert _ids(store, "from:李娜") == {row_id}
    assert _ids(store, "hidden") == set()
    store.index_pending()
    assert _ids(store, "hidden") == {row_id} and _ids(store, "形式发票") == {row_id}
    assert store.conn.execute("SELECT count(*) FROM messages_fts").fetchone()[0] == 1


def test_many_text_matches_but_few_unread_walk_the_unread_index(
    store: Store, corpus: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """issue 17: "is:unread quotation" at 100k walked the whole date index for 0 hits."""
    from client.store.search import compile_query

    queries = ["集装箱 is:unread", "is:unread", "angebot is:read", "angebot is:unread"]
    sorted_plan = {q: [r.id for r in store.search(q)] for q in queries}
    assert sorted_plan["集装箱 is:unread"] == [corpus["container"]]
    assert sorted_plan["angebot is:read"] == [corpus["german"]]
    assert sorted_plan["angebot is:unread"] == []
    monkeypatch.setattr("client.store.search.DATE_SCAN_THRESHOLD", 0)  # every text match is "many"
    assert {q: [r.id for r in store.search(q)] for q in queries} == sorted_plan
    compiled = compile_query(parse_query("集装箱 is:unread"), None, 200, unread_scan=True)
    assert compiled is not None
    plan = " ".join(str(r[3]) for r in store.conn.execute("EXPLAIN QUERY PLAN " + compiled[0],
                                                         compiled[1]))
    assert "messages_unread" in plan
