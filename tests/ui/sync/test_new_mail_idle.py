"""New mail through IDLE into the open app's list (issue 17), against the real Dovecot and the
submission server: several deliveries in a row, each shown, all through one sync child that
the app keeps between jobs and ends when it quits."""

from __future__ import annotations

import os
import signal
import smtplib
import ssl
from pathlib import Path

from tests.client.sync.env import make_message
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from tests.ui.sync.test_sync_driver import WAIT_MS, add_account


def _submit(submission: SubmissionServer, user: MailUser, raw: bytes) -> None:
    context = ssl.create_default_context(cafile=str(submission.ca_file))
    with smtplib.SMTP_SSL(submission.host, submission.ssl_port, context=context, timeout=30) as smtp:
        smtp.login(user.username, user.password)
        smtp.sendmail("buyer@importer.example", [user.email], raw)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:
        return True


def test_each_delivery_reaches_the_list_through_one_kept_sync_child(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, submission: SubmissionServer, smtp_user: MailUser,
        profile_dir: Path, qtbot) -> None:
    add_account(profile_dir, dovecot, smtp_user)
    app = open_app()
    qtbot.waitUntil(lambda: app.window.current_folder is not None, timeout=WAIT_MS)
    [watcher] = app.driver._watchers.values()
    qtbot.waitUntil(lambda: watcher.idle_commands > 0 and not app.driver.busy(), timeout=WAIT_MS)
    [child] = app.driver._children.values()
    pid = child.pid
    assert pid is not None
    for n in range(3):
        subject = f"Order {n} confirmed"
        _submit(submission, smtp_user, make_message(10 + n, subject=subject))
        # no F5 and the interval is minutes away: only IDLE can bring it
        qtbot.waitUntil(lambda subject=subject: subject in app.subjects(), timeout=WAIT_MS)
    assert child.pid == pid and child.starts == 1  # every job ran in the same process
    app.driver.stop()
    assert not _alive(pid)


def test_a_killed_sync_child_is_replaced_and_the_next_mail_still_arrives(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path, qtbot) -> None:
    add_account(profile_dir, dovecot, imap_user)
    app = open_app()
    [watcher] = app.driver._watchers.values()
    qtbot.waitUntil(lambda: watcher.idle_commands > 0 and not app.driver.busy(), timeout=WAIT_MS)
    [child] = app.driver._children.values()
    pid = child.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    dovecot.deliver(imap_user, make_message(20, subject="After the crash"))
    qtbot.waitUntil(lambda: "After the crash" in app.subjects(), timeout=WAIT_MS)
    assert child.starts == 2 and child.pid not in (None, pid)
