"""The invitation mail: times in every attendee's zone in the reader's language, the MIME
layout, and the company signature enforced as for any mail."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from client.calendar.outgoing import send_invitation
from client.compose.assemble import signature_text
from client.meetings.contact_zones import remember_zone
from client.meetings.ical_out import InviteError, Meeting, Person
from client.meetings.invite_mail import time_line, zone_label
from client.signatures import provision
from client.signatures.render import SignatureRequest, render_signature
from client.smtp.outbox import Outbox
from client.store.db import Store
from tests.client.signatures.fixtures import Keys

ANNA = "anna.li@company.example"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "tw.db") as s:
        yield s


def _meeting() -> Meeting:
    return Meeting(uid="m@company.example", summary="Offer review",
                   start=datetime(2026, 3, 24, 15, tzinfo=BERLIN), zone="Europe/Berlin",
                   duration=timedelta(minutes=45), organizer=Person(ANNA),
                   attendees=(Person("li@factory.cn"), Person("jo@firm.us")),
                   link="https://teams.microsoft.com/l/meetup-join/abc")


def test_reader_language_follows_the_zone_country() -> None:
    from client.meetings.invite_mail import reader_language

    assert reader_language("Asia/Shanghai") == "zh_CN"
    assert reader_language("America/New_York") == "en_US"
    assert reader_language("Europe/Berlin") == "de_DE"
    assert reader_language("UTC") is None


def test_time_lines_name_the_zone_in_the_readers_language() -> None:
    start = datetime(2026, 3, 24, 15, tzinfo=BERLIN)
    end = start + timedelta(minutes=45)
    assert time_line(start, end, "Asia/Shanghai", "zh_CN") == \
        "2026年3月24日星期二, 22:00–22:45 中国时间 (上海)"
    assert "Chinesische Zeit" in time_line(start, end, "Asia/Shanghai", "de")
    assert zone_label("America/New_York", "en") == "Eastern Time (New York)"
    with pytest.raises(InviteError):
        zone_label("Europe/Berlin", "xx_nonsense")


def test_invitation_mail_lists_each_attendees_time_and_carries_the_signature(
        store: Store, make_policy: Callable[..., Path], keys: Keys) -> None:
    account = store.add_account(ANNA, imap_host="127.0.0.1", smtp_host="127.0.0.1")
    provision.use_policy(store, str(make_policy()), keys.public.read_bytes())
    remember_zone(store, "li@factory.cn", "Asia/Shanghai", source="given")
    remember_zone(store, "jo@firm.us", "America/New_York", source="given")
    sent = send_invitation(store, account.id, _meeting(), language="en")
    raw = Outbox(store).raw(sent.queued.outbox_id)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    plain = message.get_body(("plain",))
    assert plain is not None
    text = plain.get_content().replace("\u202f", " ").replace("\r\n", "\n")
    # each attendee's line in the language of their zone's country (the one who reads it)
    assert "li@factory.cn: 2026年3月24日星期二, 22:00–22:45 中国时间 (上海)" in text
    assert "jo@firm.us: Tuesday, March 24, 2026, 10:00 AM–10:45 AM Eastern Time (New York)" \
        in text
    assert "Join: https://teams.microsoft.com/l/meetup-join/abc" in text
    bundle = provision.policy_in_force(store)
    assert bundle is not None
    block = render_signature(bundle, SignatureRequest(
        ANNA, recipients=("li@factory.cn", "jo@firm.us"))).block
    assert signature_text(block) in text.replace("\r\n", "\n")
    kinds = [p.get_content_type() for p in message.walk()]
    assert kinds[0] == "multipart/mixed" and "text/calendar" in kinds
    assert kinds[-1] == "application/ics"


def test_a_reply_to_a_summary_with_line_breaks_can_still_be_queued(store: Store) -> None:
    from client.calendar.outgoing import send_reply
    from client.calendar.receive import read_invitation
    from client.store.records import FolderRecord, IncomingMessage

    account = store.add_account("rep@example.test", imap_host="127.0.0.1", smtp_host="h")
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u\r\n"
           "DTSTART:20260310T090000Z\r\nSUMMARY:Visit\\nBcc: victim@example.org\r\n"
           "ORGANIZER:mailto:boss@firm.cn\r\nATTENDEE:mailto:rep@example.test\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = ("From: boss@firm.cn\r\nTo: rep@example.test\r\nMessage-ID: <i@x>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
           + ics).encode()
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw, internaldate=0.0)], 1)
    row = int(store.conn.execute("SELECT id FROM messages").fetchone()[0])
    queued = send_reply(store, account.id, read_invitation(store, row, "UTC"), "decline")
    sent = email.message_from_bytes(Outbox(store).raw(queued.outbox_id),
                                    policy=email.policy.default)
    assert sent["Bcc"] is None and "victim" not in str(sent["Subject"]).split(":")[0]
    assert queued.recipients == ("boss@firm.cn",)


def test_an_organizer_that_is_not_one_address_gets_no_reply(store: Store) -> None:
    from client.calendar.outgoing import send_reply
    from client.calendar.receive import read_invitation
    from client.store.records import FolderRecord, IncomingMessage

    account = store.add_account("rep@example.test", imap_host="127.0.0.1", smtp_host="h")
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u\r\n"
           "DTSTART:20260310T090000Z\r\nSUMMARY:Visit\r\n"
           "ORGANIZER:mailto:boss@firm.cn\\, victim@example.org\r\n"
           "ATTENDEE:mailto:rep@example.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = ("From: boss@firm.cn\r\nTo: rep@example.test\r\nMessage-ID: <i@x>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
           + ics).encode()
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw, internaldate=0.0)], 1)
    row = int(store.conn.execute("SELECT id FROM messages").fetchone()[0])
    with pytest.raises(InviteError, match="organizer"):
        send_reply(store, account.id, read_invitation(store, row, "UTC"), "accept")
    assert store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
