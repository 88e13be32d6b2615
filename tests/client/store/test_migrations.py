"""Numbered migrations: upgrade a schema-1 or schema-4 database, refuse a newer one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from client.store import Store, StoreVersionError
from client.store.migrations import LATEST, all_migrations, apply_migrations, split_statements

from .factories import BASE_DATE, incoming, make_raw


def _schema1_database(path: Path) -> None:
    """A database exactly as schema 1 (migration 0001 only) left it, with one message."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(conn, str(path), upto=1) == 1
    conn.execute("INSERT INTO accounts(id, email, created) VALUES (1, 'old@x.example', 0)")
    conn.execute("INSERT INTO folders(id, account_id, name, role) VALUES (1, 1, 'INBOX', 'inbox')")
    conn.execute(
        "INSERT INTO messages(id, account_id, folder_id, uid, message_id, thread_id, subject, "
        "date_utc, internaldate, body_state) VALUES (1, 1, 1, 7, 'a@x', 1, 'Old', 1000.0, "
        "900.0, 'full'), (2, 1, 1, 8, 'b@x', 2, 'No date', NULL, 950.0, 'full')"
    )
    conn.execute("INSERT INTO bodies(message_id, raw) VALUES (1, x'00')")
    conn.close()


def test_migrations_are_numbered_from_one() -> None:
    versions = [m.version for m in all_migrations()]
    assert versions == list(range(1, LATEST + 1)) and LATEST >= 9


def test_upgrade_from_schema_1_keeps_rows(db_path: Path) -> None:
    _schema1_database(db_path)
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        rows = {m.uid: m for m in store.list_messages(1, include_deleted=True)}
        assert rows[7].subject == "Old" and rows[7].sort_date == 1000.0
        assert rows[8].sort_date == 950.0  # no Date: INTERNALDATE sorts it
        assert store.get_raw(1) == b"\x00"
        # the upgraded database takes new messages with the new columns
        raw = make_raw(3, subject="Re: Old", refs=["a@x"])
        store.insert_messages(1, [incoming(9, raw)], 9)
        new = store.list_messages(1, limit=1, order="desc")[0]
        assert new.thread_id == 1 and new.sort_date > BASE_DATE.timestamp() - 1
        assert store.integrity_errors() == []


def test_newer_database_is_refused_and_untouched(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {LATEST + 5}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreVersionError) as info:
        Store.open(db_path)
    message = str(info.value)
    assert str(LATEST + 5) in message and "newer Tradewind" in message
    assert db_path.read_bytes() == before


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, str(path), upto=1)
    bad = [*all_migrations()[:1], type(all_migrations()[1])(2, "0002_bad.sql",
           "ALTER TABLE messages ADD COLUMN zz INTEGER;\nSELECT * FROM no_such_table;")]
    monkeypatch.setattr("client.store.migrations.all_migrations", lambda: bad)
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(conn, str(path), upto=2)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(messages)")]
    assert "zz" not in columns
    conn.close()


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    sql = "-- c\nCREATE TABLE t(a);\nCREATE TRIGGER x AFTER DELETE ON t BEGIN\n  DELETE FROM t;\n  SELECT 1;\nEND;\n"
    parts = split_statements(sql)
    assert len(parts) == 2 and parts[1].endswith("END;")


def test_schema_1_has_documented_tables(tmp_path: Path) -> None:
    path = tmp_path / "s1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, str(path), upto=1)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"accounts", "folders", "messages", "bodies", "parts", "message_refs",
            "pending_ops", "messages_fts", "settings"} <= names
    conn.close()


def _schema4_database(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """A database as schema 4 left it (messages with and without a subject_key, a body, a part,
    refs, a queued op); returns every table's rows."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(conn, str(path), upto=4) == 4
    conn.execute("INSERT INTO accounts(id, email, created) VALUES (1, 'rep@x.example', 0)")
    conn.execute("INSERT INTO folders(id, account_id, name, role) VALUES (1, 1, 'INBOX', 'inbox')")
    conn.execute(
        "INSERT INTO messages(id, account_id, folder_id, uid, message_id, thread_id, subject, "
        "subject_key, from_name, from_email, date_utc, internaldate, sort_date, seen, body_state) "
        "VALUES (1, 1, 1, 7, 'a@x', 1, 'Re: Angebot', 'angebot', 'Émile DUBOIS', 'e@x.example', "
        "1000.0, 900.0, 1000.0, 1, 'full'), "
        "(2, 1, 1, 8, 'b@x', 2, '回复：报价单', '', '张伟', 'zhang@x.example', NULL, 950.0, 950.0, "
        "0, 'partial'), "
        "(3, 1, 1, 9, 'c@x', 3, '', '', '', 'Bob@X.example', 800.0, 800.0, 800.0, 0, 'none')"
    )
    conn.execute("INSERT INTO bodies(message_id, raw) VALUES (1, x'00ff'), (2, x'41')")
    conn.execute("INSERT INTO parts(message_id, part_id, filename, size, encoding) "
                 "VALUES (2, '2', 'quote.pdf', 10, 'base64')")
    conn.execute("INSERT INTO message_refs(message_id, ref) VALUES (1, 'z@x')")
    conn.execute("INSERT INTO pending_ops(account_id, kind, message_row, created) "
                 "VALUES (1, 'flags', 2, 0)")
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'messages_fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    before = {t: sorted(conn.execute(f"SELECT * FROM {t}"), key=repr) for t in tables}
    conn.close()
    return before


def test_upgrade_from_schema_4_adds_sort_keys_and_keeps_every_row(db_path: Path) -> None:
    before = _schema4_database(db_path)
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST >= 5
        for table, rows in before.items():
            # new columns are appended: the old ones are a prefix of each row
            after = sorted(store.conn.execute(f"SELECT * FROM {table}"), key=repr)
            if table == "messages":
                key_at = [r[1] for r in store.conn.execute("PRAGMA table_info(messages)")
                          ].index("subject_key")
                after = [r[:key_at] + r[key_at + 1:] for r in after]
                rows = [r[:key_at] + r[key_at + 1:] for r in rows]
            width = len(rows[0]) if rows else 0
            assert [r[:width] for r in after] == rows, table
        keys = store.conn.execute(
            "SELECT sender_key, subject_key FROM messages ORDER BY id").fetchall()
        assert keys == [("émile dubois\x01e@x.example", "angebot"),
                        ("张伟\x01zhang@x.example", "报价单"),  # backfilled: it was empty
                        ("bob@x.example\x01bob@x.example", "")]
        indexes = {r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"messages_folder_sender", "messages_folder_subject"} <= indexes
        assert store.message_ids(1, "asc", sort="sender") == [3, 1, 2]
        assert store.message_ids(1, "asc", sort="subject") == [3, 1, 2]
        assert store.integrity_errors() == []
        # new messages get the keys from the same code
        store.insert_messages(1, [incoming(10, make_raw(10, sender="Aaron <a@x.example>"))], 10)
        assert store.message_ids(1, "asc", sort="sender")[0] not in (1, 2, 3)


def _downgrade_to(conn: sqlite3.Connection, version: int, tmp_path: Path) -> None:
    """Turn a cache at LATEST into the schema ``version`` left: drop every index, table and
    column that the later migrations added (compared with a fresh cache migrated to
    ``version``), so the upgrade test keeps working as migrations are added."""
    from client.store.migrations import apply_migrations

    fresh_path = tmp_path / f"schema{version}.db"
    fresh = sqlite3.connect(fresh_path, isolation_level=None)
    apply_migrations(fresh, str(fresh_path), upto=version)

    def objects(c: sqlite3.Connection, kind: str) -> set[str]:
        return {r[0] for r in c.execute(
            "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'",
            (kind,))}

    def columns(c: sqlite3.Connection, table: str) -> list[str]:
        return [r[1] for r in c.execute(f"PRAGMA table_info({table})")]

    for index in objects(conn, "index") - objects(fresh, "index"):
        conn.execute(f"DROP INDEX {index}")
    for trigger in objects(conn, "trigger") - objects(fresh, "trigger"):
        conn.execute(f"DROP TRIGGER {trigger}")
    old_tables = objects(fresh, "table")
    for table in sorted(objects(conn, "table") - old_tables, reverse=True):
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            conn.execute(f"DROP TABLE {table}")
    for table in old_tables:
        keep = set(columns(fresh, table))
        for column in columns(conn, table):
            if column not in keep:
                conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    fresh.close()


def _schema9_copy(tmp_path: Path, db_path: Path) -> tuple[Path, list[tuple[object, ...]]]:
    """A realistic cache (the demo profile plus the spoof messages) as schema 9 left it, with
    the spoofed values the old parser stored; returns a copy of it and its message rows."""
    from client.demo.builder import build_demo_profile
    from client.store import FolderRecord
    from tests.client.store.old_cache import COMMENT, GENUINE, QUOTED, UMLAUT, make_old_by_subject

    build_demo_profile(db_path.parent)
    with Store.open(db_path) as store:
        account = store.list_accounts()[0]
        folder = store.upsert_folder(account.id, FolderRecord("Spoofs"))
        store.insert_messages(folder.id, [incoming(n, raw) for n, raw in enumerate(
            (QUOTED, COMMENT, GENUINE, UMLAUT), start=1)], 4)
        make_old_by_subject(store)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = sqlite3.connect(db_path, isolation_level=None)
    _downgrade_to(conn, 9, tmp_path)
    conn.execute("PRAGMA user_version = 9")
    rows = conn.execute("SELECT * FROM messages ORDER BY id").fetchall()
    conn.close()
    copy = tmp_path / "copy" / "tradewind.db"
    copy.parent.mkdir()
    shutil.copyfile(db_path, copy)
    return copy, rows


def test_upgrade_from_schema_9_marks_every_row_for_rederivation(
    tmp_path: Path, db_path: Path
) -> None:
    from client.store.derive import HEADER_VERSION
    from client.store.rederive import rederive_all

    copy, before = _schema9_copy(tmp_path, db_path)
    with Store.open(copy) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST >= 10
        after = store.conn.execute("SELECT * FROM messages ORDER BY id").fetchall()
        assert [r[:-1] for r in after] == before  # header_version appended, nothing else
        assert {r[-1] for r in after} == {0}
        plan = " ".join(str(r[-1]) for r in store.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT id FROM messages WHERE header_version < {HEADER_VERSION}"
            " AND id > 0 ORDER BY id LIMIT 10"))
        assert "messages_header_stale" in plan
        demo_rows = store.conn.execute(
            "SELECT m.id, subject, from_name, from_email, to_json, cc_json, reply_to_json, "
            "sender_key, subject_key FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE f.name != 'Spoofs' ORDER BY m.id").fetchall()
        totals = rederive_all(store)
        assert totals.updated == store.conn.execute(
            "SELECT count(*) FROM bodies").fetchone()[0] > 200
        assert store.conn.execute(
            "SELECT m.id, subject, from_name, from_email, to_json, cc_json, reply_to_json, "
            "sender_key, subject_key FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE f.name != 'Spoofs' ORDER BY m.id").fetchall() == demo_rows
        spoofs = dict(store.conn.execute(
            "SELECT subject, from_email FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE f.name = 'Spoofs'").fetchall())
        assert spoofs == {"Invoice 4711": "billing@kunde-invoices.example",
                          "Urgent transfer": "x@evil.example",
                          "Order": "anna.huber@kunde.example",
                          "Angebot für Sie": "jm@lieferant.example"}
        assert store.conn.execute(
            f"SELECT count(*) FROM messages WHERE header_version < {HEADER_VERSION}"
        ).fetchone()[0] == totals.waiting
        assert store.integrity_errors() == []
