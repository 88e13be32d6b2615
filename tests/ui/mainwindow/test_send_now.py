"""The app's "send now" obeys the rep: Send/Receive (F5) and the composer's Send try every
waiting message at once, backoff or not; the app's automatic syncs keep the backoff.
Against the real Dovecot and submission server."""

from __future__ import annotations

from pathlib import Path

from client.compose.drafts import DraftFields
from client.outgoing.pipeline import queue_message
from client.profile.paths import DATABASE_NAME
from client.smtp.outbox import Outbox
from client.store import Store
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from tests.ui.sync.test_sync_driver import WAIT_MS, add_account


def _queue_in_backoff(profile: Path, account_id: int, user: MailUser, subject: str) -> int:
    with Store.open(profile / DATABASE_NAME) as store:
        queued = queue_message(store, account_id, DraftFields(
            sender=user.email, to=user.email, subject=subject, text="FOB Ningbo"))
        Outbox(store).retry_later(queued.outbox_id, "4.3.0 greylisted, try later")
        return queued.outbox_id


def test_send_receive_sends_what_waits_for_backoff_and_the_start_up_sync_does_not(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser, profile_dir: Path, qtbot) -> None:
    account = add_account(profile_dir, dovecot, smtp_user, smtp_port=submission.starttls_port)
    _queue_in_backoff(profile_dir, account.id, smtp_user, "Price list 2027")
    submission.received.clear()
    app = open_app(idle_seconds=3600)
    flushed: list[object] = []
    app.driver.outboxFlushed.connect(lambda _id, report: flushed.append(report))
    qtbot.waitUntil(lambda: bool(flushed), timeout=WAIT_MS)  # the automatic start-up sync
    assert flushed[0].flush.sent == [] and submission.received == []  # type: ignore[attr-defined]
    app.controls.sync_action.trigger()  # Send/Receive: the rep asks
    qtbot.waitUntil(lambda: len(submission.received) == 1, timeout=WAIT_MS)
    assert b"Price list 2027" in submission.received[0].data
    qtbot.waitUntil(lambda: "1 queued message(s) sent." in app.window.statusBar().currentMessage(),
                    timeout=WAIT_MS)


def test_the_composer_send_flush_tries_every_waiting_message(  # type: ignore[no-untyped-def]
        dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser, profile_dir: Path) -> None:
    from ui.composer import jobs

    account = add_account(profile_dir, dovecot, smtp_user, smtp_port=submission.starttls_port)
    waiting = _queue_in_backoff(profile_dir, account.id, smtp_user, "Older, waiting")
    with Store.open(profile_dir / DATABASE_NAME) as store:
        new = queue_message(store, account.id, DraftFields(
            sender=smtp_user.email, to=smtp_user.email, subject="Just written", text="x"))
    submission.received.clear()
    report = jobs.flush(profile_dir / DATABASE_NAME, account.id)
    assert report is not None and report.sent == [waiting, new.outbox_id]
    assert len(submission.received) == 2
