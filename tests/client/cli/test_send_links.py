"""`tradewind send --attach` of a big file: the message waits `uploading` in the outbox, the
file goes to the link storage (wsgidav), the message is sent with the link block instead of
the file (submission → Dovecot); wrong credentials and a changed file keep it in the outbox."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer

Cli = Callable[..., CliResult]


def _storage(cli: Cli, user: MailUser, server: WsgiDavServer, secret: str | None = None) -> int:
    added = cli("storage", "add", "--account", user.email, "--kind", "webdav", "--url",
                server.url, "--public-url", server.public_url, "--username", server.user,
                "--secret-stdin", "--json", input=(secret or server.password) + "\n")
    assert added.code == 0, added.err
    return int(added.json()["storage"]["id"])


def _send(cli: Cli, user: MailUser, tmp_path: Path, path: Path, *extra: str) -> CliResult:
    body = tmp_path / "body.txt"
    body.write_text("Dear buyer,\nour catalogue is linked below.\n", encoding="utf-8")
    return cli("send", "--from", user.email, "--to", user.email, "--subject",
               "Catalogue 2027", "--body-file", str(body), "--attach", str(path), *extra, "--json")


def test_a_30_mb_file_goes_as_a_link_and_the_mail_carries_it(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "catalogue 2027.bin"
    digest = write_random(path, 30 * MiB)

    queued = _send(cli, smtp_user, tmp_path, path, "--queue-only")
    assert queued.code == 0, queued.err
    doc = queued.json()
    assert doc["state"] == "uploading"
    [item] = cli("outbox", "--json").json()["items"]
    assert item["state"] == "uploading"
    assert item["uploads"] == [{"file": "catalogue 2027.bin", "done": 0, "total": 30 * MiB,
                                "state": "pending"}]

    flushed = cli("outbox", "flush", "--json")
    assert flushed.code == 0, flushed.err
    assert cli("outbox", "--json").json()["items"] == []
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert received["Message-ID"] == f"<{doc['message_id']}>"
    assert list(received.iter_attachments()) == []
    text = received.get_body(("plain",)).get_content()
    html = received.get_body(("html",))
    assert "catalogue 2027.bin" in text and digest in text and "30.0 MB" in text
    assert "TRADEWIND-LINK-BLOCK" not in text
    url = re.search(r"https?://\S+", text.split("catalogue 2027.bin", 1)[1]).group(0)
    assert download_sha(url) == (200, digest)
    if html is not None:
        assert digest in html.get_content() and "<img" not in html.get_content()


def test_under_the_threshold_it_stays_an_attachment_and_no_link_forces_it(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "price list.bin"
    write_random(path, 2 * MiB)
    sent = _send(cli, smtp_user, tmp_path, path, "--link-threshold-mb", "5")
    assert sent.code == 0 and sent.json()["state"] == "filed", sent.err
    linked = _send(cli, smtp_user, tmp_path, path, "--link")
    assert linked.code == 0 and linked.json()["state"] == "filed", linked.err
    first, second = _folder(dovecot, smtp_user, "INBOX")
    assert [a.get_filename() for a in first.iter_attachments()] == ["price list.bin"]
    assert list(second.iter_attachments()) == []
    assert "price list.bin" in second.get_body(("plain",)).get_content()


def test_wrong_credentials_keep_it_in_the_outbox_and_retry_sends_it(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    storage = _storage(cli, smtp_user, wsgidav_server, secret="not-the-password")
    path = tmp_path / "samples.bin"
    write_random(path, 12 * MiB)
    sent = _send(cli, smtp_user, tmp_path, path)
    assert sent.code == 0, sent.err
    doc = sent.json()
    assert doc["state"] == "uploading" and doc["last_error"], doc
    assert "not-the-password" not in sent.out + sent.err
    assert _folder(dovecot, smtp_user, "INBOX") == []

    from client.profile import secrets

    secrets.set_storage_secret(storage, smtp_user.email, wsgidav_server.password)
    retried = cli("outbox", "retry", str(doc["outbox_id"]), "--json")
    assert retried.code == 0, retried.err
    assert retried.json()["state"] == "filed"
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert "samples.bin" in received.get_body(("plain",)).get_content()


def test_a_file_changed_before_upload_is_refused_and_nothing_is_sent(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "drawing.bin"
    write_random(path, 11 * MiB)
    queued = _send(cli, smtp_user, tmp_path, path, "--queue-only")
    assert queued.code == 0 and queued.json()["state"] == "uploading", queued.err
    write_random(path, 11 * MiB + 5, seed=b"changed")
    flushed = cli("outbox", "flush", "--json")
    assert flushed.code == 0, flushed.err
    [item] = cli("outbox", "--json").json()["items"]
    assert item["state"] == "uploading" and "drawing.bin" in item["last_error"]
    assert "Traceback" not in flushed.err
    assert _folder(dovecot, smtp_user, "INBOX") == []
    store = Store.open(Profile.resolve().database)
    try:
        assert store.conn.execute("SELECT count(*) FROM links").fetchone()[0] == 0
    finally:
        store.close()


def test_a_file_that_would_pass_the_servers_size_goes_as_a_link(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    small = tmp_path / "note.txt"
    small.write_text("hello\n")
    first = _send(cli, smtp_user, tmp_path, small)  # the server's EHLO SIZE is learnt here
    assert first.code == 0 and first.json()["state"] == "filed", first.err
    assert submission.size_limit == 30 * MiB
    path = tmp_path / "brochure.bin"
    digest = write_random(path, 25 * MiB)  # under the 100 MB threshold, over SIZE once encoded
    sent = _send(cli, smtp_user, tmp_path, path, "--link-threshold-mb", "100")
    assert sent.code == 0 and sent.json()["state"] == "filed", sent.out + sent.err
    received = _folder(dovecot, smtp_user, "INBOX")[-1]
    assert list(received.iter_attachments()) == []
    assert digest in received.get_body(("plain",)).get_content()


def test_the_threshold_and_the_reps_own_heading_come_from_the_settings(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    bad = cli("links", "settings", "--threshold-mb", "-1")
    assert bad.code == 2 and "between 0 and" in bad.err
    done = cli("links", "settings", "--threshold-mb", "1", "--heading",
               "Download our 2027 catalogue here:", "--json")
    assert done.code == 0, done.err
    assert done.json() == {"threshold_mb": 1.0,
                           "heading": {"en": "Download our 2027 catalogue here:"}}
    path = tmp_path / "leaflet.bin"
    write_random(path, 2 * MiB)
    sent = _send(cli, smtp_user, tmp_path, path)
    assert sent.code == 0 and sent.json()["state"] == "filed", sent.err
    [received] = _folder(dovecot, smtp_user, "INBOX")
    assert list(received.iter_attachments()) == []
    assert "Download our 2027 catalogue here:" in received.get_body(("plain",)).get_content()


def test_without_a_link_storage_a_big_file_is_refused_and_nothing_queued(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    path = tmp_path / "video.bin"
    write_random(path, 1 * MiB)
    refused = _send(cli, smtp_user, tmp_path, path, "--link")
    assert refused.code == 6 and "tradewind storage add" in refused.err, refused.err
    assert "Traceback" not in refused.err
    assert cli("outbox", "--json").json()["items"] == []
    gone = _send(cli, smtp_user, tmp_path, tmp_path / "missing.bin", "--link")
    assert gone.code == 2 and "missing.bin" in gone.err


def test_a_message_queued_offline_is_uploaded_and_sent_by_the_next_sync(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "certificates.bin"
    digest = write_random(path, 11 * MiB)
    queued = _send(cli, smtp_user, tmp_path, path, "--queue-only")
    assert queued.code == 0 and queued.json()["state"] == "uploading", queued.err
    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    assert cli("outbox", "--json").json()["items"] == []
    received = [m for m in _folder(dovecot, smtp_user, "INBOX")
                if m["Subject"] == "Catalogue 2027"]
    assert len(received) == 1 and digest in received[0].get_body(("plain",)).get_content()


def test_an_unreachable_storage_keeps_it_in_the_outbox_with_words(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on: the line is down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _setup(cli, dovecot, submission, smtp_user)
    added = cli("storage", "add", "--account", smtp_user.email, "--kind", "webdav", "--url",
                f"http://127.0.0.1:{port}/dav/", "--public-url",
                f"http://127.0.0.1:{port}/pub/", "--username", "rep", "--secret-stdin",
                input="dav-secret-77\n")
    assert added.code == 0, added.err
    path = tmp_path / "manual.bin"
    write_random(path, 11 * MiB)
    sent = _send(cli, smtp_user, tmp_path, path)
    assert sent.code == 0, sent.err
    doc = sent.json()
    assert doc["state"] == "uploading" and "manual.bin" in doc["last_error"]
    assert "127.0.0.1" in doc["last_error"] and "dav-secret-77" not in sent.out + sent.err
    assert _folder(dovecot, smtp_user, "INBOX") == []
    [item] = cli("outbox", "--json").json()["items"]
    assert item["uploads"][0]["state"] == "failed"
