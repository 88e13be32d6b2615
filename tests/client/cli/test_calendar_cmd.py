"""`tradewind calendar` and `meet invite | update | cancel | reply`: JSON shapes, bad input."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from client.profile.config import Profile
from client.smtp.outbox import Outbox
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult
from tests.client.meetings.ics_data import LOCAL_ICS, shared_ics

Run = Callable[..., CliResult]
REP = "rep@example.test"
EVENT_KEYS = {"uid", "summary", "start", "end", "zone", "organizer", "status", "partstat",
              "sequence", "message_id"}


def _account() -> None:
    with Store.open(Profile.resolve().database) as store:
        store.add_account(REP, imap_host="127.0.0.1", imap_port=1, smtp_host="127.0.0.1",
                          smtp_port=1, security="ssl")


def test_import_list_export_in_a_subprocess(cli_process: Run, tmp_path: Path) -> None:
    source = LOCAL_ICS / "recurring-ical-events_issue_27_t1.ics"
    imported = cli_process("calendar", "import", str(source), "--json")
    assert imported.code == 0, imported.err
    assert imported.json()["imported"] >= 1
    listed = cli_process("calendar", "--from", "2020-04-01", "--to", "2020-05-01", "--json")
    assert listed.code == 0, listed.err
    events = listed.json()["events"]
    assert events and all(EVENT_KEYS <= set(e) for e in events)
    assert all(e["start"].endswith("+00:00") and e["zone"] == "Europe/Berlin" for e in events)
    target = tmp_path / "out.ics"
    exported = cli_process("calendar", "export", str(target), "--json")
    assert exported.code == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("content", [b"not a calendar", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"])
def test_bad_files_exit_2_in_words(cli: Run, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    result = cli("calendar", "import", str(path))
    assert result.code == 2 and "bad.ics" in result.err and "Traceback" not in result.err


def test_missing_file_and_bad_dates(cli: Run, tmp_path: Path) -> None:
    assert cli("calendar", "import", str(tmp_path / "none.ics")).code == 2
    result = cli("calendar", "--from", "2026-13-01")
    assert result.code == 2 and "YYYY-MM-DD" in result.err


def test_invite_update_cancel_queue_and_change_the_calendar(cli: Run) -> None:
    _account()
    sent = cli("meet", "invite", "--to", "buyer@firm.de", "--to", "li@firm.cn",
               "--start", "2026-03-24T15:00", "--zone", "Europe/Berlin", "--duration", "45",
               "--title", "Price review", "--link", "https://meet.google.com/abc-defg-hij",
               "--rrule", "FREQ=WEEKLY;COUNT=3", "--queue-only", "--json")
    assert sent.code == 0, sent.err
    doc = sent.json()
    assert doc["method"] == "REQUEST" and doc["sequence"] == 0 and doc["state"] == "queued"
    uid = doc["uid"]
    with Store.open(Profile.resolve().database) as store:
        raw = Outbox(store).raw(doc["outbox_id"])
    assert b"method=REQUEST" in raw.replace(b'"', b"") and b"invite.ics" in raw

    listed = cli("calendar", "--from", "2026-03-01", "--to", "2026-05-01", "--json").json()
    assert [e["start"] for e in listed["events"]] == [
        "2026-03-24T14:00:00+00:00", "2026-03-31T13:00:00+00:00", "2026-04-07T13:00:00+00:00"]
    assert {e["organizer"] for e in listed["events"]} == {REP}

    moved = cli("meet", "update", uid, "--start", "2026-03-25T09:00", "--queue-only", "--json")
    assert moved.code == 0, moved.err
    assert moved.json()["sequence"] == 1
    cancelled = cli("meet", "cancel", uid, "--queue-only", "--json")
    assert cancelled.code == 0 and cancelled.json()["sequence"] == 2
    after = cli("calendar", "--from", "2026-03-01", "--to", "2026-05-01", "--json").json()
    assert {(e["status"], e["sequence"]) for e in after["events"]} == {("CANCELLED", 2)}
    assert after["events"][0]["start"] == "2026-03-25T08:00:00+00:00"


@pytest.mark.parametrize(("args", "words"), [
    (("--zone", "CST"), "CST"),
    (("--zone", "Europe/Berlin", "--rrule", "FREQ=SECONDLY"), "DAILY"),
    (("--zone", "Europe/Berlin", "--start", "2026-03-29T02:30"), "does not exist"),
    (("--zone", "Europe/Berlin", "--link", "javascript:alert(1)"), "http"),
])
def test_bad_invitations_exit_2_and_queue_nothing(cli: Run, args: tuple[str, ...],
                                                   words: str) -> None:
    _account()
    base = {"--start": "2026-03-24T15:00", "--duration": "30", "--title": "T"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    merged = [*sum(({**base, **given}).items(), ())]
    result = cli("meet", "invite", "--to", "b@firm.de", "--queue-only", *merged)
    assert result.code == 2 and words in result.err, result.err
    with Store.open(Profile.resolve().database) as store:
        assert store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM calendar_events").fetchone()[0] == 0


def _cache_invitation(sender: str, organizer: str, method: str = "REQUEST") -> int:
    ics = (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\n"
           "UID:inv-1@firm.cn\r\nSEQUENCE:0\r\nDTSTAMP:20260301T000000Z\r\n"
           "DTSTART;TZID=China Standard Time:20260310T090000\r\n"
           "DTEND;TZID=China Standard Time:20260310T100000\r\nSUMMARY:Factory visit\r\n"
           f"ORGANIZER:mailto:{organizer}\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
           f"mailto:{REP}\r\nDESCRIPTION:Join https://teams.microsoft.com/l/meetup-join/x\r\n"
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = (f"From: {sender}\r\nTo: {REP}\r\nSubject: Invitation\r\n"
           "Message-ID: <inv-mail@firm.cn>\r\nDate: Sun, 1 Mar 2026 08:00:00 +0800\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
           f"\r\n{ics}").encode()
    with Store.open(Profile.resolve().database) as store:
        account = store.list_accounts()[0]
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
        store.insert_messages(inbox.id, [IncomingMessage(
            uid=1, raw=raw, internaldate=datetime(2026, 3, 1, tzinfo=UTC))], 1)
        return int(store.conn.execute("SELECT id FROM messages").fetchone()[0])


def test_reply_accept_queues_a_reply_and_stores_the_entry(cli: Run) -> None:
    _account()
    row = _cache_invitation("boss@firm.cn", "boss@firm.cn")
    shown = cli("calendar", "apply", str(row), "--json").json()
    assert shown["applied"] and shown["organizer_zone"] == "Asia/Shanghai"
    assert shown["link"] == "https://teams.microsoft.com/l/meetup-join/x"
    answered = cli("meet", "reply", str(row), "accept", "--comment", "ok", "--queue-only",
                   "--json")
    assert answered.code == 0, answered.err
    doc = answered.json()
    assert doc["method"] == "REPLY" and doc["recipients"] == ["boss@firm.cn"]
    with Store.open(Profile.resolve().database) as store:
        raw = Outbox(store).raw(doc["outbox_id"])
    message = email.message_from_bytes(raw, policy=email.policy.default)
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    text = part.get_content()
    assert part.get_param("method") == "REPLY" and "METHOD:REPLY" in text
    assert text.count("ATTENDEE") == 1 and "PARTSTAT=ACCEPTED" in text
    listed = cli("calendar", "--from", "2026-03-01", "--to", "2026-04-01", "--json").json()
    [event] = listed["events"]
    assert event["partstat"] == "ACCEPTED" and event["start"] == "2026-03-10T01:00:00+00:00"
    assert event["message_id"] == "inv-mail@firm.cn"


def test_spoofed_organizer_is_shown_not_applied(cli: Run) -> None:
    _account()
    row = _cache_invitation("mallory@evil.example", "boss@firm.cn")
    shown = cli("calendar", "apply", str(row), "--json")
    assert shown.code == 0
    assert not shown.json()["applied"] and "not by the organizer" in shown.json()["reason"]
    assert cli("calendar", "--from", "2026-03-01", "--to", "2026-04-01", "--json"
               ).json()["events"] == []


def test_every_shared_corpus_file_imports_or_is_refused_in_words(cli: Run) -> None:
    root = shared_ics()
    if root is None:
        pytest.skip("the shared corpus is not beside this checkout")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix == ".ics"):
        result = cli("calendar", "import", str(path), "--json")
        assert result.code in (0, 2), (path, result.err)
        assert "Traceback" not in result.err, path
        if result.code == 0:
            json.loads(result.out)
        else:
            assert result.err.strip(), path


def test_update_that_drops_an_attendee_sends_them_a_cancel(cli: Run) -> None:
    _account()
    sent = cli("meet", "invite", "--to", "a@firm.de", "--to", "b@firm.de", "--start",
               "2026-03-24T15:00", "--zone", "Europe/Berlin", "--duration", "30", "--title",
               "Review", "--queue-only", "--json").json()
    moved = cli("meet", "update", sent["uid"], "--to", "a@firm.de", "--queue-only", "--json")
    assert moved.code == 0, moved.err
    doc = moved.json()
    assert doc["recipients"] == ["a@firm.de"]
    assert doc["dropped"] == ["b@firm.de"]
    with Store.open(Profile.resolve().database) as store:
        rows = store.conn.execute(
            "SELECT id, recipients_json FROM outbox ORDER BY id").fetchall()
        assert len(rows) == 3
        raw = Outbox(store).raw(int(rows[-1][0]))
    assert b"METHOD:CANCEL" in raw and b"b@firm.de" in raw and b"mailto:a@firm.de" not in raw
