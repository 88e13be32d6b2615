"""The app drives sync through the core, against the real Dovecot and submission server:
sync at start, IDLE, F5, the outbox after the line returns, a refused password on one account
only, a read-only profile, and a clean quit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from client.compose.drafts import DraftFields
from client.outgoing.pipeline import queue_message
from client.profile import secrets
from client.profile.paths import DATABASE_NAME, ProfileLock
from client.store import Account, Store
from tests.client.sync.env import make_message
from tests.servers.dovecot import DovecotServer, MailUser, free_port
from tests.servers.submission import SubmissionServer
from tests.ui.conftest import App
from ui.qt.plain_text import tooltip_shown

WAIT_MS = 30_000


def add_account(profile: Path, server: DovecotServer, user: MailUser, *,
                smtp_port: int = 0, password: str | None = None) -> Account:
    with Store.open(profile / DATABASE_NAME) as store:
        account = store.add_account(
            user.email, imap_host=server.host, imap_port=server.imaps_port, security="ssl",
            username=user.username, ca_file=str(server.ca_file),
            smtp_host=server.host, smtp_port=smtp_port or free_port(),
        )
    secrets.set_password(user.email, password or user.password)
    return account


def test_syncs_at_start_and_shows_the_mail(open_app, dovecot: DovecotServer,  # type: ignore[no-untyped-def]
                                           imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    dovecot.deliver(imap_user, make_message(1, subject="RFQ solar panels"))
    add_account(profile_dir, dovecot, imap_user)
    app = open_app()
    qtbot.waitUntil(lambda: "RFQ solar panels" in app.subjects(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: app.window.connection_label.text() == "Online", timeout=WAIT_MS)
    assert app.driver.read_only_reason == ""


def test_mail_delivered_while_running_arrives_through_idle(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    add_account(profile_dir, dovecot, imap_user)
    app = open_app()
    qtbot.waitUntil(lambda: app.window.current_folder is not None, timeout=WAIT_MS)
    [watcher] = app.driver._watchers.values()
    qtbot.waitUntil(lambda: watcher.idle_commands > 0 and not app.driver.busy(), timeout=WAIT_MS)
    dovecot.deliver(imap_user, make_message(2, subject="Container booked"))
    # no F5 and the interval is minutes away: only IDLE can bring it
    qtbot.waitUntil(lambda: "Container booked" in app.subjects(), timeout=WAIT_MS)


def test_f5_syncs_now(open_app, dovecot: DovecotServer, imap_user: MailUser,  # type: ignore[no-untyped-def]
                      profile_dir: Path, qtbot) -> None:
    add_account(profile_dir, dovecot, imap_user)
    app = open_app(idle_seconds=3600)
    [watcher] = app.driver._watchers.values()
    qtbot.waitUntil(lambda: watcher.idle_commands > 0 and not app.driver.busy(), timeout=WAIT_MS)
    watcher.stop()  # IDLE off and nothing queued: only F5 can fetch the new message
    dovecot.append(imap_user, "INBOX", make_message(3, subject="Invoice 88"))
    synced: list[object] = []
    app.driver.accountSynced.connect(lambda _id, report: synced.append(report))
    qtbot.keyClick(app.window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "Invoice 88" in app.subjects(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(synced), timeout=WAIT_MS)  # the list fills before the job ends
    assert app.controls.sync_action.isEnabled()


def test_mail_queued_offline_goes_out_when_the_server_is_back(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser,
        profile_dir: Path, qtbot) -> None:
    account = add_account(profile_dir, dovecot, smtp_user, smtp_port=free_port())  # nobody there
    with Store.open(profile_dir / DATABASE_NAME) as store:
        queue_message(store, account.id, DraftFields(
            sender=smtp_user.email, to=smtp_user.email, subject="Samples shipped", text="DHL 123"))
    app = open_app()
    flushed: list[object] = []
    app.driver.outboxFlushed.connect(lambda _id, report: flushed.append(report))
    qtbot.waitUntil(lambda: bool(flushed), timeout=WAIT_MS)
    assert not submission.received and flushed[0].flush.sent == []  # type: ignore[attr-defined]
    with Store.open(profile_dir / DATABASE_NAME) as store:
        store.update_account(account.id, smtp_port=submission.starttls_port)  # the line returns
    app.driver.sync_now()
    qtbot.waitUntil(lambda: len(submission.received) == 1, timeout=WAIT_MS)
    assert b"Samples shipped" in submission.received[0].data
    qtbot.waitUntil(lambda: "1 queued message(s) sent." in app.window.statusBar().currentMessage(),
                    timeout=WAIT_MS)


def test_wrong_password_marks_only_that_account(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    other = dovecot.add_user(imap_user.username + "-b", "right-pass-b")
    bad = add_account(profile_dir, dovecot, imap_user, password="not-the-password")
    add_account(profile_dir, dovecot, other)
    dovecot.deliver(other, make_message(4, subject="For the second account"))
    dovecot.deliver(imap_user, make_message(5, subject="For the first account"))
    app = open_app()
    driver = app.driver
    # Both the IDLE watcher and the worker report the refusal; the watcher's may come first,
    # while the worker's sync still says "syncing". Wait until no sync runs any more and both
    # accounts show their final state, so the label below reads the settled states.
    qtbot.waitUntil(lambda: not driver.busy()
                    and bad.id in driver.states and driver.states[bad.id].fix == "password"
                    and any(s.state == "ok" for k, s in driver.states.items() if k != bad.id),
                    timeout=WAIT_MS)
    label = app.window.connection_label.text()
    assert f"{imap_user.email}: password refused" in label and "Online" in label
    with Store.open(profile_dir / DATABASE_NAME) as store:
        second = store.get_account(other.email)
        assert second is not None and store.folder_by_role(second.id, "inbox") is not None
        assert store.folder_by_role(bad.id, "inbox") is None  # nothing synced for the bad one
    assert app.controls.fix_button.isVisible()
    assert app.controls.fix_button.text() == "Enter password…"
    app.controls.fix_button.click()
    dialog = app.controls.password_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.field.setText(imap_user.password)
    dialog.accept()
    qtbot.waitUntil(lambda: driver.states[bad.id].state == "ok", timeout=WAIT_MS)
    assert secrets.get_password(imap_user.email) == imap_user.password
    assert not app.controls.fix_button.isVisible()


def test_another_process_holding_the_profile_makes_the_app_read_only(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path) -> None:
    add_account(profile_dir, dovecot, imap_user)
    with ProfileLock(profile_dir):
        app = open_app()
        assert not app.driver.running
        assert "Read-only" in app.window.connection_label.text()
        assert not app.controls.sync_action.isEnabled()
        assert not app.driver._pool.workers  # nothing syncs without the lock


def test_quit_ends_every_thread_and_releases_the_lock(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    before = set(threading.enumerate())
    add_account(profile_dir, dovecot, imap_user)
    app = open_app()
    qtbot.waitUntil(lambda: app.window.current_folder is not None, timeout=WAIT_MS)
    app.driver.sync_now()  # a job is queued or running while we quit
    assert app.driver.stop()
    left = [t for t in threading.enumerate() if t not in before and t.is_alive()
            and t.name.startswith("tw-")]
    assert left == []
    with ProfileLock(profile_dir):  # free again
        pass


def test_untrusted_certificate_points_to_the_account_settings(  # type: ignore[no-untyped-def]
        open_app, make_dovecot, profile_dir: Path, qtbot) -> None:
    server = make_dovecot(cert="expired")
    user = server.add_user("certuser", "cert-pass-1")
    account = add_account(profile_dir, server, user)
    app = open_app()
    qtbot.waitUntil(lambda: account.id in app.driver.states
                    and app.driver.states[account.id].state == "untrusted-certificate",
                    timeout=WAIT_MS)
    assert "certificate not trusted" in app.window.connection_label.text()
    assert app.controls.fix_button.text() == "Account settings…"


def test_interval_and_attachment_cap_come_from_the_settings(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    from ui.settings.values import CACHE_MB_KEY, INTERVAL_KEY

    big = make_message(6, subject="Catalogue 2027").replace(
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n",
        b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain"
        b"\r\n\r\nsee the catalogue\r\n--XX\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename=c.pdf\r\nContent-Transfer-Encoding: base64"
        b"\r\n\r\n" + (b"QUJDRA==" * 10 + b"\r\n") * 20000 + b"--XX--\r\n")
    assert len(big) > 1_500_000
    dovecot.append(imap_user, "INBOX", big)
    add_account(profile_dir, dovecot, imap_user)
    with Store.open(profile_dir / DATABASE_NAME) as store, store.transaction():
        store.set_setting(INTERVAL_KEY, 7)
        store.set_setting(CACHE_MB_KEY, 1)
    app = open_app()
    assert app.driver._timer.isActive() and app.driver._timer.interval() == 7 * 60_000
    qtbot.waitUntil(lambda: "Catalogue 2027" in app.subjects(), timeout=WAIT_MS)
    with Store.open(profile_dir / DATABASE_NAME) as store:
        [state] = [r[0] for r in store.conn.execute("SELECT body_state FROM messages")]
    assert state == "partial"  # over the 1 MB cap: the attachment stays on the server


@pytest.mark.full_app
def test_the_app_entry_point_syncs_a_real_profile_and_releases_it(  # type: ignore[no-untyped-def]
        qapp, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app.main import run

    dovecot.deliver(imap_user, make_message(7, subject="Through the entry point"))
    add_account(profile_dir, dovecot, imap_user)
    with Store.open(profile_dir / DATABASE_NAME):
        pass
    seen: list[str] = []
    tries = [0]

    def close_when_synced() -> None:
        # the window `run` opened: visible ones only (closed windows of earlier tests linger)
        windows = [w for w in QApplication.topLevelWidgets()
                   if hasattr(w, "message_model") and w.isVisible()]
        model = windows[0].message_model if windows else None
        tries[0] += 1
        if model is not None and model.rowCount():
            seen.append(windows[0].connection_label.text())
            windows[0].quit()
        elif tries[0] > WAIT_MS // 50:  # give up: the assertion below fails
            QApplication.closeAllWindows()
        else:
            QTimer.singleShot(50, close_when_synced)

    QTimer.singleShot(50, close_when_synced)
    before = set(threading.enumerate())
    assert run(["--profile", str(profile_dir)]) == 0
    assert seen
    assert [t for t in threading.enumerate() if t not in before
            and t.name.startswith(("tw-sync-", "tw-watch-"))] == []
    with ProfileLock(profile_dir):  # released at exit
        pass


def test_account_added_in_the_wizard_syncs_at_once(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    app = open_app()  # no account yet: nothing to sync, the interval is minutes away
    dovecot.append(imap_user, "INBOX", make_message(4, subject="New buyer in Lagos"))
    wizard = app.window.accounts.open_wizard()
    add_account(profile_dir, dovecot, imap_user)  # what the wizard's Finish stores
    wizard.accountAdded.emit(imap_user.email)
    wizard.close()
    qtbot.waitUntil(lambda: "New buyer in Lagos" in app.subjects(), timeout=WAIT_MS)
    assert len(app.driver._watchers) == 1  # and IDLE watches its Inbox from now on


def test_a_changed_interval_applies_when_settings_are_saved(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    add_account(profile_dir, dovecot, imap_user)
    app = open_app()
    assert app.driver._timer.interval() != 3 * 60_000
    dialog = app.window.accounts.open_settings()
    qtbot.waitUntil(lambda: dialog.snapshot is not None, timeout=WAIT_MS)
    dialog.interval.setValue(3)
    dialog.save()
    qtbot.waitUntil(lambda: app.driver._timer.interval() == 3 * 60_000, timeout=WAIT_MS)
    assert app.driver._timer.isActive()


def _composer_once_synced(app: App, profile_dir: Path, qtbot, to: str, subject: str,  # type: ignore[no-untyped-def]
                          text: str) -> object:
    """A filled-in composer, opened from the window once the start-up sync is done."""
    qtbot.waitUntil(lambda: app.window.current_folder is not None  # type: ignore[attr-defined]
                    and not app.driver.busy(), timeout=WAIT_MS)  # type: ignore[attr-defined]
    composer = app.window.compose.composer_factory(profile_dir / DATABASE_NAME, "new", None)  # type: ignore[attr-defined]
    composer.show()
    qtbot.waitUntil(lambda: composer.is_ready, timeout=WAIT_MS)
    composer.to_field.setText(to)
    composer.subject_field.setText(subject)
    composer.editor.setPlainText(text)
    return composer


def _cached_in(profile_dir: Path, role: str, subject: str) -> bool:
    """Whether the cached folder with ``role`` holds exactly one message with ``subject``."""
    with Store.open(profile_dir / DATABASE_NAME) as store:
        return store.conn.execute(
            "SELECT count(*) FROM messages m JOIN folders f ON f.id = m.folder_id"
            " WHERE f.role = ? AND m.subject = ?", (role, subject)).fetchone()[0] == 1


def test_mail_sent_from_the_composer_is_in_the_cached_sent_folder_at_once(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser, profile_dir: Path, qtbot) -> None:
    from client.smtp.account_endpoint import set_sending_options

    account = add_account(profile_dir, dovecot, smtp_user, smtp_port=submission.starttls_port)
    with Store.open(profile_dir / DATABASE_NAME) as store:
        set_sending_options(store, account, smtp_security="starttls", files_sent_itself=False)
    app = open_app(idle_seconds=3600)
    composer = _composer_once_synced(app, profile_dir, qtbot, "buyer@importer.example",
                                     "Proforma PI-88", "Please find the proforma invoice.")
    composer.send_button.click()  # type: ignore[attr-defined]
    # no F5, no interval, no IDLE on Sent
    qtbot.waitUntil(lambda: _cached_in(profile_dir, "sent", "Proforma PI-88"), timeout=WAIT_MS)


def test_a_draft_kept_when_the_composer_closes_goes_to_the_server_drafts(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    add_account(profile_dir, dovecot, imap_user)
    app = open_app(idle_seconds=3600)
    composer = _composer_once_synced(app, profile_dir, qtbot, "agent@forwarder.example",
                                     "Booking 2x40HQ draft", "Space for two containers next week?")
    composer.close()  # type: ignore[attr-defined]  # saves the draft first, then closes
    qtbot.waitUntil(lambda: _cached_in(profile_dir, "drafts", "Booking 2x40HQ draft"),
                    timeout=WAIT_MS)
    with dovecot.imap_admin(imap_user) as imap:
        imap.select("Drafts")
        _, found = imap.uid("SEARCH", "SUBJECT", "Booking")
    assert len(found[0].split()) == 1  # one server copy


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    assert install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


def test_in_chinese_a_refused_password_is_said_in_chinese_in_the_main_window(  # type: ignore[no-untyped-def]
        chinese: None, open_app, dovecot: DovecotServer, imap_user: MailUser,
        profile_dir: Path, qtbot) -> None:
    """The sync child speaks the app's language: the core's explanation (tooltip and the
    fix button's) is Chinese, not only the status bar's own phrase."""
    account = add_account(profile_dir, dovecot, imap_user, password="错误的密码-not-it")
    app = open_app()
    qtbot.waitUntil(lambda: account.id in app.driver.states
                    and app.driver.states[account.id].state == "auth-failed", timeout=WAIT_MS)
    where = f"{dovecot.host}:{dovecot.imaps_port}"
    label = app.window.connection_label
    assert label.text() == "密码被拒绝 — 请点击“输入密码…”"
    assert tooltip_shown(label.toolTip()) == f"{imap_user.email}: 服务器 {where} 拒绝了用户名或密码。"
    assert app.controls.fix_button.text() == "输入密码…"
    assert "拒绝了用户名或密码" in app.controls.fix_button.toolTip()
    assert "错误的密码" not in label.toolTip()

    def recorded() -> str | None:  # the child records it when its sync ends (the IDLE
        with Store.open(profile_dir / DATABASE_NAME) as store:  # watcher may report first)
            found = store.get_account(imap_user.email)
            return found.last_error if found is not None else None

    qtbot.waitUntil(lambda: recorded() is not None, timeout=WAIT_MS)
    assert recorded() == f"服务器 {where} 拒绝了用户名或密码。"


def test_in_chinese_an_expired_certificate_is_said_in_chinese(  # type: ignore[no-untyped-def]
        chinese: None, open_app, make_dovecot, profile_dir: Path, qtbot) -> None:
    server = make_dovecot(cert="expired")
    user = server.add_user("certuser", "cert-pass-1")
    account = add_account(profile_dir, server, user)
    app = open_app()
    qtbot.waitUntil(lambda: account.id in app.driver.states
                    and app.driver.states[account.id].state == "untrusted-certificate",
                    timeout=WAIT_MS)
    tip = tooltip_shown(app.window.connection_label.toolTip())
    assert tip.startswith(f"{user.email}: {server.host}:{server.imaps_port} 的证书不受信任（该证书已过期）。")
    assert "其 SHA-256 指纹为" in tip
    assert app.controls.fix_button.text() == "账户设置…"


def test_in_chinese_a_password_missing_from_the_keyring_asks_for_it(  # type: ignore[no-untyped-def]
        chinese: None, open_app, dovecot: DovecotServer, imap_user: MailUser,
        profile_dir: Path, qtbot) -> None:
    account = add_account(profile_dir, dovecot, imap_user)
    secrets.delete_password(imap_user.email)
    app = open_app()
    qtbot.waitUntil(lambda: account.id in app.driver.states
                    and app.driver.states[account.id].state == "no-password", timeout=WAIT_MS)
    assert app.window.connection_label.text() == "没有保存的密码 — 请点击“输入密码…”"
    assert "系统钥匙串中没有保存" in app.window.connection_label.toolTip()
    assert app.controls.fix_button.text() == "输入密码…"
