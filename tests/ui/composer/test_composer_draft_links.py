"""A draft with a file marked "send as a link" keeps that choice and the file's reference
(not its bytes) through an autosave, closing the window and reopening it from the cache (what
a restart does), and sends it as a link; a file gone since is named, not silently dropped."""

from __future__ import annotations

from pathlib import Path

from client.store.db import Store
from client.uploads import draft_links
from client.uploads.config import StorageSpec
from tests.servers import link_fixtures
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer
from tests.ui.composer.link_profile import link_profile
from tests.ui.composer.test_composer import _message
from tests.ui.composer.test_composer_links import _open, composers  # noqa: F401 - fixture
from ui.composer.window import ComposerWindow

wsgidav_server = link_fixtures.wsgidav_server


def _profile(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
             user: MailUser, server: WsgiDavServer) -> Path:
    db = link_profile(tmp_path / "draft-links-profile", dovecot, submission, user, StorageSpec(
        "webdav", server.url, public_url=server.public_url, username=server.user),
        server.password)
    with Store.open(db) as store:
        store.set_setting("links.threshold_mb", 2)
    return db


def _draft_with_link(qtbot, db: Path, opened: list[ComposerWindow], to: str,  # type: ignore[no-untyped-def]
                     big: Path) -> int:
    composer = _open(qtbot, db, opened)
    composer.to_field.setText(to)
    composer.subject_field.setText("Inspection report")
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_offer.isVisible())
    composer.link_button.click()
    with qtbot.waitSignal(composer.draftSaved, timeout=10000) as saved:
        composer.autosave()  # what the timer does
    composer.close()
    qtbot.waitUntil(lambda: not composer.isVisible())
    return int(saved.args[0])


def test_a_link_file_survives_autosave_and_reopening_and_is_sent_as_a_link(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        wsgidav_server: WsgiDavServer) -> None:
    db = _profile(tmp_path, dovecot, submission, smtp_user, wsgidav_server)
    big = tmp_path / "inspection report.bin"
    digest = write_random(big, 3 * MiB)
    draft_id = _draft_with_link(qtbot, db, composers, smtp_user.email, big)
    with Store.open(db) as store:  # the reference, not the bytes
        assert draft_links.load(store, draft_id).present == (big,)
        assert store.conn.execute("SELECT count(*) FROM drafts WHERE length(fields_json) > ?",
                                  (MiB,)).fetchone()[0] == 0

    reopened = ComposerWindow(db, "draft", draft_id=draft_id)
    reopened.show()
    composers.append(reopened)
    qtbot.waitUntil(lambda: reopened.is_ready)
    assert reopened.link_files == [big] and reopened.attachments == []
    assert "inspection report.bin (sent as a download link)" in [
        reopened.attachment_list.item(i).text() for i in range(reopened.attachment_list.count())]
    with qtbot.waitSignal(reopened.flushed, timeout=60000):
        reopened.send_button.click()
    [received] = _message(dovecot, smtp_user, "INBOX")
    assert list(received.iter_attachments()) == []
    text = received.get_body(("plain",)).get_content()
    url = next(w for w in text.split() if w.startswith("http"))
    assert download_sha(url) == (200, digest)
    with Store.open(db) as store:
        assert draft_links.load(store, draft_id) == draft_links.DraftLinkFiles()


def test_a_link_file_gone_since_the_draft_was_saved_is_named(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        wsgidav_server: WsgiDavServer) -> None:
    db = _profile(tmp_path, dovecot, submission, smtp_user, wsgidav_server)
    big = tmp_path / "factory video.bin"
    write_random(big, 3 * MiB)
    draft_id = _draft_with_link(qtbot, db, composers, smtp_user.email, big)
    big.unlink()
    reopened = ComposerWindow(db, "draft", draft_id=draft_id)
    reopened.show()
    composers.append(reopened)
    qtbot.waitUntil(lambda: reopened.is_ready)
    assert reopened.link_files == []
    assert reopened.error_label.isVisible()
    assert "factory video.bin" in reopened.error_label.text()
    assert "not sent" in reopened.error_label.text()
