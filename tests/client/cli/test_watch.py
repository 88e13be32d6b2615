"""`tradewind watch` as a real process: initial sync, IDLE brings new mail, SIGINT/SIGTERM stop it."""

from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest

from tests.client.cli.fixtures import REPO_ROOT, CliResult, console_script
from tests.servers.dovecot import DovecotServer, MailUser

RunCli = Callable[..., CliResult]


def _next_event(stream: IO[str], kind: str) -> dict[str, Any]:
    """Read JSON Lines until one of `kind` arrives (the suite's timeout bounds the wait)."""
    while True:
        line = stream.readline()
        assert line, "watch ended before the expected event"
        event = json.loads(line)
        if event["event"] == kind:
            return event


def _add(cli_process: RunCli, dovecot: DovecotServer, user: MailUser) -> None:
    assert cli_process(
        "account", "add", "--email", user.email, "--username", user.username,
        "--imap", f"{dovecot.host}:{dovecot.imaps_port}", "--ca-file", str(dovecot.ca_file),
        "--password-stdin", input=user.password + "\n",
    ).code == 0


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_watch_syncs_then_follows_new_mail_until_stopped(
    cli_process: RunCli,
    process_env: dict[str, str],
    dovecot: DovecotServer,
    imap_user: MailUser,
    stop_signal: signal.Signals,
) -> None:
    dovecot.deliver(imap_user, b"Subject: before\r\nMessage-ID: <w1@x.example>\r\n\r\nold\r\n")
    _add(cli_process, dovecot, imap_user)
    child = subprocess.Popen(
        [*console_script(), "watch", "--json"], env=process_env, cwd=REPO_ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None
        first = _next_event(child.stdout, "folder_changed")
        assert (first["account"], first["folder"], len(first["added"])) == (imap_user.email, "INBOX", 1)

        # A read-only command works while watch holds the writer lock; sync is refused.
        assert len(cli_process("ls", "INBOX", "--json").json()["messages"]) == 1
        assert cli_process("sync").code == 7

        dovecot.deliver(imap_user, b"Subject: after\r\nMessage-ID: <w2@x.example>\r\n\r\nnew\r\n")
        second = _next_event(child.stdout, "folder_changed")
        assert (second["folder"], len(second["added"])) == ("INBOX", 1)
        subjects = [m["subject"] for m in cli_process("ls", "INBOX", "--json").json()["messages"]]
        assert subjects == ["after", "before"]
        cmdline = Path(f"/proc/{child.pid}/cmdline").read_bytes()
        assert imap_user.password.encode() not in cmdline
    finally:
        child.send_signal(stop_signal)
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    assert cli_process("sync").code == 0  # the lock was released


def test_watch_without_accounts_or_password(cli_process: RunCli, keyring_file: Path) -> None:
    none = cli_process("watch")
    assert none.code == 6 and "no accounts" in none.err.lower()
    assert cli_process("account", "add", "--email", "a@b.example", "--imap", "127.0.0.1:1",
                       "--password-stdin", input="pw\n").code == 0
    keyring_file.write_text("{}")  # the password vanished from the keyring
    missing = cli_process("watch")
    assert missing.code == 8 and "No password for a@b.example" in missing.err


def test_plain_watch_lines_drop_repeats_and_the_first_ok(tmp_path: Path) -> None:
    import io
    from types import SimpleNamespace

    from client import events
    from client.cli.context import Context
    from client.cli.watch_cmd import _Printer
    from client.profile.config import Profile

    out = io.StringIO()
    ctx = Context(Profile(tmp_path), False, io.StringIO(), out, io.StringIO())
    store = SimpleNamespace(folder=lambda folder_id: SimpleNamespace(name="INBOX\x1b[2J"))
    account = SimpleNamespace(id=1, email="rep@example.test")
    printer = _Printer(ctx, store, [account])  # type: ignore[arg-type]
    printer.show(events.AccountStatus(1, "syncing", "Checking…"))
    printer.show(events.AccountStatus(1, "ok", ""))
    printer.show(events.FolderChanged(1, 6, added=(10, 11)))
    printer.show(events.FolderChanged(1, 6))  # nothing changed: no line
    printer.show(events.AccountStatus(1, "offline", "The server did not answer."))
    printer.show(events.AccountStatus(1, "offline", "The server did not answer."))
    printer.show(events.AccountStatus(1, "ok", ""))
    lines = [line.split(" ", 1)[1] for line in out.getvalue().splitlines()]
    assert lines == [
        "rep@example.test: INBOX?[2J: 2 new, 0 updated, 0 removed",
        "rep@example.test: offline: The server did not answer.",
        "rep@example.test: ok: connected, up to date",
    ]


def test_watch_into_a_closed_pipe_stops_quietly(
    cli_process: RunCli,
    process_env: dict[str, str],
    dovecot: DovecotServer,
    imap_user: MailUser,
) -> None:
    """`tradewind watch --json | head -1` after head exited: the first event meets the closed
    pipe, and watch ends (exit 141, nothing on stderr) instead of running on or crashing."""
    import os

    dovecot.deliver(imap_user, b"Subject: first\r\nMessage-ID: <wp1@x.example>\r\n\r\nx\r\n")
    _add(cli_process, dovecot, imap_user)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        child = subprocess.Popen(
            [*console_script(), "watch", "--json"], env=process_env, cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL, stdout=write_end, stderr=subprocess.PIPE, text=True,
        )
    finally:
        os.close(write_end)
    try:
        _, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert (child.returncode, err) == (141, "")
    assert cli_process("sync").code == 0  # the lock was released
