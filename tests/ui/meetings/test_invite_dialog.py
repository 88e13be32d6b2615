"""The invitation dialog sends through the core of `meet invite`: against the real
submission server and Dovecot the invitation arrives with its calendar part and the entry is
in the rep's calendar; a refused invitation is said in words and queues nothing."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy as email_policy
from pathlib import Path

from babel import Locale

from client.calendar.calendar_store import CalendarStore
from client.profile.paths import DATABASE_NAME
from client.smtp.outbox import Outbox
from client.store import Store
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer
from tests.ui.sync.test_sync_driver import add_account
from ui.meetings.invite_dialog import InviteDialog

START = datetime(2026, 12, 8, 7, 0, tzinfo=UTC)  # 15:00 in Shanghai


def _dialog(qtbot, db: Path, account_id: int, organizer: str,  # type: ignore[no-untyped-def]
            to: list[str]) -> InviteDialog:
    dialog = InviteDialog(db, Locale.parse("en_US"), account_id, organizer, to, START,
                          "Asia/Shanghai", 45)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_invitation_arrives_and_is_in_the_calendar(  # type: ignore[no-untyped-def]
        qtbot, dovecot: DovecotServer, submission: SubmissionServer,
        smtp_user: MailUser, profile_dir: Path) -> None:
    account = add_account(profile_dir, dovecot, smtp_user, smtp_port=submission.starttls_port)
    db = profile_dir / DATABASE_NAME
    dialog = _dialog(qtbot, db, account.id, smtp_user.email, [smtp_user.email])
    assert dialog.start.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-12-08 15:00"
    dialog.title.setText("Container prices 集装箱")
    dialog.link.setText("https://meet.google.com/abc-defg-hij")
    dialog.repeat.setCurrentIndex(2)  # every week
    dialog.count.setValue(4)
    submission.received.clear()
    with qtbot.waitSignal(dialog.sent, timeout=20000) as sent:
        dialog.send_button.click()
    assert sent.args == [None]  # it went
    assert len(submission.received) == 1
    message = email.message_from_bytes(submission.received[0].data, policy=email_policy.default)
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    text = part.get_content()
    assert part.get_param("method") == "REQUEST" and "METHOD:REQUEST" in text
    assert "DTSTART;TZID=Asia/Shanghai:20261208T150000" in text
    assert "RRULE:FREQ=WEEKLY;COUNT=4" in text
    with Store.open(db) as store:
        [entry] = CalendarStore(store).all()
    assert entry.summary == "Container prices 集装箱" and entry.start == START
    assert entry.partstat == "ACCEPTED" and entry.rrule == "FREQ=WEEKLY;COUNT=4"


def test_a_refused_invitation_queues_nothing_and_keeps_the_text(  # type: ignore[no-untyped-def]
        qtbot, demo_db: Path) -> None:
    dialog = _dialog(qtbot, demo_db, 1, "mei.lin@harbor-lighting.example",
                     ["priya@lumentraders.example"])
    dialog.send_button.click()
    assert "title" in dialog.status.text()  # no title: said before anything is written
    dialog.title.setText("Tender")
    dialog.link.setText("ftp://files.example/meeting")
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        dialog.send_button.click()
    assert "http(s)" in dialog.status.text() and dialog.isVisible()
    assert dialog.title.text() == "Tender" and dialog.send_button.isEnabled()
    with Store.open(demo_db) as store:
        assert Outbox(store).items(include_filed=True) == []
        assert all(e.summary != "Tender" for e in CalendarStore(store).all())


def test_a_weekly_series_says_who_a_clock_change_moves(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    from client.meetings.planner import Attendee

    people = [Attendee(None, "Asia/Shanghai", "CN"), Attendee("hans@x.de", "Europe/Berlin", "DE"),
              Attendee("jo@x.com", "America/New_York", "US")]
    start = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # Tuesday 15:00 in Shanghai
    dialog = InviteDialog(demo_db, Locale.parse("en_US"), 1, "mei.lin@harbor-lighting.example",
                          ["hans@x.de", "jo@x.com"], start, "Asia/Shanghai", 60, people=people)
    qtbot.addWidget(dialog)
    assert dialog.dst_note.text() == ""  # not repeating
    dialog.repeat.setCurrentIndex(2)  # every week
    dialog.count.setValue(6)
    lines = dialog.dst_note.text().splitlines()
    assert lines == [
        "hans@x.de: from 31 Mar 2026 the meeting is at 09:00 instead of 08:00 (a clock change)",
        "jo@x.com: from 10 Mar 2026 the meeting is at 03:00 instead of 02:00 (a clock change)"]
    dialog.count.setValue(3)  # the series ends before Europe changes its clocks
    assert [line.split(":")[0] for line in dialog.dst_note.text().splitlines()] == ["jo@x.com"]
