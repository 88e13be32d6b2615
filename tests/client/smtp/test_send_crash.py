"""Kill the sending process at every step; the message goes out once or waits, never twice,
never lost (checklist O1, O2). Runs the real console script against the real servers."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from client.crashpoints import ENV_VAR
from tests.client.cli.fixtures import CliResult
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Run = Callable[..., CliResult]

# crash point -> (delivered before the crash?, state after the restart's flush)
POINTS = {
    "send.queued": (False, "filed"),  # committed, died before saying "queued": sent once later
    "send.claimed": (False, "filed"),  # taken for sending, nothing sent: recovered, sent once
    "send.before_sending_state": (False, "filed"),  # 354 received, nothing handed over
    "send.before_data": (False, "uncertain"),  # recorded "sending": cannot know, never resent
    "send.accepted": (True, "uncertain"),  # 250 received, not recorded: not resent
    "send.recorded": (True, "filed"),  # recorded sent, not yet filed: filed, not resent
}


def _inbox_count(dovecot: DovecotServer, user: MailUser) -> int:
    with dovecot.imap_admin(user) as imap:
        _, data = imap.select("INBOX")
        return int(data[0])


@pytest.mark.parametrize("point", list(POINTS))
def test_kill_at_every_step_of_sending(
    point: str, cli_process: Run, process_env: dict[str, str],
    dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser, tmp_path: Path,
) -> None:
    added = cli_process(
        "account", "add", "--email", smtp_user.email, "--username", smtp_user.username,
        "--imap", f"127.0.0.1:{dovecot.imaps_port}", "--smtp",
        f"127.0.0.1:{submission.starttls_port}", "--security", "ssl", "--ca-file",
        str(dovecot.ca_file), "--password-stdin", input=smtp_user.password + "\n",
    )
    assert added.code == 0, added.err
    body = tmp_path / "body.txt"
    body.write_text("Order confirmation PO-5512\n")
    crashing = dict(process_env, **{ENV_VAR: point})
    died = cli_process("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
                       f"PO-5512 {point}", "--body-file", str(body), env=crashing)
    assert died.code == -signal.SIGKILL, (died.code, died.err)
    delivered_before, final_state = POINTS[point]
    assert _inbox_count(dovecot, smtp_user) == (1 if delivered_before else 0)

    flushed = cli_process("outbox", "flush", "--json")  # the restart
    assert flushed.code == 0, flushed.err
    [item] = [i for i in flushed.json()["items"]] or [None]
    state = item["state"] if item else "filed"
    assert state == final_state
    if final_state == "uncertain":
        assert "may or may not have been sent" in item["last_error"]
    assert _inbox_count(dovecot, smtp_user) == (0 if point == "send.before_data" else 1)
    again = cli_process("outbox", "flush", "--json")
    assert again.code == 0
    assert _inbox_count(dovecot, smtp_user) == (0 if point == "send.before_data" else 1)
