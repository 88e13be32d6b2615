"""The app's own sync applies a received invitation (real Dovecot, the sync child's after
step), and the reader's card then says it is in the calendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from client.calendar.calendar_store import CalendarStore
from client.meetings import ical_out
from client.meetings.ical_out import Meeting, Person
from client.profile.paths import DATABASE_NAME
from client.store import Store
from tests.servers.dovecot import DovecotServer, MailUser
from tests.ui.sync.test_sync_driver import WAIT_MS, add_account


def test_the_apps_sync_applies_the_invitation_and_the_card_says_so(  # type: ignore[no-untyped-def]
        open_app, dovecot: DovecotServer, imap_user: MailUser, profile_dir: Path,
        qtbot) -> None:
    meeting = Meeting(uid="app-sync-1@example.cn", summary="Sample review",
                      start=datetime(2026, 12, 3, 15, tzinfo=ZoneInfo("Asia/Dubai")),
                      zone="Asia/Dubai", duration=timedelta(hours=1),
                      organizer=Person("omar@example.cn"), attendees=(Person(imap_user.email),))
    raw = ("From: omar@example.cn\r\nTo: " + imap_user.email + "\r\nSubject: Sample review\r\n"
           "Message-ID: <app-sync-1@example.cn>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n"
           ).encode() + ical_out.request(meeting)
    dovecot.deliver(imap_user, raw)
    add_account(profile_dir, dovecot, imap_user)
    app = open_app()
    qtbot.waitUntil(lambda: "Sample review" in app.subjects(), timeout=WAIT_MS)

    def stored() -> bool:
        with Store.open(profile_dir / DATABASE_NAME) as store:
            return CalendarStore(store).get(meeting.uid) is not None

    qtbot.waitUntil(stored, timeout=WAIT_MS)
    window = app.window
    window.message_view.selectRow(0)
    card = window.reader.invitation_card
    qtbot.waitUntil(lambda: card.card is not None and card.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: card.badge.text() == "In your calendar.", timeout=WAIT_MS)
    assert card.add_button.isHidden()
