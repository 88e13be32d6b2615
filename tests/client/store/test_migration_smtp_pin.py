"""Schema 7: the old single certificate pin becomes the IMAP pin, and the SMTP pin too when both
servers are on the same host."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from client.store.db import Store
from client.store.migrations import apply_migrations


def test_the_single_pin_moves_to_imap_and_to_smtp_on_the_same_host(tmp_path: Path) -> None:
    path = tmp_path / "tradewind.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert apply_migrations(conn, str(path), upto=6) == 6
    pin = "ab" * 32
    rows = [
        (1, "same@x.example", "mail.x.example", "Mail.X.example", pin),
        (2, "split@x.example", "imap.x.example", "smtp.x.example", pin),
        (3, "none@x.example", "mail.x.example", "mail.x.example", None),
    ]
    conn.executemany(
        "INSERT INTO accounts(id, email, imap_host, smtp_host, pinned_sha256, created) "
        "VALUES (?, ?, ?, ?, ?, 0)", rows,
    )
    conn.close()
    with Store.open(path) as store:
        pins = {a.email: (a.pinned_sha256, a.smtp_pinned_sha256) for a in store.list_accounts()}
    assert pins == {
        "same@x.example": (pin, pin),
        "split@x.example": (pin, None),
        "none@x.example": (None, None),
    }
