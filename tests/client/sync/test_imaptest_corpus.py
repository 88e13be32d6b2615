"""Checklist P6 against the real server: Dovecot's imaptest messages (odd ENVELOPEs, NIL
fields, nested message/rfc822, broken MIME; tests/data/corpus/mime/dovecot-imaptest, MIT) all
sync, whole and as header + text parts (the path that reads Dovecot's BODYSTRUCTURE)."""

from __future__ import annotations

import mailbox
import re
from pathlib import Path

import pytest

from client.sync.engine import sync_account
from tests.client.sync.env import SyncEnv

pytestmark = pytest.mark.server_identity  # what the server makes of each message (BODYSTRUCTURE)


CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime" / "dovecot-imaptest"


def _messages() -> list[bytes]:
    out = []
    for path in sorted(CORPUS.rglob("*.mbox")):
        for message in mailbox.mbox(str(path), create=False):
            raw = re.sub(rb"\r?\n", b"\r\n", message.as_bytes())
            if raw.strip():
                out.append(raw)
    return out


@pytest.mark.parametrize("cap", [25 * 1024 * 1024, 0], ids=["whole", "header-and-text"])
def test_every_imaptest_message_syncs(sync_env: SyncEnv, cap: int) -> None:
    env = sync_env
    raws = _messages()
    assert len(raws) > 100
    env.server.append_many(env.user, "INBOX", raws)
    report = sync_account(env.store_path, env.account, env.password, attachment_cap=cap,
                          connections=0)
    assert report.status == "ok", report.error
    [inbox] = [f for f in report.folders if f.name == "INBOX"]
    assert inbox.error is None and inbox.unreadable == {}, inbox
    with env.open() as store:
        states = dict(store.conn.execute(
            "SELECT body_state, count(*) FROM messages GROUP BY body_state").fetchall())
        errors = store.conn.execute(
            "SELECT count(*) FROM messages WHERE fetch_error IS NOT NULL").fetchone()[0]
    assert errors == 0
    assert states == {"full" if cap else "partial": len(raws)}
