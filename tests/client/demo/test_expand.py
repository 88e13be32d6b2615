"""The demo spec expands deterministically into well-formed, varied trade messages."""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from client.demo.expand import DemoMessage, expand
from client.demo.spec import DemoSpecError, fill, load_spec, parse_bodies
from client.mime import parse_message

ANCHOR = date(2026, 11, 27)


@pytest.fixture(scope="module")
def messages() -> list[DemoMessage]:
    return expand(load_spec(), ANCHOR)


def _parsed(message: DemoMessage) -> email.message.EmailMessage:
    parsed = email.message_from_bytes(message.raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


def _text(message: DemoMessage) -> str:
    parsed = _parsed(message)
    part = parsed.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def test_two_expansions_give_identical_bytes() -> None:
    first = expand(load_spec(), ANCHOR)
    second = expand(load_spec(), ANCHOR)
    assert [(m.folder, m.raw, m.flags, m.internaldate) for m in first] == [
        (m.folder, m.raw, m.flags, m.internaldate) for m in second
    ]


def test_anchor_moves_dates_only_into_the_past_weeks(messages: list[DemoMessage]) -> None:
    anchor_end = datetime(2026, 11, 28, tzinfo=UTC)
    for message in messages:
        assert anchor_end - timedelta(days=45) < message.internaldate < anchor_end
    later = expand(load_spec(), ANCHOR + timedelta(days=10))
    assert later[0].internaldate != messages[0].internaldate


def test_about_two_hundred_messages_over_every_folder(messages: list[DemoMessage]) -> None:
    counts = Counter(m.folder for m in messages)
    assert 180 <= len(messages) <= 230
    for folder in ("INBOX", "Sent", "Drafts", "Archive", "Projects/Al Noor Hotel Dubai"):
        assert counts[folder] > 0, folder
    inbox = [m for m in messages if m.folder == "INBOX"]
    assert any("seen" not in m.flags for m in inbox)
    assert any("seen" in m.flags for m in inbox)
    assert any("flagged" in m.flags for m in inbox)
    assert all("draft" in m.flags for m in messages if m.folder == "Drafts")


def test_message_ids_unique_and_replies_thread(messages: list[DemoMessage]) -> None:
    ids = [m.message_id for m in messages]
    assert len(set(ids)) == len(ids)
    known = set(ids)
    replies = [_parsed(m) for m in messages if _parsed(m)["In-Reply-To"]]
    assert len(replies) > 40
    for parsed in replies:
        assert parsed["In-Reply-To"].strip("<>") in known


def test_every_message_parses_without_defects(messages: list[DemoMessage]) -> None:
    for message in messages:
        parsed = _parsed(message)
        assert not parsed.defects, (message.message_id, parsed.defects)
        for part in parsed.walk():
            assert not part.defects, (message.message_id, part.defects)
            if not part.is_multipart():
                part.get_content()  # decodes charset and transfer encoding or raises
        assert parsed["Subject"] and parsed["From"] and parsed["Date"]
        assert message.raw.count(b"\r\n") == message.raw.count(b"\n")


def test_every_message_parses_with_the_client_parser(messages: list[DemoMessage]) -> None:
    for message in messages:
        parsed = parse_message(message.raw)
        assert parsed.headers.subject and parsed.headers.from_, message.message_id
        assert not parsed.warnings, (message.message_id, parsed.warnings)
        assert parsed.text, message.message_id


def test_languages_and_charsets_are_covered(messages: list[DemoMessage]) -> None:
    charsets = Counter()
    for message in messages:
        for part in _parsed(message).walk():
            if part.get_content_maintype() == "text":
                charsets[part.get_content_charset()] += 1
    for charset in ("utf-8", "gb18030", "iso-2022-jp", "koi8-r", "iso-8859-1", "windows-1256"):
        assert charsets[charset] > 0, charset
    texts = "\n".join(_text(m) for m in messages)
    for sample in ("Sehr geehrte", "Estimada", "Здравствуйте", "お世話になっております", "克雷默",
                   "تحية طيبة", "Dear Mr."):
        assert sample in texts, sample


def test_quote_invitation_link_and_phishing_are_present(messages: list[DemoMessage]) -> None:
    by_subject = {str(_parsed(m)["Subject"]): m for m in messages}
    quote = _parsed(next(m for s, m in by_subject.items() if s.startswith("Quotation HL-Q2611-07")))
    pdf = next(p for p in quote.iter_attachments() if p.get_content_type() == "application/pdf")
    assert pdf.get_filename() == "Quotation_HL-Q2611-07.pdf"
    assert pdf.get_content().startswith(b"%PDF-1.4") and b"%%EOF" in pdf.get_content()

    invite = _parsed(next(m for s, m in by_subject.items() if s.startswith("Invitation:")))
    ics = next(p for p in invite.iter_attachments() if p.get_content_type() == "text/calendar")
    assert "METHOD:REQUEST" in ics.get_content() and ics.get_param("method") == "REQUEST"
    event = next(iter(icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")))
    assert str(event["ATTENDEE"]) == "mailto:mei.lin@harbor-lighting.example"
    assert event.decoded("DTSTART") > datetime(2026, 11, 27, tzinfo=UTC)  # a meeting ahead

    assert any("https://files.harbor-lighting.example/s/" in _text(m) for m in messages)

    phishing = _parsed(next(m for s, m in by_subject.items() if "Bankverbindung" in s))
    assert "kraemer-llcht.example" in phishing["From"]
    assert "securemail-box.example" in phishing["Reply-To"]
    genuine = [m for m in messages if "kraemer-licht.example" in str(_parsed(m)["From"])]
    assert genuine


def test_chinese_attachment_name_round_trips(messages: list[DemoMessage]) -> None:
    names = [
        p.get_filename() for m in messages for p in _parsed(m).iter_attachments()
    ]
    assert "水单_克雷默定金.pdf" in names


def test_fill_leaves_unknown_placeholders() -> None:
    assert fill("{a} and {b}", {"a": "x"}) == "x and {b}"


def test_broken_sources_are_reported_in_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DemoSpecError, match="missing"):
        load_spec(tmp_path)
    (tmp_path / "demo.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "bodies.txt").write_text("", encoding="utf-8")
    with pytest.raises(DemoSpecError, match="not valid JSON"):
        load_spec(tmp_path)
    with pytest.raises(DemoSpecError, match="twice"):
        parse_bodies("### a\nx\n### a\ny\n")
