"""Schema 15: the outbox accepts `uploading` and keeps every row, id and the id counter."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from client.store.migrations import apply_migrations


def _outbox_row(conn: sqlite3.Connection, row_id: int, state: str) -> None:
    conn.execute(
        "INSERT INTO outbox (id, account_id, message_id, sender, recipients_json, subject, raw,"
        " size, state, created, version, claim_token) VALUES (?, 1, ?, 'rep@x.example',"
        " '[\"b@y.example\"]', 'Offer', x'41', 1, ?, 0, 3, ?)",
        (row_id, f"m{row_id}@x", state, "tok" if state == "sending" else None))


def test_upgrade_to_schema_15_keeps_the_outbox_and_accepts_uploading(tmp_path: Path) -> None:
    path = tmp_path / "s14.db"
    conn = sqlite3.connect(path, isolation_level=None)
    apply_migrations(conn, str(path), upto=14)
    conn.execute("INSERT INTO accounts(id, email, created) VALUES (1, 'rep@x.example', 0)")
    for row_id, state in ((1, "queued"), (2, "sending"), (5, "failed")):
        _outbox_row(conn, row_id, state)
    conn.execute("DELETE FROM outbox WHERE id = 5")  # the counter stays at 5
    with pytest.raises(sqlite3.IntegrityError):
        _outbox_row(conn, 9, "uploading")

    apply_migrations(conn, str(path), upto=15)

    rows = conn.execute("SELECT id, state, version, claim_token, link_files_json FROM outbox"
                        " ORDER BY id").fetchall()
    assert rows == [(1, "queued", 3, None, None), (2, "sending", 3, "tok", None)]
    _outbox_row(conn, 9, "uploading")
    conn.execute("DELETE FROM outbox WHERE id = 9")
    cur = conn.execute(
        "INSERT INTO outbox (account_id, message_id, sender, recipients_json, raw, size, state,"
        " created) VALUES (1, 'n@x', 'rep@x.example', '[]', x'41', 1, 'queued', 0)")
    assert cur.lastrowid == 10
    with pytest.raises(sqlite3.IntegrityError):
        _outbox_row(conn, 11, "nonsense")
    assert [r[1] for r in conn.execute("PRAGMA index_list(outbox)")] == ["outbox_account_state"]
    conn.close()
