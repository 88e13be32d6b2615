"""`tradewind sync --json` applies received invitations and says so (real Dovecot).

An invitation from its organizer is applied and listed under `calendar.applied`; a
cancellation of it sent by someone else is listed under `calendar.shown` with the reason and
changes nothing; a second sync reports nothing again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from client.calendar.calendar_store import CalendarStore
from client.meetings import ical_out
from client.meetings.ical_out import Meeting, Person
from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]


def _mail(sender: str, to: str, method: str, calendar: bytes, n: int) -> bytes:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {method} Sample review\r\n"
            f"Date: Mon, 0{n} Nov 2026 10:00:00 +0000\r\nMessage-ID: <cal{n}@example.cn>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
            "--b\r\nContent-Type: text/plain\r\n\r\nSee the invitation.\r\n--b\r\n"
            f"Content-Type: text/calendar; charset=utf-8; method={method}\r\n\r\n").encode() \
        + calendar + b"\r\n--b--\r\n"


def test_sync_applies_the_organizers_invitation_and_shows_a_spoofed_cancel(
        cli: Cli, dovecot: DovecotServer, imap_user: MailUser) -> None:
    meeting = Meeting(uid="sample-review-1@example.cn", summary="Sample review",
                      start=datetime(2026, 12, 3, 15, tzinfo=ZoneInfo("Asia/Dubai")),
                      zone="Asia/Dubai", duration=timedelta(hours=1),
                      organizer=Person("omar@example.cn"), attendees=(Person(imap_user.email),))
    dovecot.deliver(imap_user, _mail("omar@example.cn", imap_user.email, "REQUEST",
                                     ical_out.request(meeting), 1))
    assert add_account(cli, dovecot, imap_user).code == 0
    result = cli("sync", "--json")
    assert result.code == 0, result.err
    (account,) = result.json()["accounts"]
    applied = account["calendar"]["applied"]
    assert [(a["method"], a["uid"], a["summary"]) for a in applied] == \
        [("REQUEST", meeting.uid, "Sample review")]
    assert applied[0]["reason"] == "new invitation from its organizer"
    assert account["calendar"]["shown"] == []

    spoof = Meeting(**{**meeting.__dict__, "organizer": Person("mallory@example.net"),
                       "sequence": 3})
    dovecot.deliver(imap_user, _mail("mallory@example.net", imap_user.email, "CANCEL",
                                     ical_out.cancel(spoof), 2))
    (account,) = cli("sync", "--json").json()["accounts"]
    assert account["calendar"]["applied"] == []
    [shown] = account["calendar"]["shown"]
    assert shown["method"] == "CANCEL" and "not by the organizer" in shown["reason"]
    with Store.open(Profile.resolve().database) as store:
        entry = CalendarStore(store).get(meeting.uid)
    assert entry is not None and entry.status != "CANCELLED"

    (account,) = cli("sync", "--json").json()["accounts"]
    assert account["calendar"] == {"applied": [], "shown": []}
    text = cli("sync")
    assert text.code == 0
