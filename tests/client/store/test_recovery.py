"""S3: a damaged cache is detected, moved aside with local-only data exported, and rebuilt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from client.ops import queue
from client.store import FolderRecord, Store, StoreCorruptError, quarantine_and_rebuild

from .factories import incoming, make_raw


def _filled(path: Path, messages: int = 60) -> None:
    with Store.open(path) as store:
        account = store.add_account("rep@tradewind.example")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        archive = store.upsert_folder(account.id, FolderRecord("Archive", role="archive"))
        batch = [incoming(i, make_raw(i, body="x" * 3000)) for i in range(1, messages + 1)]
        store.insert_messages(inbox.id, batch, messages)
        first = store.message_ids(inbox.id)[0]
        queue.move(store, [first], archive.id)
        with store.transaction() as conn:  # an unsent message: exists only here
            conn.execute(
                "INSERT INTO outbox(account_id, message_id, sender, recipients_json, raw, size, "
                "state, created) VALUES (?, 'unsent@x', 'rep@x', '[]', x'00ff', 2, 'queued', 0)",
                (account.id,),
            )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_truncated_file_is_detected(db_path: Path) -> None:
    _filled(db_path)
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:
        handle.truncate(size // 2)
    with pytest.raises(StoreCorruptError) as info:
        Store.open(db_path)
    assert "truncated" in str(info.value)


def test_foreign_file_is_detected(db_path: Path) -> None:
    db_path.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(StoreCorruptError):
        Store.open(db_path)


def test_zeroed_header_is_detected(db_path: Path) -> None:
    _filled(db_path, 5)
    data = bytearray(db_path.read_bytes())
    data[:100] = bytes(100)
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError):
        Store.open(db_path)


def test_quarantine_exports_pending_ops_and_rebuilds(db_path: Path) -> None:
    _filled(db_path)
    with db_path.open("r+b") as handle:
        handle.truncate(db_path.stat().st_size - 4096)
    with pytest.raises(StoreCorruptError):
        Store.open(db_path)
    result = quarantine_and_rebuild(db_path)
    assert result.moved_to.exists() and result.moved_to.name.startswith("tradewind.db.corrupt-")
    assert result.export_path is not None
    exported = json.loads(result.export_path.read_text("utf-8"))["tables"]
    assert [op["kind"] for op in exported["pending_ops"]] == ["move"]
    assert len(exported["local_messages"]) == 1
    assert exported["outbox"][0]["raw"] == {"base64": "AP8="}
    assert result.exported["pending_ops"] == 1
    with Store.open(db_path, verify=True) as fresh:
        # the local work came back with its account (passwords stay in the keyring)
        assert [a.email for a in fresh.list_accounts()] == ["rep@tradewind.example"]
        assert fresh.conn.execute("SELECT raw FROM outbox").fetchone()[0] == b"\x00\xff"
        assert fresh.integrity_errors() == []


def test_quarantine_of_unreadable_file_still_moves_it(db_path: Path) -> None:
    db_path.write_bytes(b"garbage" * 100)
    result = quarantine_and_rebuild(db_path)
    assert result.moved_to.read_bytes() == b"garbage" * 100
    assert result.export_path is None
    Store.open(db_path).close()


def test_damaged_page_inside_is_found_by_verify(db_path: Path) -> None:
    _filled(db_path)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(2, len(data) // page_size, 3):  # scribble over every third page
        start = page * page_size
        data[start : start + 64] = b"\xa5" * 64
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError):
        Store.open(db_path, verify=True)
    result = quarantine_and_rebuild(db_path)
    assert result.moved_to.exists()
    Store.open(db_path, verify=True).close()
