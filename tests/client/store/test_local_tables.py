"""The rebuild registry is explicit and complete (issue 10): every table of the schema is a
local table or named as server data, and a rebuild keeps the quote and calendar rows and the
link uploads in a process that imported only the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from client.store import Store
from client.store.local_tables import LOCAL_TABLES, SERVER_TABLES

_REBUILD_WITH_ONLY_THE_STORE = r"""
import json, sys
from client.store import quarantine_and_rebuild
result = quarantine_and_rebuild(__import__("pathlib").Path(sys.argv[1]))
loaded = sorted(m for m in sys.modules if m.startswith(("client.quotes", "client.calendar",
                                                       "client.uploads", "client.cli")))
print(json.dumps({"exported": result.exported, "loaded": loaded}))
"""


def test_every_table_of_the_schema_is_classified(tmp_path: Path) -> None:
    with Store.open(tmp_path / "cache.db") as store:
        tables = {name for (name,) in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'messages_fts_%'")}
    local = {entry.table for entry in LOCAL_TABLES}
    assert tables == local | SERVER_TABLES
    assert not (local & SERVER_TABLES)
    names = [entry.name for entry in LOCAL_TABLES]
    assert len(names) == len(set(names))


def test_a_table_comes_after_the_tables_it_references() -> None:
    seen: set[str] = set()
    for entry in LOCAL_TABLES:
        for referenced in (*entry.required.values(), *entry.optional.values()):
            assert referenced in seen or referenced == entry.table, (entry.name, referenced)
        seen.add(entry.table)


def _local_work(path: Path) -> None:
    with Store.open(path) as store:
        account = store.add_account("rep@tradewind.example")
        with store.transaction() as conn:
            conn.execute("INSERT INTO products (id, sku, unit, updated) VALUES (7, 'LED-1', 'pcs', 1)")
            conn.execute("INSERT INTO quotes (id, number, account_id, rep, currency, total,"
                         " lang, quote_date, valid_until, state, created) VALUES (3,"
                         " 'Q-2026-0003', ?, 'rep@tradewind.example', 'EUR', '120.00', 'de',"
                         " '2026-12-01', '2026-12-31', 'draft', 1)", (account.id,))
            conn.execute("INSERT INTO quote_items (quote_id, position, product, quantity,"
                         " unit_price, line_total) VALUES (3, 1, 'LED panel', '10', '12.00',"
                         " '120.00')")
            conn.execute("INSERT INTO calendar_events (id, uid, summary, start_utc, end_utc,"
                         " ical, updated) VALUES (5, 'w@example.com', 'Sample review',"
                         " '2026-12-03T08:00:00Z', '2026-12-03T09:00:00Z', 'BEGIN:VCALENDAR', 1)")
            conn.execute("INSERT INTO calendar_changes (id, uid, kind, created)"
                         " VALUES (1, 'w@example.com', 'put', 1)")
            conn.execute("INSERT INTO storages (id, account_id, kind, url, created)"
                         " VALUES (2, ?, 'webdav', 'https://dav.example/files', 1)", (account.id,))
            conn.execute("INSERT INTO uploads (id, storage_id, path, file_name, size, mtime_ns,"
                         " state, part_size, created, updated) VALUES (4, 2, 'files/catalogue.pdf',"
                         " 'catalogue.pdf', 10, 1, 'shared', 8, 1, 1)")
            conn.execute("INSERT INTO links (id, upload_id, url, created) VALUES"
                         " (6, 4, 'https://dav.example/s/abc', 1)")


def test_a_rebuild_in_a_process_with_only_the_store_keeps_quotes_calendar_and_uploads(
        tmp_path: Path) -> None:
    path = tmp_path / "tradewind.db"
    _local_work(path)
    done = subprocess.run([sys.executable, "-c", _REBUILD_WITH_ONLY_THE_STORE, str(path)],
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[3])
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["loaded"] == []  # nothing but the store was imported
    kept = ("products", "quotes", "quote_items", "calendar_events", "calendar_changes",
            "link_storages", "uploads", "links")
    assert {k: report["exported"].get(k) for k in kept} == dict.fromkeys(kept, 1)
    with Store.open(path) as store:
        assert store.conn.execute("SELECT number FROM quotes").fetchall() == [("Q-2026-0003",)]
        assert store.conn.execute("SELECT product FROM quote_items").fetchall() == [("LED panel",)]
        assert store.conn.execute("SELECT summary FROM calendar_events").fetchall() == [
            ("Sample review",)]
        assert store.conn.execute("SELECT kind FROM calendar_changes").fetchall() == [("put",)]
        assert store.conn.execute("SELECT file_name FROM uploads").fetchall() == [
            ("catalogue.pdf",)]
        assert store.conn.execute("SELECT url FROM links").fetchall() == [
            ("https://dav.example/s/abc",)]
