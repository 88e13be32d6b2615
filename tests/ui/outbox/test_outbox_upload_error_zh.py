"""The Chinese UI shows a failed link upload in Chinese: the Nextcloud-style storage refuses
the password, the outbox view (real servers: Dovecot + submission, the link storage) keeps the
message and shows the core's reason in the rep's language, and no secret."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from client.uploads.config import StorageSpec
from tests.servers import link_fixtures
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.submission import SubmissionServer
from tests.ui.composer.link_profile import link_profile
from tests.ui.outbox.test_outbox_view import _queue, _rows
from ui.mainwindow.window import MainWindow
from ui.qt.dates import babel_locale
from ui.qt.i18n import install_translators
from ui.qt.tasks import wait_for_background_tasks

nextcloud_session = link_fixtures.nextcloud_session
nextcloud_server = link_fixtures.nextcloud_server
WRONG = "Wrong-app-pw-31"


@pytest.fixture
def chinese_window(qtbot, qapp, tmp_path: Path, dovecot: DovecotServer,  # type: ignore[no-untyped-def]
                   submission: SubmissionServer, smtp_user: MailUser,
                   nextcloud_server: NextcloudServer) -> Iterator[tuple[MainWindow, Path]]:
    profile = link_profile(tmp_path / "zh-profile", dovecot, submission, smtp_user,
                           StorageSpec("nextcloud", nextcloud_server.url,
                                       username=nextcloud_server.user), WRONG)
    assert install_translators(qapp, "zh_CN")
    try:
        win = MainWindow(profile, babel_locale("zh_CN"))
        qtbot.addWidget(win)
        win.show()
        yield win, profile
        wait_for_background_tasks()
    finally:
        install_translators(qapp, "en")


def test_a_refused_upload_is_explained_in_chinese_and_the_message_stays(  # type: ignore[no-untyped-def]
        qtbot, chinese_window: tuple[MainWindow, Path], smtp_user: MailUser,
        tmp_path: Path) -> None:
    window, profile = chinese_window
    big = tmp_path / "目录.bin"
    write_random(big, 2 * MiB)
    queued = _queue(profile, smtp_user, "Catalogue", big)
    window.outbox.refresh()
    window.outbox.show_outbox()
    view = window.outbox.view
    qtbot.waitUntil(lambda: "Catalogue" in _rows(window))
    view.select(queued)

    view.send_button.click()

    qtbot.waitUntil(lambda: "拒绝了用户名或密码" in _rows(window)["Catalogue"][1], timeout=60000)
    state, details = _rows(window)["Catalogue"]
    assert "尚未发送；上传失败" in details and "目录.bin" in details
    assert "refused" not in details and WRONG not in details
    assert state != "" and list(_rows(window)) == ["Catalogue"]  # still in the outbox
    # the status line says it waits, never that it was sent (it said "发件箱中的邮件已发出。")
    qtbot.waitUntil(lambda: view.status_label.text() not in ("", "正在发送…"), timeout=60000)
    status = view.status_label.text()
    assert status.startswith("尚未发出") and "邮件留在发件箱中" in status
    assert "已发出。" not in status.replace("尚未发出", "") and WRONG not in status
