"""The Outbox entry of the folder tree, against the real servers (Dovecot + submission, the
Nextcloud-style link storage): it lists each message with its state and reason and the
upload progress of its link files; Send now uploads and sends, Edit gives a draft back in a
composer, Cancel (after asking) removes the message and its uploads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from client.compose.drafts import DraftFields
from client.outgoing.links_step import queue_with_links
from client.outgoing.pipeline import queue_message
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.uploads.config import StorageSpec
from tests.servers import link_fixtures
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.submission import SubmissionServer
from tests.ui.composer.link_profile import link_profile
from tests.ui.composer.test_composer import _message
from ui.mainwindow.window import MainWindow
from ui.outbox.view import COL_DETAILS, COL_STATE, COL_SUBJECT
from ui.qt.dates import babel_locale
from ui.qt.tasks import wait_for_background_tasks

nextcloud_session = link_fixtures.nextcloud_session
nextcloud_server = link_fixtures.nextcloud_server


@pytest.fixture
def profile(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
            smtp_user: MailUser, nextcloud_server: NextcloudServer) -> Path:
    return link_profile(tmp_path / "outbox-profile", dovecot, submission, smtp_user,
                        StorageSpec("nextcloud", nextcloud_server.url,
                                    username=nextcloud_server.user), nextcloud_server.password)


@pytest.fixture
def window(qtbot, profile: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(profile, babel_locale("en_US"))
    qtbot.addWidget(win)
    win.show()
    yield win
    wait_for_background_tasks()
    for composer in list(win.compose.composers):
        composer.sent = True
        composer.close()
    wait_for_background_tasks()


def _queue(db: Path, user: MailUser, subject: str, link: Path | None = None) -> int:
    with Store.open(db) as store:
        account = store.get_account(user.email)
        assert account is not None
        fields = DraftFields(sender=user.email, to=user.email, subject=subject,
                             text="Dear buyer,\nplease see below.\n")
        if link is None:
            return queue_message(store, account.id, fields).outbox_id
        return queue_with_links(store, account, fields, [str(link)]).outbox_id


def _rows(win: MainWindow) -> dict[str, tuple[str, str]]:
    tree = win.outbox.view.tree
    return {tree.topLevelItem(i).text(COL_SUBJECT): (tree.topLevelItem(i).text(COL_STATE),
                                                     tree.topLevelItem(i).text(COL_DETAILS))
            for i in range(tree.topLevelItemCount())}


def test_the_outbox_lists_states_reasons_and_upload_progress(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, profile: Path, smtp_user: MailUser,
        dovecot: DovecotServer, tmp_path: Path) -> None:
    big = tmp_path / "factory video.bin"
    digest = write_random(big, 20 * MiB)
    video = _queue(profile, smtp_user, "Factory video", big)
    refused = _queue(profile, smtp_user, "Price list")
    with Store.open(profile) as store:
        Outbox(store).fail(refused, "The server refused it: 552 message too large.")
    window.outbox.refresh()
    qtbot.waitUntil(lambda: window.outbox.entry.text() == "Outbox (2)")
    tree_width = window.folder_view.width()
    window.outbox.show_outbox()
    view = window.outbox.view
    assert view.isVisible() and not window.message_view.isVisible()
    assert abs(window.folder_view.width() - tree_width) <= 2  # the view takes the list's place
    qtbot.waitUntil(lambda: len(_rows(window)) == 2)
    rows = _rows(window)
    assert rows["Price list"] == ("Failed", "The server refused it: 552 message too large.")
    assert rows["Factory video"][0] == "Uploading its files"
    view.select(video)
    bar = view.tree.itemWidget(view.tree.currentItem(), COL_DETAILS)
    assert bar is not None and bar.text().startswith("0.0 of 20.0 MB")
    assert view.send_button.isEnabled() and view.cancel_button.isEnabled()

    view.send_button.click()  # uploads, then sends it (a manual flush)
    qtbot.waitUntil(lambda: view.status_label.text() == "The message was sent.", timeout=60000)
    qtbot.waitUntil(lambda: list(_rows(window)) == ["Price list"], timeout=10000)
    view.select(refused)
    view.send_button.click()  # the refused one again: the server takes it this time
    qtbot.waitUntil(lambda: _rows(window) == {}, timeout=20000)
    assert view.empty_label.isVisible() and window.outbox.entry.text() == "Outbox"
    received = {m["Subject"]: m for m in _message(dovecot, smtp_user, "INBOX")}
    assert set(received) == {"Factory video", "Price list"}
    text = received["Factory video"].get_body(("plain",)).get_content()
    url = next(w for w in text.split() if w.startswith("http"))
    assert download_sha(url) == (200, digest)

    window.folder_view.setCurrentIndex(window.folder_model.index(0, 0))  # the list returns
    assert not view.isVisible() and window.message_view.isVisible()


def test_edit_opens_a_draft_and_cancel_removes_the_message_and_its_uploads(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, profile: Path, smtp_user: MailUser,
        tmp_path: Path) -> None:
    big = tmp_path / "drawings.bin"
    write_random(big, 20 * MiB)
    drawings = _queue(profile, smtp_user, "Drawings", big)
    quote = _queue(profile, smtp_user, "Quotation")
    window.outbox.show_outbox()
    view = window.outbox.view
    qtbot.waitUntil(lambda: len(_rows(window)) == 2)

    view.select(quote)
    view.edit_button.click()
    qtbot.waitUntil(lambda: len(window.compose.composers) == 1 and window.compose.composers[0].is_ready)
    assert window.compose.composers[0].subject_field.text() == "Quotation"
    qtbot.waitUntil(lambda: list(_rows(window)) == ["Drawings"])

    view.select(drawings)
    view.cancel_button.click()
    box = window.outbox.box
    assert box is not None and "files uploaded for it are deleted" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert list(_rows(window)) == ["Drawings"]
    view.cancel_button.click()
    window.outbox.box.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: _rows(window) == {})
    assert "Cancelled" in view.status_label.text()
    with Store.open(profile) as store:
        assert store.conn.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0


def test_the_outbox_view_speaks_chinese(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.outbox.jobs import OutboxRow
    from ui.outbox.view import OutboxView
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        view = OutboxView()
        qtbot.addWidget(view)
        view.show_rows([OutboxRow(1, 1, "li@buyer.cn", "目录", "uploading", None, 8 * MiB,
                                  32 * MiB),
                        OutboxRow(2, 1, "jo@buyer.de", "Offer", "failed", "552 too large")])
        assert view.send_button.text() == "立即发送" and view.cancel_button.text() == "取消发送"
        assert view.tree.headerItem().text(COL_STATE) == "状态"
        assert view.tree.topLevelItem(0).text(COL_STATE) == "正在上传文件"
        assert view.tree.topLevelItem(1).text(COL_STATE) == "失败"
        bar = view.tree.itemWidget(view.tree.topLevelItem(0), COL_DETAILS)
        assert bar.value() == 25 and bar.text() == "8.0 / 32.0 MB"
    finally:
        install_translators(qapp, "en")
