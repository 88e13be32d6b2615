"""The running app sends a scheduled message at its time (through the real submission
server), and says so when the time was missed while it was closed."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from ui.customers.send_timer import ScheduledSender

Cli = Callable[..., CliResult]


def test_the_timer_sends_what_is_due_and_nothing_early(
    qtbot, cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,  # type: ignore[no-untyped-def]
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("offer\n")
    doc = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
              "At nine", "--body-file", str(body), "--at", "2030-01-07T09:00", "--zone",
              "Europe/Berlin", "--json").json()
    db = Profile.resolve(None).database
    sender = ScheduledSender(db)
    with qtbot.waitSignal(sender.checked, timeout=20000):
        sender.check()
    assert _folder(dovecot, smtp_user, "INBOX") == []  # not yet
    with Store.open(db) as store, store.transaction(durable=True) as conn:
        conn.execute("UPDATE outbox SET send_at = ? WHERE id = ?",
                     (time.time() - 3 * 3600, doc["outbox_id"]))  # missed while closed
    with qtbot.waitSignal(sender.sent, timeout=20000) as said:
        sender.check()
    [line] = said.args[0]
    assert "180 min late" in line and "not running" in line
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "At nine"
    with Store.open(db) as store:
        assert Outbox(store).get(doc["outbox_id"]).state == "filed"
