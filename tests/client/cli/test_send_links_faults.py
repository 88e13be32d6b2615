"""Server faults while a message's big file uploads (Nextcloud test server): a full storage
keeps the message in the outbox with words until a retry after room was made; a short 5xx
storm is retried by the engine and the message goes once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]


def _prepare(cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
             user: MailUser, server: NextcloudServer, tmp_path: Path) -> tuple[Path, str, Path]:
    _setup(cli, dovecot, submission, user)
    added = cli("storage", "add", "--account", user.email, "--kind", "nextcloud", "--url",
                server.url, "--username", server.user, "--secret-stdin",
                input=server.password + "\n")
    assert added.code == 0, added.err
    path = tmp_path / "price book.bin"
    digest = write_random(path, 20 * MiB)
    body = tmp_path / "body.txt"
    body.write_text("Our price book is linked below.\n")
    return path, digest, body


def _send(cli: Cli, user: MailUser, path: Path, body: Path) -> CliResult:
    return cli("send", "--from", user.email, "--to", user.email, "--subject", "Price book",
               "--body-file", str(body), "--attach", str(path), "--json")


def test_a_full_storage_keeps_it_in_the_outbox_until_a_retry(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, nextcloud_server: NextcloudServer,
) -> None:
    path, digest, body = _prepare(cli, dovecot, submission, smtp_user, nextcloud_server,
                                  tmp_path)
    nextcloud_server.quota_bytes = 4 * MiB
    sent = _send(cli, smtp_user, path, body)
    assert sent.code == 0, sent.err
    doc = sent.json()
    assert doc["state"] == "uploading" and "price book.bin" in doc["last_error"]
    assert "outbox retry" in doc["last_error"] and "Traceback" not in sent.err
    assert _folder(dovecot, smtp_user, "INBOX") == []
    listed = cli("outbox")
    assert "price book.bin" in listed.out and "bytes" in listed.out

    nextcloud_server.quota_bytes = None
    retried = cli("outbox", "retry", str(doc["outbox_id"]), "--json")
    assert retried.code == 0 and retried.json()["state"] == "filed", retried.err
    [received] = _folder(dovecot, smtp_user, "INBOX")
    text = received.get_body(("plain",)).get_content()
    url = next(w for w in text.split() if w.startswith("http"))
    assert download_sha(url) == (200, digest)


def test_a_short_5xx_storm_is_retried_and_the_message_goes_once(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, nextcloud_server: NextcloudServer,
) -> None:
    path, digest, body = _prepare(cli, dovecot, submission, smtp_user, nextcloud_server,
                                  tmp_path)
    nextcloud_server.fail_puts = [503, 502]
    sent = _send(cli, smtp_user, path, body)
    assert sent.code == 0 and sent.json()["state"] == "filed", sent.out + sent.err
    assert cli("outbox", "flush", "--json").code == 0
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert digest in received.get_body(("plain",)).get_content()
