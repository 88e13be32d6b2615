"""`tradewind open` and the bare-target routing: mailto: against the "Mailto: Me Your Secrets"
attack list (checklist H8), .eml shown without importing, .ics read with icalendar, bad files
refused in words with exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from client.cli.main import route_targets
from client.opening.targets import OpenTargetError, describe, looks_like_target
from client.store.db import Store
from tests.client.cli.fixtures import CliResult

EML = (b"From: =?utf-8?b?5byg5LiJ?= <zhang@harbor.example>\r\n"
       b"To: rep@tradewind.example\r\nSubject: Quote for 40'HQ\r\n"
       b"Date: Tue, 01 Dec 2026 09:30:00 +0800\r\nMessage-ID: <q1@harbor.example>\r\n"
       b"\r\nPlease send the quote.\r\n")
ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
       b"UID:1@harbor.example\r\nSUMMARY:Price review\r\n"
       b"DTSTART:20261203T010000Z\r\nDTEND:20261203T020000Z\r\n"
       b"ORGANIZER;CN=Zhang San:mailto:zhang@harbor.example\r\nLOCATION:Online\r\n"
       b"END:VEVENT\r\nEND:VCALENDAR\r\n")

# The paper's attacks on mailto handlers: local files, network shares, URLs, the sender, and
# header injection. Each must be refused, with its reason, and never reach the composer.
ATTACKS = [
    ("attach=/etc/passwd", "attach", "attachment"),
    ("attachment=~/.ssh/id_rsa", "attachment", "attachment"),
    ("attach=C:%5CUsers%5Cmei%5Ccontract.pdf", "attach", "attachment"),
    ("attach=%5C%5Cattacker.example%5Cshare%5Cx", "attach", "attachment"),
    ("attach=file:///etc/hosts", "attach", "attachment"),
    ("ATTACHMENT=../../../../etc/shadow", "attachment", "attachment"),
    ("attach=https://attacker.example/dav/", "attach", "attachment"),
    ("from=ceo@harbor.example", "from", "sender"),
    ("reply-to=x@evil.example", "reply-to", "sender"),
    ("x-mailer=evil", "x-mailer", "header"),
    ("references=%3Cx@y%3E", "references", "header"),
    ("subject=a&subject=b", "subject", "duplicate"),
    ("in-reply-to=not-an-id", "in-reply-to", "invalid"),
]


@pytest.mark.parametrize(("query", "name", "reason"), ATTACKS)
def test_mailto_attacks_are_refused_with_their_reason(
        cli: Callable[..., CliResult], query: str, name: str, reason: str) -> None:
    result = cli("open", f"mailto:sales@harbor.example?{query}&body=hi", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["kind"] == "mailto" and doc["opens"] == "composer"
    assert doc["fields"]["to"] == ["sales@harbor.example"] and doc["fields"]["body"] == "hi"
    refused = [(r["name"], r["reason"]) for r in doc["refused"]]
    assert (name, reason) in refused
    assert all(r["explanation"] and r["explanation"] != r["reason"] for r in doc["refused"])


def test_mailto_fields_are_kept(cli: Callable[..., CliResult]) -> None:
    result = cli("--json", "mailto:a@harbor.example?cc=b@harbor.example&bcc=c@harbor.example"
                 "&subject=%E6%8A%A5%E4%BB%B7&body=line1%0D%0Aline2&in-reply-to=%3Cm@x.example%3E")
    assert result.code == 0, result.err
    fields = result.json()["fields"]
    assert fields == {"to": ["a@harbor.example"], "cc": ["b@harbor.example"],
                      "bcc": ["c@harbor.example"], "subject": "报价", "body": "line1\nline2",
                      "in_reply_to": "m@x.example"}
    assert result.json()["refused"] == []


def test_header_injection_line_breaks_are_removed(cli: Callable[..., CliResult]) -> None:
    doc = cli("open", "--json", "mailto:a@b.example?subject=Hi%0d%0aBcc:%20spy@evil.example").json()
    assert doc["fields"]["subject"] == "Hi Bcc: spy@evil.example"
    assert doc["fields"]["bcc"] == []
    assert ("subject", "line-break") in [(r["name"], r["reason"]) for r in doc["refused"]]


def test_eml_is_described_and_not_imported(cli: Callable[..., CliResult], tmp_path: Path,
                                           profile_dir: Path) -> None:
    path = tmp_path / "quote.eml"
    path.write_bytes(EML)
    result = cli("--json", str(path))  # a bare .eml path is routed to `open`
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["kind"] == "eml" and doc["opens"] == "reader" and doc["imported"] is False
    assert doc["message"]["subject"] == "Quote for 40'HQ"
    assert doc["message"]["from"] == ["zhang@harbor.example"]
    assert doc["message"]["message_id"] == "q1@harbor.example"
    assert not (profile_dir / "tradewind.db").exists()  # describing creates no cache
    with Store.open(profile_dir / "tradewind.db") as store:  # and the profile stays empty
        assert store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 0


def test_ics_events_are_listed(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = tmp_path / "invite.ICS"
    path.write_bytes(ICS)
    result = cli("open", str(path), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["kind"] == "ics" and doc["opens"] == "calendar-summary"
    assert doc["events"] == [{"summary": "Price review", "start": "2026-12-03T01:00:00+00:00",
                              "end": "2026-12-03T02:00:00+00:00",
                              "organizer": "Zhang San <zhang@harbor.example>",
                              "location": "Online"}]


@pytest.mark.parametrize(("name", "content", "words"), [
    ("missing.eml", None, "does not exist"),
    ("broken.ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\n", "calendar"),
    ("notes.ics", b"just some text\r\n", "calendar"),
])
def test_bad_files_exit_2_in_words(cli: Callable[..., CliResult], tmp_path: Path, name: str,
                                   content: bytes | None, words: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = cli("open", str(path), "--json")
    assert result.code == 2
    assert words in result.err and "Traceback" not in result.err


def test_a_folder_named_like_a_message_is_refused(tmp_path: Path) -> None:
    (tmp_path / "box.eml").mkdir()
    with pytest.raises(OpenTargetError, match="folder"):
        describe(str(tmp_path / "box.eml"))


def test_other_arguments_are_not_targets(cli: Callable[..., CliResult]) -> None:
    assert not looks_like_target("sync") and not looks_like_target("--json")
    assert not looks_like_target("report.pdf")
    assert looks_like_target("MAILTO:a@b.example") and looks_like_target("file:///home/mei/Downloads/x.eml")
    result = cli("open", "https://harbor.example/x", "--json")
    assert result.code == 2 and "mailto:" in result.err


def test_routing_keeps_commands_and_option_values() -> None:
    assert route_targets(["--profile", "p", "mailto:a@b"]) == ["--profile", "p", "open",
                                                                "mailto:a@b"]
    assert route_targets(["--profile", "x.eml", "ls"]) == ["--profile", "x.eml", "ls"]
    assert route_targets(["show", "1"]) == ["show", "1"]
    assert route_targets(["open", "a.ics"]) == ["open", "a.ics"]
    assert route_targets(["templates", "render", "x.eml"]) == ["templates", "render", "x.eml"]


def test_eml_is_imported_when_asked(cli: Callable[..., CliResult], tmp_path: Path,
                                    profile_dir: Path, cache: object) -> None:
    path = tmp_path / "quote.eml"
    path.write_bytes(EML)
    result = cli("open", str(path), "--import", "INBOX", "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert doc["folder"] == "INBOX" and doc["account"] == "rep@example.test"
    assert doc["uploaded"] is False
    with Store.open(profile_dir / "tradewind.db") as store:
        row = store.get_message(doc["imported"])
        assert row is not None and row.uid is None and row.message_id == "q1@harbor.example"
        assert store.get_raw(row.id) == EML
        [kind] = [r[0] for r in store.conn.execute(
            "SELECT kind FROM pending_ops WHERE message_row = ?", (row.id,))]
        assert kind == "move"  # uploaded by the next sync
    again = cli("open", str(path), "--import", "INBOX")
    assert again.code == 2 and "already holds this message" in again.err
    ics = tmp_path / "call.ics"
    ics.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    wrong = cli("open", str(ics), "--import", "INBOX")
    assert wrong.code == 2 and "calendar import" in wrong.err
