"""`tradewind drafts send ID` of a draft the app saved with a file marked "send as a link":
the file goes as a link (wsgidav), not dropped; a file gone since keeps the draft and says so
(exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.compose.drafts import DraftFields, save_draft
from client.profile.config import Profile
from client.store.db import Store
from client.uploads import draft_links
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_send_links import _storage
from tests.client.smtp.test_send_cli import _folder, _setup
from tests.servers import link_fixtures
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer

wsgidav_server = link_fixtures.wsgidav_server
Cli = Callable[..., CliResult]


def _draft(user: MailUser, path: Path) -> int:
    with Store.open(Profile.resolve().database) as store:
        account = store.get_account(user.email)
        assert account is not None
        draft_id = save_draft(store, account.id, DraftFields(
            sender=user.email, to=user.email, subject="Samples video",
            text="Our video is linked below.\n"))
        draft_links.save(store, draft_id, [path])
    return draft_id


def test_drafts_send_sends_the_drafts_link_files_as_links(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "samples video.bin"
    digest = write_random(path, 4 * MiB)
    draft_id = _draft(smtp_user, path)
    sent = cli("drafts", "send", str(draft_id), "--json")
    assert sent.code == 0, sent.err
    assert sent.json()["state"] == "filed"
    [received] = _folder(dovecot, smtp_user, "INBOX")
    text = received.get_body(("plain",)).get_content()
    assert "samples video.bin" in text and digest in text
    url = next(w for w in text.split() if w.startswith("http"))
    assert download_sha(url) == (200, digest)
    with Store.open(Profile.resolve().database) as store:
        assert draft_links.load(store, draft_id) == draft_links.DraftLinkFiles()


def test_a_drafts_link_file_gone_keeps_the_draft_and_says_so(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "catalogue.bin"
    write_random(path, 2 * MiB)
    draft_id = _draft(smtp_user, path)
    path.write_bytes(b"shorter now")
    refused = cli("drafts", "send", str(draft_id))
    assert refused.code == 2, refused.err
    assert "catalogue.bin as a link" in refused.err and "draft is kept" in refused.err
    assert [d["id"] for d in cli("drafts", "--json").json()["drafts"]] == [draft_id]
    assert cli("outbox", "--json").json()["items"] == []


def test_outbox_edit_and_discard_of_an_uploading_message(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path, wsgidav_server: WsgiDavServer,
) -> None:
    from tests.client.cli.test_send_links import _send

    _setup(cli, dovecot, submission, smtp_user)
    _storage(cli, smtp_user, wsgidav_server)
    path = tmp_path / "tour.bin"
    digest = write_random(path, 12 * MiB)
    queued = _send(cli, smtp_user, tmp_path, path, "--queue-only")
    assert queued.code == 0 and queued.json()["state"] == "uploading", queued.err
    edited = cli("outbox", "edit", str(queued.json()["outbox_id"]), "--json")
    assert edited.code == 0, edited.err
    draft_id = edited.json()["draft_id"]
    assert cli("outbox", "--json").json()["items"] == []
    sent = cli("drafts", "send", str(draft_id), "--json")
    assert sent.code == 0 and sent.json()["state"] == "filed", sent.err
    [received] = _folder(dovecot, smtp_user, "INBOX")
    text = received.get_body(("plain",)).get_content()
    assert "TRADEWIND-LINK-BLOCK" not in text and text.count("Files shared as links:") == 1
    assert download_sha(next(w for w in text.split() if w.startswith("http"))) == (200, digest)

    again = _send(cli, smtp_user, tmp_path, path, "--queue-only")
    discarded = cli("outbox", "discard", str(again.json()["outbox_id"]), "--json")
    assert discarded.code == 0, discarded.err
    assert discarded.json() == {"discarded": again.json()["outbox_id"], "uploads": 1,
                                "problems": []}
    with Store.open(Profile.resolve().database) as store:
        assert store.conn.execute("SELECT count(*) FROM uploads WHERE outbox_id = ?",
                                  (again.json()["outbox_id"],)).fetchone()[0] == 0
