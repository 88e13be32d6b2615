"""Re-deriving the header columns of rows an older Tradewind stored (header version 0): the list,
search, the address book and the sort keys get the sender the new parser reads (I1, I2)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from client.store import Folder, Store
from client.store.address_book import load_address_book
from client.store.derive import HEADER_VERSION, header_columns
from client.store.local_rows import duplicate
from client.store.records import IncomingMessage
from client.store.rederive import rederive_all
from tests.client.store.factories import incoming
from tests.client.store.old_cache import (
    COMMENT,
    GENUINE,
    QUOTED,
    UMLAUT,
    make_old,
    make_old_by_subject,
)

COLUMNS = ("subject, subject_key, sender_key, from_name, from_email, to_json, cc_json, "
           "reply_to_json, header_version, flags_json, seen, flagged, folder_id, uid")


def _old_cache(store: Store, inbox: Folder) -> dict[str, int]:
    store.insert_messages(inbox.id, [
        incoming(1, QUOTED, flags=("\\Seen", "\\Flagged")), incoming(2, COMMENT),
        incoming(3, GENUINE), incoming(4, UMLAUT),
    ], 4)
    return make_old_by_subject(store)


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    rows = store.conn.execute(f"SELECT id, {COLUMNS} FROM messages ORDER BY id").fetchall()
    fts = store.conn.execute(
        "SELECT rowid, subject, addresses, body FROM messages_fts ORDER BY rowid").fetchall()
    return [*rows, *fts]


def _found(store: Store, query: str) -> set[str]:
    return {row.subject for row in store.search(query)}


def test_new_rows_are_stored_at_the_current_version(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [incoming(1, QUOTED)], 1)
    assert store.conn.execute("SELECT header_version FROM messages").fetchall() == [
        (HEADER_VERSION,)]
    assert store.pending_rederive_count() == 0


def test_old_rows_get_the_real_sender_in_list_search_and_address_book(
    store: Store, inbox: Folder
) -> None:
    ids = _old_cache(store, inbox)
    # the old cache really holds the spoofed values
    old = store.get_message(ids["Invoice 4711"])
    assert old is not None and old.from_email == "anna.huber@kunde.example"
    assert _found(store, "from:ceo@yourco.com") == {"Urgent transfer"}
    assert "ceo@yourco.com" in {e.email for e in load_address_book(store).entries}
    assert store.pending_rederive_count() == 3

    totals = rederive_all(store, batch=2)
    assert (totals.updated, totals.waiting) == (3, 0)
    assert store.pending_rederive_count() == 0

    listed = {row.subject: row for row in store.list_messages(inbox.id, limit=10)}
    invoice, urgent = listed["Invoice 4711"], listed["Urgent transfer"]
    assert (invoice.from_name, invoice.from_email) == (
        "Anna Huber <anna.huber@kunde.example>", "billing@kunde-invoices.example")
    assert (urgent.from_name, urgent.from_email) == ("", "x@evil.example")
    umlaut = listed["Angebot für Sie"]
    assert (umlaut.from_name, umlaut.to) == ("Jürgen Müller", (("", "rep@tradewind.example"),))
    assert invoice.flags == ("\\Flagged", "\\Seen") and invoice.seen and invoice.flagged
    # search: from: with an address is the sender's, words reach the FTS columns
    assert _found(store, "from:billing@kunde-invoices.example") == {"Invoice 4711"}
    assert _found(store, "from:anna.huber@kunde.example") == {"Order"}
    assert _found(store, "from:ceo@yourco.com") == set()
    assert _found(store, "from:x@evil.example") == {"Urgent transfer"}
    assert _found(store, "für") == {"Angebot für Sie"}
    assert _found(store, "Müller") == {"Angebot für Sie"}
    # sort keys
    keys = dict(store.conn.execute("SELECT subject, sender_key FROM messages").fetchall())
    assert keys["Urgent transfer"] == "x@evil.example\x01x@evil.example"
    assert store.conn.execute("SELECT subject_key FROM messages WHERE id = ?",
                              (ids["Angebot für Sie"],)).fetchone() == ("angebot für sie",)
    # address book: the spoofer under the contact's name is not offered, the comment is gone
    book = load_address_book(store)
    emails = {entry.email for entry in book.entries}
    assert "ceo@yourco.com" not in emails
    assert {"billing@kunde-invoices.example", "x@evil.example"} <= emails
    assert [e.email for e in book.matches("anna")] == ["anna.huber@kunde.example"]
    assert [e.name for e in book.matches("jm@")] == ["Jürgen Müller"]


def test_columns_match_a_fresh_insert_and_a_second_run_changes_nothing(
    store: Store, inbox: Folder, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "fresh.db") as fresh:
        folder = fresh.upsert_folder(fresh.add_account("rep@tradewind.example").id, inbox)
        fresh.insert_messages(folder.id, [
            incoming(1, QUOTED, flags=("\\Seen", "\\Flagged")), incoming(2, COMMENT),
            incoming(3, GENUINE), incoming(4, UMLAUT)], 4)
        expected = _snapshot(fresh)
    _old_cache(store, inbox)
    rederive_all(store)
    assert _snapshot(store) == expected
    assert rederive_all(store).updated == 0
    assert _snapshot(store) == expected


def test_stopped_after_one_batch_it_resumes_to_the_same_result(
    store: Store, inbox: Folder, db_path: Path, tmp_path: Path
) -> None:
    _old_cache(store, inbox)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.db"
    shutil.copyfile(db_path, copy)
    first = store.rederive_pending(1)
    assert (first.examined, first.updated) == (1, 1)
    assert store.pending_rederive_count() == 2
    store.close()
    with Store.open(db_path) as resumed:  # a new process after a kill
        assert rederive_all(resumed).updated == 2
        resumed_state = _snapshot(resumed)
    with Store.open(copy) as whole:
        assert rederive_all(whole).updated == 3
        assert _snapshot(whole) == resumed_state


def test_header_only_rows_wait_for_their_body(store: Store, inbox: Folder) -> None:
    store.insert_messages(inbox.id, [IncomingMessage(
        uid=1, raw=b"", size=len(QUOTED), body_state="none",
        headers=header_columns(QUOTED))], 1)
    (row_id,) = store.conn.execute("SELECT id FROM messages").fetchone()
    make_old(store, row_id, from_name="Anna Huber", from_email="anna.huber@kunde.example")
    totals = rederive_all(store)
    assert (totals.updated, totals.waiting) == (0, 1)
    assert store.conn.execute("SELECT from_email, header_version FROM messages").fetchone() == (
        "anna.huber@kunde.example", 0)
    # the body pass brings the whole message: its columns come from that one parse
    store.insert_messages(inbox.id, [incoming(1, QUOTED)], 1)
    row = store.get_message(row_id)
    assert row is not None and row.body_state == "full"
    assert (row.from_name, row.from_email) == (
        "Anna Huber <anna.huber@kunde.example>", "billing@kunde-invoices.example")
    assert store.conn.execute("SELECT header_version, sender_key FROM messages").fetchone() == (
        HEADER_VERSION, "anna huber <anna.huber@kunde.example>\x01billing@kunde-invoices.example")
    assert _found(store, "from:billing@kunde-invoices.example") == {"Invoice 4711"}
    assert _found(store, "from:anna.huber@kunde.example") == set()


def test_a_local_copy_keeps_its_place_and_flags(store: Store, inbox: Folder, trash: Folder) -> None:
    ids = _old_cache(store, inbox)
    with store.transaction() as conn:
        copy_id = duplicate(conn, ids["Invoice 4711"], trash.id)
    assert copy_id is not None
    rederive_all(store)
    row = store.get_message(copy_id)
    assert row is not None
    assert (row.folder_id, row.uid, row.flags) == (trash.id, None, ("\\Flagged", "\\Seen"))
    assert row.from_email == "billing@kunde-invoices.example"


def test_indexing_after_rederivation_keeps_the_new_addresses(store: Store, inbox: Folder) -> None:
    _old_cache(store, inbox)
    rederive_all(store)
    while store.index_pending():
        pass
    assert _found(store, "from:ceo@yourco.com") == set()
    assert _found(store, "pay account") == {"Invoice 4711"}
    assert _found(store, "billing") == {"Invoice 4711"}


def test_indexing_that_read_the_old_columns_writes_the_new_ones(
    store: Store, inbox: Folder, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process re-derives while index_pending parses bodies it read before."""
    from client.store import indexing

    _old_cache(store, inbox)
    real_extract = indexing.extract
    done: list[int] = []

    def extract_while_rederiving(*args: Any) -> indexing.IndexedText:
        if not done:
            with Store.open(db_path) as other:
                done.append(rederive_all(other).updated)
        return real_extract(*args)

    monkeypatch.setattr(indexing, "extract", extract_while_rederiving)
    while store.index_pending():
        pass
    assert done == [3]
    assert _found(store, "ceo") == set()
    assert _found(store, "billing") == {"Invoice 4711"}
    assert _found(store, "Müller") == {"Angebot für Sie"}


def test_an_io_error_rolls_the_batch_back_and_a_later_run_finishes(
    store: Store, inbox: Folder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """S2: an EIO after the batch's rows were written (injected) leaves the old rows whole."""
    import sqlite3

    from client.store import StoreWriteError, rederive

    _old_cache(store, inbox)
    before = _snapshot(store)
    real_apply = rederive.apply_header_columns

    def apply_then_fail(conn: sqlite3.Connection, items: Any) -> None:
        real_apply(conn, items)
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 10  # type: ignore[attr-defined]  # SQLITE_IOERR
        raise error

    monkeypatch.setattr(rederive, "apply_header_columns", apply_then_fail)
    with pytest.raises(StoreWriteError) as info:
        rederive_all(store)
    assert "input/output error" in str(info.value)
    assert not store.conn.in_transaction
    assert _snapshot(store) == before
    assert store.integrity_errors() == []
    monkeypatch.setattr(rederive, "apply_header_columns", real_apply)
    assert rederive_all(store).updated == 3


def test_the_stored_header_is_read_the_way_the_insert_path_reads_it(
    store: Store, inbox: Folder
) -> None:
    """Large bodies are read only up to the header's end; an LF-only message, a header longer
    than the first read and a body stored as text give the same columns as the whole body."""
    from client.store.rederive import HEAD_READ, stored_header

    big_body = b"x" * (HEAD_READ + 10)
    lf_only = QUOTED.replace(b"\r\n", b"\n") + big_body + b"\r\n\r\nFrom: body@evil.example\r\n"
    long_head = (b"".join(b"Received: from relay%d.example by mx.example\r\n" % n
                          for n in range(HEAD_READ // 40)) + QUOTED.replace(b"Invoice", b"Long"))
    crlf = QUOTED.replace(b"Invoice", b"Big") + big_body
    raws = {1: lf_only, 2: long_head, 3: crlf, 4: COMMENT}
    store.insert_messages(inbox.id, [incoming(u, r) for u, r in raws.items()], 4)
    ids = dict(store.conn.execute("SELECT uid, id FROM messages").fetchall())
    assert stored_header(store.conn, ids[3]) is not None
    assert len(stored_header(store.conn, ids[3]) or b"") == HEAD_READ  # not the whole body
    with store.transaction() as conn:
        conn.execute("UPDATE bodies SET raw = CAST(raw AS TEXT) WHERE message_id = ?",
                     (ids[4],))
    for uid, raw in raws.items():
        make_old(store, ids[uid], from_name="Old", from_email="old@x.example")
        head = stored_header(store.conn, ids[uid])
        assert head is not None and header_columns(head) == header_columns(raw), uid
    assert stored_header(store.conn, 999) is None
    assert rederive_all(store).updated == 4
    assert dict(store.conn.execute("SELECT uid, from_email FROM messages").fetchall()) == {
        1: "billing@kunde-invoices.example", 2: header_columns(long_head).from_email,
        3: "billing@kunde-invoices.example", 4: "x@evil.example"}
    assert store.conn.execute("SELECT count(*) FROM messages WHERE from_email = 'old@x.example'"
                              ).fetchone() == (0,)
