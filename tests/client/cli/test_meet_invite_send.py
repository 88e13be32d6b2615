"""`tradewind meet invite` / `meet cancel` sent for real: outbox → submission → Dovecot."""

from __future__ import annotations

from collections.abc import Callable

from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


def test_invite_and_cancel_arrive_as_invitations(
        cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    sent = cli("meet", "invite", "--from", smtp_user.email, "--to", smtp_user.email,
               "--start", "2026-06-02T09:30", "--zone", "China Standard Time",
               "--duration", "60", "--title", "Sample review 样品", "--location", "Ningbo",
               "--json")
    assert sent.code == 0, sent.err
    doc = sent.json()
    assert doc["state"] == "filed", doc
    cancelled = cli("meet", "cancel", doc["uid"], "--json")
    assert cancelled.code == 0 and cancelled.json()["state"] == "filed", cancelled.err
    received = {str(m["Message-ID"]).strip("<>"): m for m in _folder(dovecot, smtp_user, "INBOX")}
    invite, cancel = received[doc["message_id"]], received[cancelled.json()["message_id"]]
    assert invite["Subject"] == "Sample review 样品"
    assert cancel["Subject"] == "Cancelled: Sample review 样品"
    for message, method in ((invite, "REQUEST"), (cancel, "CANCEL")):
        [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert part.get_param("method") == method
        text = part.get_content()
        assert f"METHOD:{method}" in text and "TZID:Asia/Shanghai" in text
        assert "DTSTART;TZID=Asia/Shanghai:20260602T093000" in text
    assert "SEQUENCE:1" in [p for p in cancel.walk()
                            if p.get_content_type() == "text/calendar"][0].get_content()


def _calendar_text(message: object) -> str:
    [part] = [p for p in message.walk()  # type: ignore[attr-defined]
              if p.get_content_type() == "text/calendar"]
    return str(part.get_content())


def test_one_occurrence_moved_and_cancelled_from_the_cli(
        cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    sent = cli("meet", "invite", "--from", smtp_user.email, "--to", smtp_user.email,
               "--start", "2026-06-02T09:30", "--zone", "Asia/Shanghai", "--duration", "60",
               "--title", "Weekly buyers call", "--rrule", "FREQ=WEEKLY;COUNT=4", "--json")
    assert sent.code == 0, sent.err
    uid = sent.json()["uid"]
    moved = cli("meet", "update", uid, "--occurrence", "2026-06-09T09:30",
                "--start", "2026-06-10T14:00", "--json")
    assert moved.code == 0, moved.err
    assert moved.json()["occurrence"] == "2026-06-09T01:30:00+00:00"
    assert moved.json()["sequence"] == 1
    dropped = cli("meet", "cancel", uid, "--occurrence", "2026-06-16T09:30", "--json")
    assert dropped.code == 0, dropped.err
    assert dropped.json()["sequence"] == 2

    received = {str(m["Message-ID"]).strip("<>"): m for m in _folder(dovecot, smtp_user, "INBOX")}
    update = _calendar_text(received[moved.json()["message_id"]])
    assert "METHOD:REQUEST" in update and "RRULE" not in update
    assert "RECURRENCE-ID;TZID=Asia/Shanghai:20260609T093000" in update
    assert "DTSTART;TZID=Asia/Shanghai:20260610T140000" in update and "SEQUENCE:1" in update
    cancel = _calendar_text(received[dropped.json()["message_id"]])
    assert "METHOD:CANCEL" in cancel and "RRULE" not in cancel
    assert "RECURRENCE-ID;TZID=Asia/Shanghai:20260616T093000" in cancel
    assert "SEQUENCE:2" in cancel

    listed = cli("calendar", "--from", "2026-06-01", "--to", "2026-06-30", "--json")
    assert listed.code == 0, listed.err
    events = [(e["start"], e["status"]) for e in listed.json()["events"] if e["uid"] == uid]
    assert events == [("2026-06-02T01:30:00+00:00", "CONFIRMED"),
                      ("2026-06-10T06:00:00+00:00", "CONFIRMED"),
                      ("2026-06-16T01:30:00+00:00", "CANCELLED"),
                      ("2026-06-23T01:30:00+00:00", "CONFIRMED")], events


def test_an_occurrence_the_meeting_does_not_have_is_refused(
        cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    sent = cli("meet", "invite", "--from", smtp_user.email, "--to", smtp_user.email,
               "--start", "2026-06-02T09:30", "--zone", "Asia/Shanghai", "--duration", "60",
               "--title", "Weekly", "--rrule", "FREQ=WEEKLY;COUNT=2", "--queue-only", "--json")
    assert sent.code == 0, sent.err
    uid = sent.json()["uid"]
    wrong = cli("meet", "cancel", uid, "--occurrence", "2026-06-03T09:30", "--json")
    assert wrong.code == 2 and "no occurrence starting at 2026-06-03 09:30" in wrong.err
    once = cli("meet", "invite", "--from", smtp_user.email, "--to", smtp_user.email,
               "--start", "2026-06-02T09:30", "--zone", "Asia/Shanghai", "--duration", "60",
               "--title", "Once", "--queue-only", "--json")
    single = cli("meet", "update", once.json()["uid"], "--occurrence", "2026-06-02T09:30",
                 "--json")
    assert single.code == 2 and "does not repeat" in single.err
    listed = cli("calendar", "--from", "2026-06-01", "--to", "2026-06-30", "--json")
    assert [e["status"] for e in listed.json()["events"]] == ["CONFIRMED"] * 3
