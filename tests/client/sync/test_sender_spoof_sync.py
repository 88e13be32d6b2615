"""Real Dovecot: spoofed From lines synced from the server are stored, listed and shown with
the real sender address, on both the whole-message and the headers-first path (I1, I2)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from client.cli.main import main
from client.sync import folder_sync
from client.sync.engine import sync_account
from tests.client.sync.env import SyncEnv

QUOTED = (
    b'From: "Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>\r\n'
    b"To: rep@example.test\r\nSubject: Invoice 4711\r\nMessage-ID: <s1@x.example>\r\n"
    b"Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nPlease pay to our new account.\r\n"
)
COMMENT = (
    b"From: (CEO <ceo@yourco.com>) x@evil.example\r\nTo: rep@example.test\r\n"
    b"Subject: Urgent transfer\r\nMessage-ID: <s2@x.example>\r\n"
    b"Date: Mon, 2 Nov 2026 11:00:00 +0000\r\n\r\nToday, please.\r\n"
)


def _cli_json(*args: str) -> Any:
    out, err = io.StringIO(), io.StringIO()
    assert main([*args, "--json"], stdin=io.StringIO(""), stdout=out, stderr=err) == 0, err
    return json.loads(out.getvalue())


@pytest.mark.parametrize("headers_first", [False, True], ids=["whole", "headers-first"])
def test_synced_spoofs_keep_the_real_sender(
    sync_env: SyncEnv, monkeypatch: pytest.MonkeyPatch, headers_first: bool,
) -> None:
    env = sync_env
    env.server.append(env.user, "INBOX", QUOTED)
    env.server.append(env.user, "INBOX", COMMENT)
    if headers_first:
        monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    report = sync_account(env.store_path, env.account, env.password, connections=0)
    assert report.error is None, report.error
    with env.open() as store:
        rows = dict(store.conn.execute("SELECT subject, from_email FROM messages").fetchall())
    assert rows == {"Invoice 4711": "billing@kunde-invoices.example",
                    "Urgent transfer": "x@evil.example"}
    listed = _cli_json("ls", "INBOX")["messages"]
    shown = {m["subject"]: _cli_json("show", str(m["id"])) for m in listed}
    invoice = shown["Invoice 4711"]
    assert invoice["message"]["from"]["email"] == "billing@kunde-invoices.example"
    assert [w["code"] for w in invoice["sender_warnings"]] == ["name-contains-address"]
    assert shown["Urgent transfer"]["senders"] == [{"name": "", "email": "x@evil.example"}]
