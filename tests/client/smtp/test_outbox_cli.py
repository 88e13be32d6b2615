"""`tradewind outbox flush` obeys the rep: every waiting message is tried at once, backoff or
not, while `tradewind sync` (an automatic retry) keeps the backoff. Real servers."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


def test_outbox_flush_sends_what_waits_for_backoff_and_sync_does_not(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("sample shipment booked\n")
    ids = []
    for subject in ("first", "second"):
        queued = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
                     subject, "--body-file", str(body), "--queue-only", "--json")
        assert queued.code == 0, queued.err
        ids.append(queued.json()["outbox_id"])
    with Store.open(Profile.resolve(None).database) as store:
        for item_id in ids:  # as an earlier 451 left them: waiting with backoff
            Outbox(store).retry_later(item_id, "4.3.0 greylisted, try later")
        waiting = [Outbox(store).get(i) for i in ids]
    assert all(w.next_attempt > time.time() and w.attempts == 1 for w in waiting)
    before = len(submission.received)
    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["accounts"][0]["outbox"]["sent"] == []  # automatic: backoff kept
    assert len(submission.received) == before
    flushed = cli("outbox", "flush", "--json")
    assert flushed.code == 0, flushed.err
    assert flushed.json()["flush"][smtp_user.email]["sent"] == ids  # both, at once
    assert flushed.json()["items"] == []
    assert len(submission.received) == before + 2
