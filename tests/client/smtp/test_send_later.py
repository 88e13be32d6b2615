"""Send later: the `scheduled` outbox state, across a restart and a missed time, through the
real submission server (and `tradewind send --at`, `outbox --json`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from client.profile.config import Profile
from client.smtp.outbox import Outbox, OutboxError
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


@pytest.fixture()
def box(tmp_path: Path) -> Outbox:
    store = Store.open(tmp_path / "tw.db")
    store.add_account("anna@example.test", imap_host="127.0.0.1", smtp_host="127.0.0.1")
    return Outbox(store)


def _one(box: Outbox) -> int:
    account = box.store.list_accounts()[0]
    return box.enqueue(account.id, b"Subject: later\r\n\r\nbody\r\n", message_id="<l@x>",
                       sender="anna@example.test", recipients=["b@example.test"])


def test_scheduled_is_never_due_nor_claimed_before_its_time(box: Outbox) -> None:
    item_id = _one(box)
    at = time.time() + 3600
    box.schedule(item_id, at)
    item = box.get(item_id)
    assert item.state == "scheduled" and item.send_at == at
    account_id = item.account_id
    assert box.due(account_id, now=at + 10) == [] and box.queued(account_id) == []
    assert box.claim(item) is None  # not even a manual flush takes it
    assert box.make_due(account_id) == 0
    assert box.release_due(account_id, now=at - 1) == []
    [released] = box.release_due(account_id, now=at + 30)
    assert released.item_id == item_id and released.late_s == 0.0
    assert box.get(item_id).state == "queued" and box.release_due(account_id, now=at + 60) == []


def test_a_missed_time_is_released_as_late(box: Outbox) -> None:
    item_id = _one(box)
    box.schedule(item_id, 1000.0)
    [released] = box.release_due(box.get(item_id).account_id, now=1000.0 + 8 * 3600)
    assert released.late_s == 8 * 3600


def test_only_waiting_messages_can_be_scheduled_and_json_gives_utc(box: Outbox) -> None:
    item_id = _one(box)
    at = datetime(2028, 1, 5, 9, 0, tzinfo=UTC).timestamp()
    box.schedule(item_id, at)
    assert box.get(item_id).as_json()["send_at"] == "2028-01-05T09:00:00Z"
    box.schedule(item_id, at)  # idempotent
    box.send_now(item_id)
    assert box.get(item_id).state == "queued" and box.get(item_id).send_at is None
    box.fail(item_id, "550 no")
    with pytest.raises(OutboxError, match="only a message waiting"):
        box.schedule(item_id, time.time() + 60)
    assert box.get(item_id).state == "failed"  # unchanged, nothing lost


def test_schedule_survives_reopen(box: Outbox, tmp_path: Path) -> None:
    item_id = _one(box)
    box.schedule(item_id, time.time() + 600)
    box.store.close()
    again = Outbox(Store.open(tmp_path / "tw.db"))
    assert again.get(item_id).state == "scheduled"
    assert again.raw(item_id).startswith(b"Subject: later")


def _move_send_at(item_id: int, send_at: float) -> None:
    """The clock moves on while no Tradewind runs (the laptop is closed)."""
    store = Store.open(Profile.resolve(None).database)
    with store.transaction(durable=True) as conn:
        conn.execute("UPDATE outbox SET send_at = ? WHERE id = ?", (send_at, item_id))
    store.close()


def test_send_at_waits_across_restarts_then_goes_out_once(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("Good morning, here is the offer.\n")
    sent = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
               "Offer at 9", "--body-file", str(body), "--at", "2030-01-07T09:00",
               "--zone", "Europe/Berlin", "--json")
    assert sent.code == 0, sent.err
    doc = sent.json()
    assert doc["state"] == "scheduled" and doc["send_at"] == "2030-01-07T08:00:00Z"
    flushed = cli("outbox", "flush", "--json")  # the rep's own flush: still waits
    [waiting] = flushed.json()["items"]
    assert waiting["state"] == "scheduled" and waiting["send_at"] == "2030-01-07T08:00:00Z"
    assert _folder(dovecot, smtp_user, "INBOX") == []
    _move_send_at(waiting["id"], time.time() - 5)  # its moment, seen by the next flush
    again = cli("outbox", "flush", "--json")
    assert again.code == 0, again.err
    [acct] = again.json()["flush"].values()
    assert acct["sent"] == [waiting["id"]] and acct["late"] == {}
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "Offer at 9"
    assert cli("outbox", "flush", "--json").json()["items"] == []
    assert len(_folder(dovecot, smtp_user, "INBOX")) == 1  # once


def test_a_time_missed_while_closed_sends_at_the_next_start_and_says_so(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("Following up on our quotation.\n")
    doc = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
              "Follow-up", "--body-file", str(body), "--at", "buyer-morning", "--zone",
              "Asia/Tokyo", "--json").json()
    assert doc["state"] == "scheduled"
    _move_send_at(doc["outbox_id"], time.time() - 9 * 3600)  # the laptop was closed all night
    synced = cli("sync", "--json")  # the next start's sync sends it
    assert synced.code == 0, synced.err
    [acct] = synced.json()["accounts"]
    assert acct["outbox"]["sent"] == [doc["outbox_id"]]
    note = acct["outbox"]["late"][str(doc["outbox_id"])]
    assert "540 min late" in note and "not running" in note
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Subject"] == "Follow-up"


def test_bad_at_values_exit_2_and_queue_nothing(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("x\n")
    base = ("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "S",
            "--body-file", str(body))
    for extra, words in ((("--at", "2020-01-01T09:00", "--zone", "UTC"), "past"),
                         (("--at", "2030-01-07T09:00"), "--zone"),
                         (("--at", "2030-03-31T02:30", "--zone", "Europe/Berlin"), "exist"),
                         (("--zone", "UTC"), "--at")):
        result = cli(*base, *extra)
        assert result.code == 2 and words in result.err, (extra, result.err)
        assert "Traceback" not in result.err
    assert cli("outbox", "--json").json()["items"] == []


def test_a_scheduled_message_can_go_back_to_the_drafts(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("draft me\n")
    doc = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "Later",
              "--body-file", str(body), "--at", "2030-01-07T09:00", "--zone", "UTC",
              "--json").json()
    edited = cli("outbox", "edit", str(doc["outbox_id"]), "--json")
    assert edited.code == 0, edited.err
    assert edited.json()["from_outbox"] == doc["outbox_id"]
    assert cli("outbox", "--json").json()["items"] == []
    drafts = cli("drafts", "--json").json()
    assert any(d["subject"] == "Later" for d in drafts["drafts"])
