"""`tradewind send --link-password[-stdin] [--link-password-in-body]`: the Nextcloud share is
protected (the download needs the password), the mail says the password goes separately or
carries it, the password is shown once and kept only in the keyring until the share is made;
storages that cannot protect a link (S3 presigned URLs, plain WebDAV) refuse in words with
nothing queued; a company policy that forbids attaching big files refuses `--no-link`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_send_links import _send
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers import link_fixtures
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import BUCKET, MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.s3 import ACCESS_KEY, SECRET_KEY, S3Server
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer
from tests.support.memory_keyring import MemoryKeyring

nextcloud_session = link_fixtures.nextcloud_session
nextcloud_server = link_fixtures.nextcloud_server
s3_session = link_fixtures.s3_session
s3_server = link_fixtures.s3_server
wsgidav_server = link_fixtures.wsgidav_server
Cli = Callable[..., CliResult]


def _nextcloud(cli: Cli, user: MailUser, server: NextcloudServer) -> None:
    added = cli("storage", "add", "--account", user.email, "--kind", "nextcloud", "--url",
                server.url, "--username", server.user, "--secret-stdin", "--json",
                input=server.password + "\n")
    assert added.code == 0, added.err


def _link(text: str, name: str) -> str:
    return re.search(r"https?://\S+", text.split(name, 1)[1]).group(0)


def _kept(keys: MemoryKeyring) -> list[str]:
    """The link passwords the keyring holds."""
    return [v for (_, user), v in keys.stored().items() if user.startswith("linkshare:")]


def test_a_generated_password_protects_the_share_and_is_sent_separately(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, nextcloud_server: NextcloudServer,
    memory_keyring: MemoryKeyring,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _nextcloud(cli, smtp_user, nextcloud_server)
    path = tmp_path / "factory video.bin"
    digest = write_random(path, 12 * MiB)

    queued = _send(cli, smtp_user, tmp_path, path, "--link-password", "--queue-only")
    assert queued.code == 0, queued.err
    password = queued.json()["link_password"]
    assert len(password) == 16
    with Store.open(Profile.resolve().database) as store:  # not in the cache, in clear
        dump = "\n".join(store.conn.iterdump())
    assert password not in dump
    assert _kept(memory_keyring) == [password]

    flushed = cli("outbox", "flush", "--json")
    assert flushed.code == 0, flushed.err
    assert password not in flushed.out + flushed.err
    [received] = _folder(dovecot, smtp_user, "INBOX")
    text = received.get_body(("plain",)).get_content()
    assert "password for this link is sent to you separately" in text
    assert password not in text and password not in received.as_string()
    url = _link(text, "factory video.bin")
    token = url.rstrip("/").split("/s/", 1)[1].split("/", 1)[0]
    assert download_sha(url)[0] == 401
    assert download_sha(url, auth=(token, "not-it-at-all"))[0] == 401
    assert download_sha(url, auth=(token, password)) == (200, digest)
    [link] = cli("links", "list", "--json").json()["links"]
    assert link["password_set"] is True
    assert _kept(memory_keyring) == []  # forgotten once the share was made

    body = tmp_path / "body.txt"
    again = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "Again",
                "--body-file", str(body), "--attach", str(path), "--link-password",
                "--queue-only")
    assert again.code == 0, again.err
    [shown] = _kept(memory_keyring)
    assert f"it is shown only now): {shown}" in again.err and shown != password


def test_the_reps_own_password_can_go_in_the_message(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, nextcloud_server: NextcloudServer,
    memory_keyring: MemoryKeyring,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _nextcloud(cli, smtp_user, nextcloud_server)
    path = tmp_path / "drawings.bin"
    digest = write_random(path, 11 * MiB)
    body = tmp_path / "body.txt"
    body.write_text("Drawings below.\n", encoding="utf-8")
    sent = cli("send", "--from", smtp_user.email, "--to", smtp_user.email, "--subject", "CAD",
               "--body-file", str(body), "--attach", str(path), "--link-password-stdin",
               "--link-password-in-body", "--json", input="Harbour-2027-x\n")
    assert sent.code == 0, sent.err
    assert sent.json()["state"] == "filed" and "link_password" not in sent.json()
    [received] = _folder(dovecot, smtp_user, "INBOX")
    text = received.get_body(("plain",)).get_content()
    assert "Password: Harbour-2027-x" in text and "sent to you separately" not in text
    html = received.get_body(("html",))
    if html is not None:
        assert "Harbour-2027-x" in html.get_content()
    url = _link(text, "drawings.bin")
    token = url.rstrip("/").split("/s/", 1)[1].split("/", 1)[0]
    assert download_sha(url, auth=(token, "Harbour-2027-x")) == (200, digest)
    assert _kept(memory_keyring) == []  # forgotten once the share was made


def test_s3_and_plain_webdav_refuse_a_link_password_in_words_and_queue_nothing(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, s3_server: S3Server, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    path = tmp_path / "catalogue.bin"
    write_random(path, 11 * MiB)
    added = cli("storage", "add", "--account", smtp_user.email, "--kind", "s3", "--url",
                s3_server.url, "--bucket", BUCKET, "--access-key", ACCESS_KEY,
                "--secret-stdin", "--json", input=SECRET_KEY + "\n")
    assert added.code == 0, added.err
    refused = _send(cli, smtp_user, tmp_path, path, "--link-password")
    assert refused.code == 2, refused.err
    assert "presigned S3 link cannot be protected with a password" in refused.err
    assert "Traceback" not in refused.err
    added = cli("storage", "add", "--account", smtp_user.email, "--kind", "webdav", "--url",
                wsgidav_server.url, "--public-url", wsgidav_server.public_url, "--username",
                wsgidav_server.user, "--secret-stdin", input=wsgidav_server.password + "\n")
    assert added.code == 0, added.err
    refused = _send(cli, smtp_user, tmp_path, path, "--link-password")
    assert refused.code == 2 and "plain WebDAV" in refused.err, refused.err
    small = tmp_path / "note.txt"
    small.write_text("small", encoding="utf-8")
    refused = _send(cli, smtp_user, tmp_path, small, "--link-password", "--no-link")
    assert refused.code == 2 and "no file goes as a link" in refused.err, refused.err
    assert cli("outbox", "--json").json()["items"] == []


def test_a_policy_that_forbids_attaching_refuses_no_link(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, nextcloud_server: NextcloudServer,
) -> None:
    from client.signatures import provision
    from client.signatures.example import write_example
    from client.signatures.integrity import generate_keys
    from tests.client.signatures.fixtures import sign_dir

    _setup(cli, dovecot, submission, smtp_user)
    _nextcloud(cli, smtp_user, nextcloud_server)
    directory = tmp_path / "policy"
    write_example(directory)
    (directory / "links.json").write_text(json.dumps(
        {"schema": "tradewind-link-policy", "version": 1, "threshold_mb": 5,
         "automatic": True, "allow_attach": False}), encoding="utf-8")
    private, public = generate_keys(tmp_path / "keys")
    sign_dir(directory, private)
    with Store.open(Profile.resolve().database) as store:
        provision.use_policy(store, str(directory), public.read_bytes())
    path = tmp_path / "inspection report.bin"
    write_random(path, 6 * MiB)
    refused = _send(cli, smtp_user, tmp_path, path, "--no-link")
    assert refused.code == 2, refused.err
    assert "does not allow attaching them: inspection report.bin" in refused.err
    refused = _send(cli, smtp_user, tmp_path, path, "--link-threshold-mb", "50")
    assert refused.code == 2 and "cannot be raised above" in refused.err, refused.err
    assert cli("outbox", "--json").json()["items"] == []
