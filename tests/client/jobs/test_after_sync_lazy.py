"""After a sync that brought nothing, `after_sync` opens no connection and loads none of the
libraries its steps need only for work (issue 17: a no-change `tradewind sync` as a process).

Checked on ``sys.modules`` of a fresh interpreter (nothing timed). The account's servers are a
closed port: a step that connected would report it in ``problems``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from client.compose.drafts import DraftFields, save_draft
from client.imap import ImapError
from client.outgoing.drafts_push import push_account_drafts
from client.store.db import Store
from tests.client.cli.fixtures import REPO_ROOT

#: Loaded only when new mail waits: the public-suffix list (with requests), the fraud
#: signals (confusables), the risk cache, the iCalendar readers.
ONLY_FOR_MAIL = ("tldextract", "requests", "confusable_homoglyphs", "client.security.assess",
                 "client.security.risk_store", "icalendar", "client.meetings.ical_in")
#: Loaded only when a draft waits for the server's Drafts folder.
ONLY_FOR_DRAFTS = ("client.compose.drafts", "client.compose.assemble")

_RUN = r"""
import json, sys
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from client.jobs.after_sync import after_sync
with Store.open(sys.argv[1]) as store:
    account = store.add_account("rep@firma.example", imap_host="127.0.0.1", imap_port=9,
                                security="tls", username="rep", smtp_host="127.0.0.1",
                                smtp_port=9)
    if sys.argv[3] == "with-mail":
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(
            uid=1, raw=b"From: Buyer <buyer@kunde.example>\r\nTo: rep@firma.example\r\n"
                       b"Subject: Price\r\n\r\nPlease quote.\r\n")], 1)
    report = after_sync(store, account, "pw")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump({"problems": report.problems, "modules": sorted(sys.modules)}, f)
"""


def _after_sync_in_process(tmp_path: Path, mode: str) -> tuple[list[str], set[str]]:
    out = tmp_path / "result.json"
    done = subprocess.run([sys.executable, "-c", _RUN, str(tmp_path / "t.db"), str(out), mode],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(out.read_text("utf-8"))
    return list(found["problems"]), set(found["modules"])


def _loaded(modules: set[str], names: tuple[str, ...] = ONLY_FOR_MAIL + ONLY_FOR_DRAFTS
            ) -> list[str]:
    return sorted(m for m in names if m in modules)


def test_nothing_to_do_loads_nothing_heavy_and_connects_nowhere(tmp_path: Path) -> None:
    problems, modules = _after_sync_in_process(tmp_path, "empty")
    assert problems == []
    assert _loaded(modules) == []


def test_new_mail_still_gets_customers_and_risk(tmp_path: Path) -> None:
    problems, modules = _after_sync_in_process(tmp_path, "with-mail")
    assert problems == []
    assert _loaded(modules) == sorted(ONLY_FOR_MAIL)  # the steps really ran on the new row
    with Store.open(tmp_path / "t.db") as store:
        assert store.conn.execute("SELECT count(*) FROM risk_cache").fetchone()[0] == 1
        assert store.conn.execute("SELECT count(*) FROM customer_messages").fetchone()[0] == 1


def test_drafts_push_connects_only_for_a_waiting_draft(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        account = store.add_account("rep@firma.example", imap_host="127.0.0.1", imap_port=9,
                                    security="tls", username="rep")
        assert push_account_drafts(store, account, "pw") == []  # port 9 is closed
        save_draft(store, account.id, DraftFields(sender="rep@firma.example", subject="Offer"))
        with pytest.raises(ImapError):
            push_account_drafts(store, account, "pw")
        count = store.conn.execute("SELECT count(*) FROM drafts WHERE server_state = 'dirty'")
        assert count.fetchone()[0] == 1  # the draft waits for the next sync
