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
