"""Header injection on the wire (checklist O5), through the CLI and the real submission server:
a received message with line separators and controls in its subject and names can be replied to
and forwarded; typed values holding them are refused with exit 2 before anything is queued."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from pathlib import Path

import pytest

from client.cli.errors import ExitCode
from tests.client.cli.fixtures import CliResult
from tests.client.compose.test_actions import _encoded
from tests.client.smtp.test_send_cli import _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


def _hostile(user: MailUser) -> bytes:
    return (
        f"From: {_encoded('Hans' + chr(0x85) + 'Bcc: evil@evil.test ' + chr(0x202E) + 'x')}"
        " <hans@importer.example>\r\n"
        f"To: {user.email}, {_encoded('Joe' + chr(0x2028) + 'Cc: spy@spy.example')}"
        " <joe@importer.example>\r\n"
        f"Subject: {_encoded('RFQ' + chr(0x2028) + 'Bcc: victim@evil.test' + chr(0x2029))}"
        f"{_encoded('X-Injected: 1' + chr(0x0B) + chr(0x1B) + ' end')}\r\n"
        "Message-ID: <rfq-hostile@importer.example>\r\n"
        "Date: Fri, 20 Nov 2026 09:30:00 +0100\r\n\r\nPlease quote 2x40HQ.\r\n"
    ).encode()


def _header_names(data: bytes) -> list[str]:
    block = data.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("utf-8", "replace")
    return [line.split(":", 1)[0].lower() for line in block.split("\n")
            if line and not line[0].isspace()]


def _check_wire(data: bytes) -> email.message.EmailMessage:
    names = _header_names(data)
    assert "bcc" not in names and "x-injected" not in names and "cc" not in names, names
    assert names.count("to") == 1 and names.count("subject") == 1
    for bad in ("\x0b", "\x1b", "\x85", "\u2028", "\u2029", "\u202e"):
        assert bad.encode() not in data.split(b"\r\n\r\n", 1)[0]
    msg = email.message_from_bytes(data, policy=policy.default)
    assert all(group.display_name is None for group in msg["To"].groups)  # never group syntax
    return msg  # type: ignore[return-value]


def test_reply_all_and_forward_of_hostile_headers_go_out_without_injection(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    dovecot.deliver(smtp_user, _hostile(smtp_user))
    _setup(cli, dovecot, submission, smtp_user)
    assert cli("sync").code == 0
    [original] = cli("ls", "INBOX", "--json").json()["messages"]
    body = tmp_path / "reply.txt"
    body.write_text("USD 12.40 FOB.\n")
    before = len(submission.received)
    replied = cli("reply", str(original["id"]), "--all", "--body-file", str(body), "--json")
    assert replied.code == 0, replied.err
    [delivery] = submission.received[before:]
    assert sorted(delivery.rcpt_tos) == ["hans@importer.example", "joe@importer.example"]
    reply = _check_wire(delivery.data)
    assert reply["Subject"] == "Re: RFQ Bcc: victim@evil.test X-Injected: 1 end"
    assert [a.addr_spec for a in reply["To"].addresses] == [
        "hans@importer.example", "joe@importer.example"]

    forwarded = cli("forward", str(original["id"]), "--to", "buyer@kunde.example", "--json")
    assert forwarded.code == 0, forwarded.err
    [delivery] = submission.received[before + 1:]
    assert delivery.rcpt_tos == ["buyer@kunde.example"]
    fwd = _check_wire(delivery.data)
    assert fwd["Subject"] == "Fwd: RFQ Bcc: victim@evil.test X-Injected: 1 end"


@pytest.mark.parametrize("char", ["\r\n", "\x0b", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"],
                         ids=lambda c: f"U+{ord(c[-1]):04X}")
def test_typed_values_with_separators_exit_2_and_queue_nothing(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, char: str,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    body = tmp_path / "b.txt"
    body.write_text("x\n")
    bad_file = tmp_path / f"offer{char}.pdf"
    before = len(submission.received)
    attempts = [
        ("--to", smtp_user.email, "--subject", f"hi{char}Bcc: victim@evil.test"),
        ("--to", f"{smtp_user.email}{char}victim@evil.test", "--subject", "hi"),
        ("--to", f"Team{char}: {smtp_user.email};", "--subject", "hi"),
        ("--to", f"Anna{char}Bcc: victim@evil.test <{smtp_user.email}>", "--subject", "hi"),
        ("--to", smtp_user.email, "--bcc", f"{smtp_user.email},{char}x@evil.test",
         "--subject", "hi"),
    ]
    for args in attempts:
        result = cli("send", "--from", smtp_user.email, *args, "--body-file", str(body))
        assert result.code == ExitCode.USAGE, (args, result.err)
        assert "not allowed in a mail header" in result.err and "Traceback" not in result.err
    bad_file.write_bytes(b"%PDF")  # each of these characters may be in a Linux file name
    result = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "x",
                 "--body-file", str(body), "--attach", str(bad_file))
    assert result.code == ExitCode.USAGE and "attachment name" in result.err, result.err
    assert cli("outbox", "--json").json()["items"] == []
    assert len(submission.received) == before


def test_identity_with_a_separator_in_its_name_is_refused(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    alias = smtp_user.email.replace("@", "+us@")
    result = cli("identity", "add", "--account", smtp_user.email, "--email", alias,
                 "--name", "Anna\u2028Bcc: victim@evil.test")
    assert result.code == ExitCode.USAGE and "U+2028" in result.err, result.err
