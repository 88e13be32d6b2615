"""A `tradewind send` of a big file killed mid-way (in the upload, or with every link ready
but the message not yet queued): the restart's flush finishes and sends it once."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from client.crashpoints import ENV_VAR
from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _folder
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer

Run = Callable[..., CliResult]


@pytest.mark.parametrize("point", ["upload-complete", "outbox.links-ready"])
def test_killed_while_its_file_uploads_it_is_sent_once_after_the_restart(
    point: str, cli_process: Run, process_env: dict[str, str],
    dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    added = cli_process(
        "account", "add", "--email", smtp_user.email, "--username", smtp_user.username,
        "--imap", f"127.0.0.1:{dovecot.imaps_port}", "--smtp",
        f"127.0.0.1:{submission.starttls_port}", "--security", "ssl", "--ca-file",
        str(dovecot.ca_file), "--password-stdin", input=smtp_user.password + "\n",
    )
    assert added.code == 0, added.err
    storage = cli_process("storage", "add", "--account", smtp_user.email, "--kind", "webdav",
                          "--url", wsgidav_server.url, "--public-url", wsgidav_server.public_url,
                          "--username", wsgidav_server.user, "--secret-stdin",
                          input=wsgidav_server.password + "\n")
    assert storage.code == 0, storage.err
    body = tmp_path / "body.txt"
    body.write_text("The drawings are linked below.\n")
    path = tmp_path / f"drawings {point}.bin"
    digest = write_random(path, 14 * MiB)
    crashing = dict(process_env, **{ENV_VAR: point})
    died = cli_process("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject",
                       f"Drawings {point}", "--body-file", str(body), "--attach", str(path),
                       env=crashing)
    assert died.code == -signal.SIGKILL, (died.code, died.err)
    assert _folder(dovecot, smtp_user, "INBOX") == []

    flushed = cli_process("outbox", "flush", "--json")  # the restart
    assert flushed.code == 0, flushed.err
    assert flushed.json()["items"] == []
    again = cli_process("outbox", "flush", "--json")
    assert again.code == 0
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert list(received.iter_attachments()) == []
    text = received.get_body(("plain",)).get_content()
    assert digest in text
    url = next(w for w in text.split() if w.startswith("http"))
    assert download_sha(url) == (200, digest)
