"""S3: a rebuild of a cache with damaged pages puts every readable local row back, exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from client.compose.drafts import DraftFields, save_draft
from client.compose.identities import add_identity
from client.ops import queue
from client.smtp.outbox import Outbox
from client.store import FolderRecord, Store, StoreVersionError, quarantine_and_rebuild
from client.store.damage_mark import damage_mark
from client.store.local_tables import LOCAL_TABLES, LocalTable
from client.store.migrations import LATEST

from .damage import scribble, table_leaf_pages
from .factories import incoming, make_raw

LOCAL = ("accounts", "identities", "settings", "outbox", "drafts", "pending_ops")


def _rows(store: Store, table: str) -> list[dict[str, Any]]:
    cursor = store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def build_cache_with_local_work(path: Path, messages: int = 300) -> dict[str, Any]:
    """Accounts, 300 cached messages, a local move (+ its copy), a flag change, three outbox
    messages (queued, failed, uncertain), a draft, identities and settings."""
    with Store.open(path) as store:
        account = store.add_account("rep@tradewind.example", display_name="Rep",
                                    imap_host="imap.example", smtp_host="smtp.example")
        other = store.add_account("sales@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        archive = store.upsert_folder(account.id, FolderRecord("Archive", "/", "archive"))
        batch = [incoming(i, make_raw(i, body=f"{i} " + "x" * 3000)) for i in range(1, messages + 1)]
        store.insert_messages(inbox.id, batch, messages)
        ids = store.message_ids(inbox.id)
        moved = ids[len(ids) // 2]
        queue.move(store, [moved], archive.id)
        queue.mark(store, [ids[3]], seen=True)
        outbox = Outbox(store)
        queued = outbox.enqueue(account.id, b"Subject: queued\r\n\r\nbody\r\n",
                                message_id="<queued-1@tradewind.example>",
                                sender=account.email, recipients=["buyer@importer.example"],
                                subject="queued", reply_to_row=ids[5])
        failed = outbox.enqueue(account.id, b"Subject: failed\r\n\r\nbody\r\n",
                                message_id="failed-1@tradewind.example", sender=account.email,
                                recipients=["nobody@importer.example"], subject="failed")
        outbox.fail(failed, "550 no such user")
        uncertain = outbox.enqueue(other.id, b"Subject: maybe\r\n\r\nbody\r\n",
                                   message_id="maybe-1@tradewind.example", sender=other.email,
                                   recipients=["x@importer.example"], subject="maybe")
        outbox.mark_uncertain(uncertain, "the line dropped after the hand-over")
        draft = save_draft(store, account.id, DraftFields(
            sender=account.email, to="buyer@importer.example", subject="报价 draft",
            text="Dear buyer, 集装箱 price to follow."))
        add_identity(store, account.id, "anna@us.tradewind.example", "Anna US",
                     signature_slot="us", default=True)
        store.set_setting("sync.interval_minutes", 7)
        store.set_setting("ui.language", "zh_CN")
        before = {table: _rows(store, table) for table in LOCAL}
        local = store.get_message(moved)
        assert local is not None and local.uid is None
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"before": before, "moved": moved, "draft": draft, "queued": queued,
            "inbox": inbox.id, "archive": archive.id, "flagged_row": ids[3]}


def damage_messages_sparing(path: Path, keep_ids: set[int]) -> list[int]:
    """Scribble over leaf pages of ``messages`` and ``bodies`` that hold none of ``keep_ids``;
    returns the ids of the message rows that were on the damaged pages."""
    pages: list[int] = []
    lost: list[int] = []
    for table in ("messages", "bodies"):
        leaves = table_leaf_pages(path, table)
        spare = [n for n, rowids in leaves.items() if not keep_ids & set(rowids)]
        assert len(spare) >= 3, f"too few {table} pages to damage"
        pages += spare[1:-1]
        if table == "messages":
            lost = sorted(r for n in spare[1:-1] for r in leaves[n])
    scribble(path, pages)
    return lost


def test_rebuild_recovers_local_work_exactly(db_path: Path) -> None:
    built = build_cache_with_local_work(db_path)
    damaged = damage_messages_sparing(db_path, {built["moved"]})
    assert damaged
    with Store.open(db_path) as store:
        assert store.integrity_errors()  # really damaged
    result = quarantine_and_rebuild(db_path)

    assert result.moved_to.exists() and result.moved_to.name.startswith("tradewind.db.corrupt-")
    assert result.export_path is not None and result.export_path.exists()  # kept
    assert result.complete, result.as_json()
    with Store.open(db_path, verify=True) as fresh:
        after = {table: _rows(fresh, table) for table in LOCAL}
        for table in ("accounts", "identities", "settings", "drafts"):
            assert after[table] == built["before"][table], table
        # the reply's original (a server message) is gone until the sync: the link is cleared
        expected_outbox = [dict(r, reply_to_row=None) for r in built["before"]["outbox"]]
        assert after["outbox"] == expected_outbox
        assert {r["state"] for r in after["outbox"]} == {"queued", "failed", "uncertain"}
        ops = after["pending_ops"]
        before_ops = built["before"]["pending_ops"]
        assert [(o["id"], o["kind"], o["folder_id"], o["uid"], o["target_folder_id"],
                 o["payload_json"], o["state"]) for o in ops] == [
            (o["id"], o["kind"], o["folder_id"], o["uid"], o["target_folder_id"],
             o["payload_json"], o["state"]) for o in before_ops]
        move = next(o for o in ops if o["kind"] == "move")
        assert move["message_row"] == built["moved"]  # the local copy came back with its id
        flags = next(o for o in ops if o["kind"] == "flags")
        assert flags["message_row"] is None  # a server row: refetched by the next sync
        local = fresh.get_message(built["moved"])
        assert local is not None and local.uid is None and local.folder_id == built["archive"]
        assert fresh.get_raw(built["moved"]).startswith(b"Subject: Quotation")
        folders = {f.name: f for f in fresh.folders(after["accounts"][0]["id"])}
        assert folders["INBOX"].id == built["inbox"] and folders["INBOX"].uidvalidity is None
        assert fresh.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
        # new ids continue after the old ones (AUTOINCREMENT)
        next_outbox = Outbox(fresh).enqueue(1, b"x", message_id="n@x", sender="rep@x",
                                            recipients=["a@b.example"])
        assert next_outbox > max(r["id"] for r in built["before"]["outbox"])
        assert fresh.search("Quotation")  # the local copy is searchable again
    export = json.loads(result.export_path.read_text("utf-8"))
    assert [o["id"] for o in export["tables"]["outbox"]] == [r["id"] for r in built["before"]["outbox"]]
    assert result.exported["outbox"] == 3 and result.imported["drafts"] == 1
    assert damage_mark(db_path) is None


def test_rows_on_a_damaged_page_are_skipped_and_listed(db_path: Path) -> None:
    with Store.open(db_path) as store:
        account = store.add_account("rep@tradewind.example")
        outbox = Outbox(store)
        ids = [outbox.enqueue(account.id, b"Subject: q\r\n\r\n" + b"y" * 5000,
                              message_id=f"q{i}@x", sender=account.email,
                              recipients=["b@importer.example"]) for i in range(40)]
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leaves = table_leaf_pages(db_path, "outbox")
    victim = sorted(leaves)[len(leaves) // 2]
    lost = set(leaves[victim])
    assert lost and len(lost) < len(ids)
    scribble(db_path, [victim])

    result = quarantine_and_rebuild(db_path)
    assert {r.row_id for r in result.unreadable_rows if r.table == "outbox"} == lost
    assert all(r.reason for r in result.unreadable_rows)
    assert result.imported["outbox"] == len(ids) - len(lost)
    assert not result.complete
    with Store.open(db_path) as fresh:
        kept = [r[0] for r in fresh.conn.execute("SELECT id FROM outbox ORDER BY id")]
    assert kept == [i for i in ids if i not in lost]
    listed = result.as_json()["unreadable_rows"]
    assert {row["id"] for row in listed} == lost


def test_a_listed_table_missing_from_the_fresh_schema_is_kept_in_the_export(db_path: Path) -> None:
    with Store.open(db_path) as store:
        account = store.add_account("rep@tradewind.example")
        with store.transaction() as conn:
            conn.execute("CREATE TABLE calendar_entries (id INTEGER PRIMARY KEY, account_id INTEGER "
                         "NOT NULL REFERENCES accounts(id), number TEXT NOT NULL)")
            conn.execute("INSERT INTO calendar_entries VALUES (5, ?, 'Q-2026-118')", (account.id,))
    saved = list(LOCAL_TABLES)
    LOCAL_TABLES.append(LocalTable("calendar_entries", "calendar_entries", "calendar entries",
                                   required={"account_id": "accounts"}))
    try:
        result = quarantine_and_rebuild(db_path)
    finally:
        LOCAL_TABLES[:] = saved
    assert result.exported["calendar_entries"] == 1
    # this schema has no calendar_entries table yet: the row is kept in the export and listed
    assert [(s.table, s.row_id) for s in result.skipped] == [("calendar_entries", 5)]
    assert result.export_path is not None
    exported = json.loads(result.export_path.read_text("utf-8"))["tables"]["calendar_entries"]
    assert exported == [{"id": 5, "account_id": 1, "number": "Q-2026-118"}]


def test_two_rebuilds_in_a_row_keep_both_old_files(db_path: Path) -> None:
    build_cache_with_local_work(db_path, messages=20)
    first = quarantine_and_rebuild(db_path)
    second = quarantine_and_rebuild(db_path)
    assert first.moved_to != second.moved_to and first.export_path != second.export_path
    assert first.moved_to.exists() and second.moved_to.exists()
    assert first.export_path is not None and first.export_path.exists()
    with Store.open(db_path) as store:  # local work survives any number of rebuilds
        assert len(_rows(store, "outbox")) == 3 and len(_rows(store, "drafts")) == 1


def test_a_newer_tradewinds_file_is_not_rebuilt(db_path: Path) -> None:
    build_cache_with_local_work(db_path, messages=20)
    with Store.open(db_path) as store:
        store.conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(StoreVersionError):
        quarantine_and_rebuild(db_path)
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


def test_the_damaged_file_is_kept_byte_for_byte(db_path: Path) -> None:
    built = build_cache_with_local_work(db_path, messages=300)
    damage_messages_sparing(db_path, {built["moved"]})
    damaged = db_path.read_bytes()
    result = quarantine_and_rebuild(db_path)
    assert result.moved_to.read_bytes() == damaged
    assert db_path.read_bytes() != damaged
    assert not list(db_path.parent.glob("*.rebuilding-*"))  # the new file took its place
