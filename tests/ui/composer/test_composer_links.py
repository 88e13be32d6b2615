"""The composer offers "Send as a link" for a file over the link threshold, and a message sent
so goes through the outbox's uploads (wsgidav) and submission with the link, not the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6

from client.accounts.manager import AccountManager
from client.store.db import Store
from client.uploads.config import StorageSpec, add_storage
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer
from tests.ui.composer.test_composer import _message
from ui.composer.window import ComposerWindow
from ui.qt.tasks import wait_for_background_tasks


@pytest.fixture
def composers(qtbot) -> Iterator[list[ComposerWindow]]:  # type: ignore[no-untyped-def]
    opened: list[ComposerWindow] = []
    yield opened
    wait_for_background_tasks()
    for composer in opened:
        if shiboken6.isValid(composer):
            composer.sent = True
            composer.close()
    wait_for_background_tasks()


def _open(qtbot, db: Path, opened: list[ComposerWindow]) -> ComposerWindow:  # type: ignore[no-untyped-def]
    composer = ComposerWindow(db)
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready)
    opened.append(composer)
    return composer


def test_a_big_file_is_offered_as_a_link_and_sent_as_one(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,
        submission: SubmissionServer, smtp_user: MailUser,
        wsgidav_server: WsgiDavServer) -> None:
    db = tmp_path / "links-profile" / "tradewind.db"
    db.parent.mkdir()
    with Store.open(db) as store:
        AccountManager(store).add(
            smtp_user.email, smtp_user.password, imap=f"127.0.0.1:{dovecot.imaps_port}",
            smtp=f"127.0.0.1:{submission.starttls_port}", security="ssl",
            username=smtp_user.username, ca_file=str(dovecot.ca_file), lookup=False)
        add_storage(store, smtp_user.email, StorageSpec(
            kind="webdav", url=wsgidav_server.url, public_url=wsgidav_server.public_url,
            username=wsgidav_server.user), wsgidav_server.password)
        store.set_setting("links.threshold_mb", 2)
    small, big = tmp_path / "spec.pdf", tmp_path / "catalogue.bin"
    small.write_bytes(b"%PDF-1.7 spec")
    digest = write_random(big, 3 * MiB)

    composer = _open(qtbot, db, composers)
    composer.to_field.setText(smtp_user.email)
    composer.subject_field.setText("Catalogue")
    composer.add_files([small, big])
    qtbot.waitUntil(lambda: composer.link_offer.isVisible())
    assert [a.filename for a in composer.attachments] == ["spec.pdf"]
    assert "catalogue.bin" in composer.link_offer_label.text()
    composer.link_button.click()
    assert not composer.link_offer.isVisible()
    assert composer.link_files == [big]
    assert composer.attachment_list.count() == 2

    seen: list[object] = []
    composer.uploadProgress.connect(seen.append)
    with qtbot.waitSignal(composer.flushed, timeout=60000) as flushed:
        composer.send_button.click()
    report = flushed.args[0]
    assert seen and seen[-1].done == seen[-1].total == 3 * MiB  # type: ignore[attr-defined]
    assert composer.upload_progress.bar.value() == 100
    assert "3.0 MB" in composer.upload_progress.label.text()
    assert "MB/s" in composer.upload_progress.label.text()
    assert not composer.isVisible()
    assert report is not None and report.sent and not report.failed
    [received] = _message(dovecot, smtp_user, "INBOX")
    assert [a.get_filename() for a in received.iter_attachments()] == ["spec.pdf"]
    text = received.get_body(("plain",)).get_content()
    assert digest in text
    url = next(w for w in text.split() if w.startswith("http"))
    assert download_sha(url) == (200, digest)


def test_attach_anyway_keeps_the_big_file_as_an_attachment(  # type: ignore[no-untyped-def]
        qtbot, composers, demo_db: Path, tmp_path: Path) -> None:
    with Store.open(demo_db) as store:
        store.set_setting("links.threshold_mb", 1)
    big = tmp_path / "drawings.bin"
    write_random(big, 2 * MiB)
    composer = _open(qtbot, demo_db, composers)
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_offer.isVisible())
    assert composer.attachments == []
    composer.attach_anyway_button.click()
    qtbot.waitUntil(lambda: len(composer.attachments) == 1)
    assert composer.link_files == [] and not composer.link_offer.isVisible()


def test_the_offer_speaks_chinese(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.composer.link_offer import LinkOffer
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        offer = LinkOffer()
        qtbot.addWidget(offer)
        offer.offer([Path("目录.zip")])
        assert offer.link_button.text() == "以链接发送"
        assert offer.attach_button.text() == "仍作为附件"
        assert offer.label.text().startswith("目录.zip：文件太大")
    finally:
        install_translators(qapp, "en")


def test_the_progress_reads_in_chinese(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from client.uploads.engine import Progress
    from ui.composer.link_offer import UploadProgress
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        bar = UploadProgress()
        qtbot.addWidget(bar)
        bar.show_progress(Progress(1, 8 * MiB, 32 * MiB, 2 * MiB, 12.0))
        assert bar.bar.value() == 25
        assert bar.label.text() == "正在上传：8.0 / 32.0 MB，2.0 MB/秒，约剩 12 秒"
    finally:
        install_translators(qapp, "en")
