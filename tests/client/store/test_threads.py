"""Threading by References/In-Reply-To across folders, out-of-order merging, subject fallback."""

from __future__ import annotations

from datetime import timedelta

from client.store import Folder, FolderRecord, Store
from client.store.derive import subject_key

from .factories import BASE_DATE, incoming, make_raw


def _thread_of(store: Store, message_id: str) -> int:
    row = store.conn.execute(
        "SELECT thread_id FROM messages WHERE message_id = ?", (message_id,)
    ).fetchone()
    assert row is not None and row[0] is not None
    return int(row[0])


def test_reply_in_sent_joins_inbox_thread(store: Store, inbox: Folder, sent: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, message_id="q@x"))], 1)
    store.insert_messages(sent.id, [incoming(1, make_raw(2, subject="Re: Quotation",
                                                          message_id="r@x", refs=["q@x"]))], 1)
    assert _thread_of(store, "q@x") == _thread_of(store, "r@x")
    thread = store.thread_messages(_thread_of(store, "q@x"))
    assert [(m.message_id, m.folder_id) for m in thread] == [("q@x", inbox.id), ("r@x", sent.id)]


def test_parent_arriving_after_children_merges_threads(store: Store, inbox: Folder) -> None:
    # two replies to a root we do not have yet, each referencing only its own parent
    store.insert_messages(inbox.id, [incoming(3, make_raw(3, message_id="c2@x", refs=["c1@x"]))], 3)
    store.insert_messages(inbox.id, [incoming(2, make_raw(2, message_id="c1@x", refs=["p@x"]))], 3)
    store.insert_messages(inbox.id, [incoming(5, make_raw(5, message_id="other@x",
                                                          subject="Unrelated"))], 5)
    assert _thread_of(store, "c1@x") == _thread_of(store, "c2@x")
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, message_id="p@x"))], 5)
    threads = {_thread_of(store, m) for m in ("p@x", "c1@x", "c2@x")}
    assert len(threads) == 1
    assert _thread_of(store, "other@x") not in threads


def test_late_parent_joins_two_separate_threads(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, message_id="a@x", refs=["mid@x"])),
                                     incoming(2, make_raw(2, message_id="b@x", refs=["top@x"]))], 2)
    assert _thread_of(store, "a@x") != _thread_of(store, "b@x")
    # mid@x replies to top@x: now a, b, mid are one conversation
    store.insert_messages(inbox.id, [incoming(3, make_raw(3, message_id="mid@x",
                                                          refs=["top@x"]))], 3)
    assert len({_thread_of(store, m) for m in ("a@x", "b@x", "mid@x")}) == 1


def test_threads_stay_within_one_account(store: Store, inbox: Folder) -> None:
    other = store.add_account("other@tradewind.example")
    other_inbox = store.upsert_folder(other.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, message_id="p@x"))], 1)
    store.insert_messages(other_inbox.id, [incoming(1, make_raw(2, message_id="c@x",
                                                                refs=["p@x"]))], 1)
    assert _thread_of(store, "p@x") != _thread_of(store, "c@x")


def test_subject_fallback_only_without_references(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, subject="Container booking",
                                                          message_id="o@x"))], 1)
    near = BASE_DATE + timedelta(days=2)
    far = BASE_DATE + timedelta(days=90)
    store.insert_messages(inbox.id, [
        incoming(2, make_raw(2, subject="回复：Container booking", message_id="cn@x", date=near)),
        incoming(3, make_raw(3, subject="AW: WG: Container booking", message_id="de@x",
                             date=near)),
        incoming(4, make_raw(4, subject="Re: Container booking", message_id="old@x", date=far)),
        incoming(5, make_raw(5, subject="Container booking", message_id="same@x", date=near)),
        incoming(6, make_raw(6, subject="Re: Container booking", message_id="refs@x",
                             refs=["unknown@x"], date=near)),
    ], 6)
    root = _thread_of(store, "o@x")
    assert _thread_of(store, "cn@x") == root
    assert _thread_of(store, "de@x") == root
    assert _thread_of(store, "old@x") != root  # outside the time window
    assert _thread_of(store, "same@x") == root  # replies with the prefix exist in the window
    assert _thread_of(store, "refs@x") != root  # has references: no subject guessing


def test_plain_same_subject_does_not_thread(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, subject="Invoice", message_id="i1@x")),
                                     incoming(2, make_raw(2, subject="Invoice",
                                                          message_id="i2@x"))], 2)
    assert _thread_of(store, "i1@x") != _thread_of(store, "i2@x")


def test_threaded_list_shows_newest_per_thread(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [
        incoming(1, make_raw(1, message_id="p@x")),
        incoming(2, make_raw(2, message_id="c@x", refs=["p@x"])),
        incoming(3, make_raw(3, message_id="solo@x", subject="Other")),
    ], 3)
    rows = store.list_messages(inbox.id, threaded=True)
    assert [(r.message_id, r.thread_count) for r in rows] == [("solo@x", 1), ("c@x", 2)]
    ids = store.message_ids(inbox.id, threaded=True)
    counted = store.rows_by_ids(ids, thread_counts=True)
    assert [(r.message_id, r.thread_count) for r in counted] == [("solo@x", 1), ("c@x", 2)]


def test_subject_key_normalisation() -> None:
    assert subject_key("Re: RE: Fwd: 报价单") == ("报价单", True)
    assert subject_key("答复: 转发: 报价") == ("报价", True)
    assert subject_key("Réf : Offre") == ("offre", True)
    assert subject_key("[Sales] FW: Quote") == ("quote", True)
    assert subject_key("Invoice") == ("invoice", False)


def test_thread_count_includes_the_reps_replies_in_sent_once(
    store: Store, inbox: Folder, sent: Folder
) -> None:
    store.insert_messages(inbox.id, [incoming(1, make_raw(1, message_id="ask@x"))], 1)
    store.insert_messages(sent.id, [
        incoming(1, make_raw(2, subject="Re: Quotation", message_id="answer@x", refs=["ask@x"])),
        # a second copy of the same reply (e.g. the rep's Bcc to self): counted once
        incoming(2, make_raw(3, subject="Re: Quotation", message_id="answer@x", refs=["ask@x"])),
    ], 2)
    ids = store.message_ids(inbox.id, threaded=True)
    [row] = store.rows_by_ids(ids, thread_counts=True)
    assert (row.message_id, row.thread_count) == ("ask@x", 2)
    store.conn.execute("UPDATE messages SET deleted = 1 WHERE folder_id = ?", (sent.id,))
    [row] = store.rows_by_ids(ids, thread_counts=True)
    assert row.thread_count == 1  # deleted replies are not part of the conversation
