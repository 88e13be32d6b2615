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
from tests.client.signatures.conftest import Keys, keys, make_policy  # noqa: F401

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
        store: Store, make_policy: Callable[..., Path], keys: Keys) -> None:  # noqa: F811
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
    assert "li@factory.cn: Tuesday, March 24, 2026, 10:00 PM–10:45 PM China Time (Shanghai)" \
        in text
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
