"""The reader's invitation card (issue 13; checklist C5–C7) with the corpus invitations.

Each corpus message goes into a real cache; the reader content is built as the app builds it
(worker-thread function) and shown in a ReaderPane. Accept queues a REPLY in the outbox; a
CANCEL from someone else is shown, not applied; an unreadable calendar still shows the mail.
"""

from __future__ import annotations

import email
from datetime import datetime, timedelta
from email import policy as email_policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from PySide6.QtWidgets import QMessageBox

from client.calendar.calendar_store import CalendarStore
from client.meetings import ical_out
from client.meetings.ical_in import ParsedEvent, calendar_of_message, parse_calendar
from client.meetings.ical_out import Meeting, Person
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.ui.settle import deliver_background_results
from ui.reader.content import load_reader_content
from ui.reader.pane import ReaderPane

DATA = Path(__file__).resolve().parents[2] / "data" / "ics"
TEAMS = DATA / "thunderbird-invitations_teams-meeting-invite.eml"
MEET = DATA / "thunderbird-invitations_meet-meeting-invite.eml"
OUTLOOK = DATA / "thunderbird-invitations_outlook-test-invite.eml"
CANCEL = DATA / "thunderbird-invitations_cancel-repeat-event.eml"
BROKEN = DATA / "icalendar_calendars_issue_104_broken_calendar.ics"


def _cache(tmp_path: Path, rep: str, raw: bytes) -> tuple[Path, int]:
    path = tmp_path / "tradewind.db"
    with Store.open(path) as store:
        account = store.add_account(rep)
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], 1)
        [row] = store.list_messages(inbox.id, limit=1)
    return path, row.id


def _pane(qtbot, path: Path, row: int, language: str = "en_US") -> ReaderPane:  # type: ignore[no-untyped-def]
    pane = ReaderPane(Locale.parse(language))
    qtbot.addWidget(pane)
    pane.invitation_card.db_path = path
    pane.invitation_card.rep_zone = "Asia/Shanghai"
    pane.show_content(load_reader_content(path, row))
    return pane


def _finish(qtbot) -> None:  # type: ignore[no-untyped-def]
    deliver_background_results()


def _stored_meeting(path: Path) -> ParsedEvent:
    """The cancelled meeting (UID of the corpus CANCEL) as its organizer first sent it."""
    meeting = Meeting(uid="02e79b96", summary="Repeat Event", zone="Europe/Berlin",
                      start=datetime(2026, 4, 2, 10, tzinfo=ZoneInfo("Europe/Berlin")),
                      duration=timedelta(hours=1), organizer=Person("sender@example.com"),
                      attendees=(Person("receiver@example.com"),))
    event = parse_calendar(ical_out.request(meeting)).events[0]
    with Store.open(path) as store:
        CalendarStore(store).save(event, partstat="ACCEPTED", queue=False)
    return event


def _with_calendar(calendar: bytes, method: str = "REQUEST") -> bytes:
    return (b"From: Marge <marge@example.com>\r\nTo: bart@example.com\r\n"
            b"Subject: Planning\r\nMessage-ID: <broken@example.com>\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
            b"Content-Type: text/plain\r\n\r\nSee the invitation.\r\n--b\r\n"
            b"Content-Type: text/calendar; method=" + method.encode() + b"\r\n\r\n"
            + calendar + b"\r\n--b--\r\n")


def test_teams_invitation_card_accept_queues_one_reply(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, row = _cache(tmp_path, "bart@example.com", TEAMS.read_bytes())
    pane = _pane(qtbot, path, row)
    card = pane.invitation_card
    assert not card.isHidden()
    assert card.title.text().startswith("Invitation: ")
    assert "Your time:" in card.rep_time.text() and "China" in card.rep_time.text()
    assert "Organizer's time:" in card.organizer_time.text()
    assert "marge@example.com" in card.organizer.text()
    assert not card.join_button.isHidden()
    assert not card.add_button.isHidden()
    asked: list[object] = []
    pane.ask_link = lambda box: asked.append(box.informativeText()) or QMessageBox.StandardButton.No
    opened: list[object] = []
    pane.open_external = opened.append
    card.join_button.click()
    assert asked and "https://teams.microsoft.com/" in str(asked[0]) and not opened

    card.buttons["accept"].click()
    _finish(qtbot)
    assert "Accepted" in card.result.text()
    assert card.badge.text() == "You accepted." and card.add_button.isHidden()
    original = parse_calendar(calendar_of_message(TEAMS.read_bytes()) or b"").events[0]
    with Store.open(path) as store:
        [item] = Outbox(store).items()
        raw = Outbox(store).raw(item.id)
        entry = CalendarStore(store).get(original.uid)
    assert list(item.recipients) == ["marge@example.com"]
    message = email.message_from_bytes(raw, policy=email_policy.default)
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REPLY"
    reply = parse_calendar(part.get_content().encode())
    assert reply.method == "REPLY"
    [event] = reply.events
    assert (event.uid, event.sequence) == (original.uid, original.sequence)
    assert [(a.email, a.partstat) for a in event.attendees] == [("bart@example.com", "ACCEPTED")]
    assert entry is not None and entry.partstat == "ACCEPTED"


@pytest.mark.parametrize(("source", "rep", "link"), [
    (MEET, "homer@example.com", "https://meet.google.com/pyb-ndcu-hhc"),
    (OUTLOOK, "homer@example.org", ""),
], ids=["google-meet", "outlook"])
def test_vendor_invitations_show_time_link_and_answers(qtbot, tmp_path: Path, source: Path,  # type: ignore[no-untyped-def]
                                                       rep: str, link: str) -> None:
    path, row = _cache(tmp_path, rep, source.read_bytes())
    card = _pane(qtbot, path, row).invitation_card
    assert card.title.text().startswith("Invitation: ")
    assert card.rep_time.text()
    assert card.join_button.isHidden() == (not link)
    assert all(not b.isHidden() for b in card.buttons.values())
    card.add_to_calendar()
    _finish(qtbot)
    assert card.result.text() == "Added to your calendar."
    assert card.add_button.isHidden()


def test_a_cancel_from_someone_else_is_shown_not_applied(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = CANCEL.read_bytes().replace(b"From: sender@example.com", b"From: mallory@example.net", 1)
    assert b"mallory@example.net" in raw
    path, row = _cache(tmp_path, "receiver@example.com", raw)
    invite = _stored_meeting(path)
    card = _pane(qtbot, path, row).invitation_card
    assert card.title.text().startswith("Meeting cancelled: ")
    assert card.badge.text() == "Not from the organizer: shown, not applied."
    assert all(b.isHidden() for b in card.buttons.values()) and card.add_button.isHidden()
    with Store.open(path) as store:
        entry = CalendarStore(store).get(invite.uid)
        assert entry is not None and entry.status != "CANCELLED"
        assert not Outbox(store).items()


def test_the_organizers_cancel_says_cancelled(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, row = _cache(tmp_path, "receiver@example.com", CANCEL.read_bytes())
    _stored_meeting(path)
    card = _pane(qtbot, path, row).invitation_card
    assert card.badge.text() == "Cancelled by the organizer."


def test_an_unreadable_calendar_still_shows_the_mail_and_offers_the_ics(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path) -> None:
    calendar = BROKEN.read_bytes()
    path, row = _cache(tmp_path, "bart@example.com", _with_calendar(calendar))
    pane = _pane(qtbot, path, row)
    card = pane.invitation_card
    assert "See the invitation." in pane.body.toPlainText()
    assert card.title.text() == "Invitation: could not read calendar data."
    assert not card.save_button.isHidden()
    assert all(b.isHidden() for b in card.buttons.values())
    target = tmp_path / "saved.ics"
    card.ask_save_path = lambda _name: str(target)
    card.save_button.click()
    assert target.read_bytes().strip() == calendar.strip()


def test_no_calendar_part_no_card(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = (b"From: a@example.com\r\nTo: bart@example.com\r\nSubject: text/calendar talk\r\n"
           b"Message-ID: <t@example.com>\r\n\r\nWe talked about text/calendar parts.\r\n")
    path, row = _cache(tmp_path, "bart@example.com", raw)
    assert _pane(qtbot, path, row).invitation_card.isHidden()


def test_html_description_and_javascript_links_are_not_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    calendar = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
                b"UID:x1@example.com\r\nDTSTAMP:20260301T000000Z\r\n"
                b"DTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\nSUMMARY:Prices\r\n"
                b"ORGANIZER:mailto:marge@example.com\r\nATTENDEE:mailto:bart@example.com\r\n"
                b"URL:javascript:alert(1)\r\nLOCATION:file:///etc/passwd\r\n"
                b"X-ALT-DESC;FMTTYPE=text/html:<img src=\"https://tracker.example/p.gif\">"
                b"<a href=\"javascript:alert(1)\">x</a>\r\n"
                b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    path, row = _cache(tmp_path, "bart@example.com", _with_calendar(calendar))
    card = _pane(qtbot, path, row).invitation_card
    assert card.title.text() == "Invitation: Prices"
    assert card.join_button.isHidden()
    shown = " ".join(w.text() for w in (card.title, card.badge, card.rep_time,
                                        card.organizer_time, card.organizer, card.conflicts))
    assert "javascript" not in shown and "tracker" not in shown and "file:" not in shown


def test_the_card_in_chinese_names_the_zones_in_chinese(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.qt.i18n import install_translators

    path, row = _cache(tmp_path, "bart@example.com", TEAMS.read_bytes())
    assert install_translators(qapp, "zh_CN")
    try:
        card = _pane(qtbot, path, row, "zh_CN").invitation_card
        assert card.title.text().startswith("邀请：")
        assert card.rep_time.text().startswith("您的时间：") and "中国" in card.rep_time.text()
        assert card.buttons["accept"].text() == "接受"
    finally:
        install_translators(qapp, "en")


def test_the_demo_profile_shows_an_invitation_card(qtbot, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.open(demo_db) as store:
        [(row,)] = store.conn.execute(
            "SELECT id FROM messages WHERE subject LIKE 'Invitation:%'").fetchall()
    card = _pane(qtbot, demo_db, int(row)).invitation_card
    assert card.title.text() == "Invitation: Sample review call - Al Noor Dubai Marina"
    assert "Dubai" in card.organizer_time.text() or "Gulf" in card.organizer_time.text()
    assert not card.join_button.isHidden()
    assert not card.buttons["accept"].isHidden() and not card.add_button.isHidden()


def test_an_update_from_the_organizer_shows_updated_and_the_overlapping_entry(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    first = Meeting(uid="upd-1@example.com", summary="Freight", zone="Europe/Berlin",
                    start=datetime(2026, 4, 2, 10, tzinfo=berlin), duration=timedelta(hours=1),
                    organizer=Person("marge@example.com"), attendees=(Person("bart@example.com"),))
    moved = Meeting(**{**first.__dict__, "sequence": 1,
                       "start": datetime(2026, 4, 3, 9, tzinfo=berlin)})
    other = Meeting(**{**first.__dict__, "uid": "other@example.com", "summary": "Bank call",
                       "start": datetime(2026, 4, 3, 9, 30, tzinfo=berlin)})
    path, row = _cache(tmp_path, "bart@example.com", _with_calendar(ical_out.request(moved)))
    with Store.open(path) as store:
        for meeting in (first, other):
            CalendarStore(store).save(parse_calendar(ical_out.request(meeting)).events[0],
                                      partstat="ACCEPTED", queue=False)
    card = _pane(qtbot, path, row).invitation_card
    assert card.badge.text() == "Updated by the organizer."
    assert card.conflicts.text() == "Overlaps with: Bank call"
    assert not card.add_button.isHidden()
    card.add_to_calendar()
    _finish(qtbot)
    with Store.open(path) as store:
        entry = CalendarStore(store).get("upd-1@example.com")
    assert entry is not None and entry.sequence == 1
