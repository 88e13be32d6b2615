"""The composer under the company's link policy and with link passwords: files over the
policy's threshold become links without asking (the offer says so, "Attach anyway" only when
allowed), a required password is generated, shown and locked on, a chosen one goes in the
message or separately, and a storage that cannot protect links refuses in words, nothing
queued. Real servers: the Nextcloud-style test server, wsgidav, Dovecot + submission."""

from __future__ import annotations

import json
import re
from pathlib import Path

from client.signatures import provision
from client.signatures.example import write_example
from client.signatures.integrity import generate_keys
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.uploads.config import StorageSpec
from tests.client.signatures.fixtures import sign_dir
from tests.servers import link_fixtures
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.link_fixtures import MiB, download_sha, write_random
from tests.servers.nextcloud import NextcloudServer
from tests.servers.submission import SubmissionServer
from tests.servers.wsgidav_server import WsgiDavServer
from tests.ui.composer.link_profile import link_profile
from tests.ui.composer.test_composer import _message
from tests.ui.composer.test_composer_links import _open, composers  # noqa: F401 - fixture

nextcloud_session = link_fixtures.nextcloud_session
nextcloud_server = link_fixtures.nextcloud_server
wsgidav_server = link_fixtures.wsgidav_server


def _profile(tmp_path: Path, dovecot: DovecotServer, submission: SubmissionServer,
             user: MailUser, spec: StorageSpec, secret: str) -> Path:
    return link_profile(tmp_path / "links-profile", dovecot, submission, user, spec, secret)


def _policy(db: Path, tmp_path: Path, rules: dict[str, object], rep: str) -> None:
    """The example company policy with `rep` in its directory and these link rules."""
    directory = tmp_path / "policy"
    write_example(directory)
    people = json.loads((directory / "directory.json").read_text(encoding="utf-8"))
    people["people"][rep] = {"full_name": "Test Rep", "title": "Export Sales"}
    (directory / "directory.json").write_text(json.dumps(people), encoding="utf-8")
    (directory / "links.json").write_text(json.dumps(
        {"schema": "tradewind-link-policy", "version": 1, **rules}), encoding="utf-8")
    private, public = generate_keys(tmp_path / "keys")
    sign_dir(directory, private)
    with Store.open(db) as store:
        provision.use_policy(store, str(directory), public.read_bytes())


def _nextcloud(server: NextcloudServer) -> StorageSpec:
    return StorageSpec("nextcloud", server.url, username=server.user)


def _token(url: str) -> str:
    return url.rstrip("/").split("/s/", 1)[1].split("/", 1)[0]


def test_policy_links_need_no_question_and_a_required_password_is_shown_and_used(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        nextcloud_server: NextcloudServer) -> None:
    db = _profile(tmp_path, dovecot, submission, smtp_user, _nextcloud(nextcloud_server),
                  nextcloud_server.password)
    _policy(db, tmp_path, {"threshold_mb": 2, "automatic": True, "allow_attach": False,
                           "password": "required"}, smtp_user.email)
    big = tmp_path / "factory tour.bin"
    digest = write_random(big, 3 * MiB)
    composer = _open(qtbot, db, composers)
    composer.to_field.setText(smtp_user.email)
    composer.subject_field.setText("Factory tour")
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_files == [big])
    assert composer.link_offer.isVisible()
    assert "your company's policy asks for files over 2 MB" in composer.link_offer_label.text()
    assert not composer.link_button.isVisible() and not composer.attach_anyway_button.isVisible()
    box = composer.link_password
    assert box.isVisible() and box.check.isChecked() and not box.check.isEnabled()
    password = box.password_field.text()
    assert len(password) == 16 and box.password_field.isVisible()

    with qtbot.waitSignal(composer.flushed, timeout=60000):
        composer.send_button.click()
    [received] = _message(dovecot, smtp_user, "INBOX")
    assert list(received.iter_attachments()) == []
    text = received.get_body(("plain",)).get_content()
    assert "sent to you separately" in text and password not in received.as_string()
    url = re.search(r"https?://\S+", text.split("factory tour.bin", 1)[1]).group(0)
    assert download_sha(url)[0] == 401
    assert download_sha(url, auth=(_token(url), password)) == (200, digest)


def test_an_allowed_attach_anyway_keeps_a_policy_link_as_an_attachment(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        nextcloud_server: NextcloudServer) -> None:
    db = _profile(tmp_path, dovecot, submission, smtp_user, _nextcloud(nextcloud_server),
                  nextcloud_server.password)
    _policy(db, tmp_path, {"threshold_mb": 1, "automatic": True}, smtp_user.email)
    big = tmp_path / "drawings.bin"
    write_random(big, 2 * MiB)
    composer = _open(qtbot, db, composers)
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_files == [big])
    assert composer.attach_anyway_button.isVisible() and not composer.link_password.check.isChecked()
    composer.attach_anyway_button.click()
    qtbot.waitUntil(lambda: len(composer.attachments) == 1)
    assert composer.link_files == [] and not composer.link_password.isVisible()


def test_a_chosen_password_goes_in_the_message(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        nextcloud_server: NextcloudServer) -> None:
    db = _profile(tmp_path, dovecot, submission, smtp_user, _nextcloud(nextcloud_server),
                  nextcloud_server.password)
    with Store.open(db) as store:
        store.set_setting("links.threshold_mb", 2)
    big = tmp_path / "catalogue.bin"
    digest = write_random(big, 3 * MiB)
    composer = _open(qtbot, db, composers)
    composer.to_field.setText(smtp_user.email)
    composer.subject_field.setText("Catalogue")
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_offer.isVisible())
    composer.link_button.click()
    box = composer.link_password
    assert box.isVisible() and not box.check.isChecked() and not box.password_field.isVisible()
    box.check.click()
    password = box.password_field.text()
    assert len(password) == 16
    box.place_box.setCurrentIndex(box.place_box.findData("body"))
    with qtbot.waitSignal(composer.flushed, timeout=60000):
        composer.send_button.click()
    [received] = _message(dovecot, smtp_user, "INBOX")
    text = received.get_body(("plain",)).get_content()
    assert f"Password: {password}" in text
    url = re.search(r"https?://\S+", text.split("catalogue.bin", 1)[1]).group(0)
    assert download_sha(url, auth=(_token(url), password)) == (200, digest)


def test_a_storage_that_cannot_protect_links_refuses_in_words(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        wsgidav_server: WsgiDavServer) -> None:
    db = _profile(tmp_path, dovecot, submission, smtp_user, StorageSpec(
        "webdav", wsgidav_server.url, public_url=wsgidav_server.public_url,
        username=wsgidav_server.user), wsgidav_server.password)
    with Store.open(db) as store:
        store.set_setting("links.threshold_mb", 1)
    big = tmp_path / "video.bin"
    write_random(big, 2 * MiB)
    composer = _open(qtbot, db, composers)
    composer.to_field.setText(smtp_user.email)
    composer.subject_field.setText("Factory video")  # no check before sending asks first
    composer.add_files([big])
    qtbot.waitUntil(lambda: composer.link_offer.isVisible())
    composer.link_button.click()
    composer.link_password.check.click()
    composer.send_button.click()
    qtbot.waitUntil(lambda: composer.error_label.isVisible())
    assert "plain WebDAV" in composer.error_label.text()
    assert composer.send_button.isEnabled() and composer.link_files == [big]
    with Store.open(db) as store:
        assert Outbox(store).items() == []


def test_the_password_box_and_the_policy_note_speak_chinese(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.composer.link_offer import LinkOffer
    from ui.composer.link_password import LinkPasswordBox
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    try:
        box = LinkPasswordBox()
        qtbot.addWidget(box)
        box.set_rules(required=True, allowed=True)
        assert box.check.text() == "用密码保护链接"
        assert box.note.text() == "公司要求共享链接必须设置密码。"
        assert box.place_box.itemText(1) == "把密码写在邮件中"
        offer = LinkOffer()
        qtbot.addWidget(offer)
        offer.inform([Path("工厂.mp4")], 20.0, allow_attach=False)
        assert offer.label.text().startswith("工厂.mp4：按公司政策，超过 20 MB")
        assert offer.attach_button.isHidden() and offer.link_button.isHidden()
    finally:
        install_translators(qapp, "en")


def test_a_reopened_draft_with_policy_links_gets_the_password_rule(  # type: ignore[no-untyped-def]
        qtbot, composers, tmp_path: Path, dovecot: DovecotServer,  # noqa: F811
        submission: SubmissionServer, smtp_user: MailUser,
        nextcloud_server: NextcloudServer) -> None:
    from ui.composer.window import ComposerWindow

    db = _profile(tmp_path, dovecot, submission, smtp_user, _nextcloud(nextcloud_server),
                  nextcloud_server.password)
    _policy(db, tmp_path, {"threshold_mb": 1, "automatic": True, "password": "required"},
            smtp_user.email)
    big = tmp_path / "catalogue.bin"
    write_random(big, 2 * MiB)
    first = _open(qtbot, db, composers)
    first.add_files([big])
    qtbot.waitUntil(lambda: first.link_files == [big])
    with qtbot.waitSignal(first.draftSaved, timeout=10000) as saved:
        first.save_now()
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible())
    reopened = ComposerWindow(db, "draft", draft_id=int(saved.args[0]))
    reopened.show()
    composers.append(reopened)
    qtbot.waitUntil(lambda: reopened.is_ready and reopened.link_files == [big])
    box = reopened.link_password
    qtbot.waitUntil(lambda: box.check.isChecked() and not box.check.isEnabled())
    assert box.isVisible() and len(box.password_field.text()) == 16
