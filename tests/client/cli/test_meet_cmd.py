"""`tradewind meet plan | zone`: JSON shape, plain text, remembered zones, bad input (exit 2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from client.profile.config import Profile
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult

Run = Callable[..., CliResult]


def test_plan_json_round_trip_in_a_subprocess(cli_process: Run) -> None:
    result = cli_process(
        "meet", "plan", "--json", "--organizer-zone", "Europe/Berlin", "--from", "2026-03-10",
        "--days", "3", "--duration", "30", "--attendee", "jo@firm.example=America/New_York",
        "--attendee", "raj@firm.in", "--attendee", "hari@firm.example=Asia/Kathmandu,10:00-17:00",
    )
    assert result.code == 0, result.err
    document = result.json()
    assert [a["address"] for a in document["attendees"]] == [
        None, "jo@firm.example", "raj@firm.in", "hari@firm.example"]
    assert [a["zone_source"] for a in document["attendees"]] == [
        "given", "given", "domain", "given"]
    slots = document["slots"]
    assert slots and len(slots) <= 10
    best = slots[0]
    assert best["start"].endswith("+00:00") and best["end"].endswith("+00:00")
    start = datetime.fromisoformat(best["start"])
    for person in best["attendees"]:
        local = datetime.fromisoformat(person["local_start"])
        assert local == start  # the same instant in every zone
        assert set(person) >= {"address", "zone", "local_start", "local_end", "inside_hours",
                               "reason"}
    nepal = next(a for a in best["attendees"] if a["zone"] == "Asia/Kathmandu")
    assert nepal["local_start"].endswith("+05:45")
    ranks = [sum(not a["inside_hours"] for a in s["attendees"]) for s in slots]
    assert ranks == sorted(ranks)
    # the zones given were remembered: the next run finds them without "=ZONE"
    again = cli_process("meet", "zone", "jo@firm.example", "--json")
    assert again.json() == {"address": "jo@firm.example", "zone": "America/New_York",
                            "source": "remembered", "country": "US"}


def test_plan_text_form(cli: Run) -> None:
    result = cli("meet", "plan", "--organizer-zone", "Asia/Riyadh", "--from", "2026-03-27",
                 "--days", "1", "--limit", "2", "--attendee", "b@firm.de=Europe/Berlin")
    assert result.code == 0, result.err
    assert "best first" in result.out and "Asia/Riyadh" in result.out
    assert "outside: weekend" in result.out  # Friday in Riyadh
    guessed = cli("meet", "plan", "--organizer-zone", "UTC", "--from", "2026-03-26", "--days",
                  "1", "--limit", "1", "--attendee", "li@acme.cn")
    assert "guessed from the country domain" in guessed.out and "Asia/Shanghai" in guessed.out


def test_weekly_dst_shifts(cli: Run) -> None:
    result = cli("meet", "plan", "--json", "--organizer-zone", "Europe/Berlin", "--from",
                 "2026-03-05", "--days", "1", "--limit", "1", "--weekly", "6",
                 "--attendee", "jo@firm.example=America/New_York")
    assert result.code == 0, result.err
    shifts = result.json()["slots"][0]["dst_shifts"]
    assert [(s["address"], s["date"]) for s in shifts] == [
        ("jo@firm.example", "2026-03-12"), ("jo@firm.example", "2026-04-02")]
    assert shifts[0]["to_local"] != shifts[0]["from_local"]


def test_zone_guessed_from_cached_mail(cli: Run, profile_dir: object) -> None:
    store = Store.open(Profile.resolve().database)
    try:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=1,
                                    smtp_host="127.0.0.1", smtp_port=1, security="ssl")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        raw = (b"From: Ana <ana@loja.example>\r\nSubject: pedido\r\nMessage-ID: <a1@x>\r\n"
               b"Date: Tue, 3 Feb 2026 09:00:00 -0300\r\n\r\nOla\r\n")
        store.insert_messages(inbox.id, [IncomingMessage(
            uid=1, raw=raw, internaldate=datetime(2026, 2, 3, tzinfo=UTC))], 1)
    finally:
        store.close()
    result = cli("meet", "zone", "ana@loja.example", "--json")
    assert result.code == 0, result.err
    assert result.json()["source"] == "date-offsets"
    assert result.json()["zone"].startswith("America/")


def test_zone_set_list_forget(cli: Run) -> None:
    assert cli("meet", "zone", "li@acme.cn", "Asia/Urumqi").code == 0
    listed = cli("meet", "zone", "--json").json()
    assert listed == {"zones": [{"address": "li@acme.cn", "zone": "Asia/Urumqi",
                                 "source": "user"}]}
    assert cli("meet", "zone", "li@acme.cn", "--forget", "--json").json()["forgotten"] is True
    shown = cli("meet", "zone", "li@acme.cn", "--json").json()
    assert (shown["zone"], shown["source"]) == ("Asia/Shanghai", "domain")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--attendee", "x@y.com=CST"], "ambiguous"),
        (["--attendee", "x@y.com=Mars/Olympus"], "unknown time zone"),
        (["--attendee", "x@y.com"], "no time zone known"),
        (["--attendee", "not-an-address=UTC"], "not a mail address"),
        (["--attendee", "x@y.com=UTC,9-17"], "HH:MM-HH:MM"),
        (["--from", "2026-02-30", "--attendee", "x@y.com=UTC"], "not a date"),
        (["--days", "0"], "--days"),
        (["--duration", "0"], "--duration"),
        (["--weekly", "100000"], "--weekly"),
        (["--organizer-zone", "EST"], "ambiguous"),
        (["--hours", "18:00-18:00"], "same time"),
    ],
)
def test_bad_input_exits_2_in_words(cli: Run, args: list[str], words: str) -> None:
    result = cli("meet", "plan", *args)
    assert result.code == 2
    assert words in result.err
    assert "Traceback" not in result.err


def test_bad_zone_is_not_remembered(cli: Run) -> None:
    assert cli("meet", "zone", "a@b.de", "CST").code == 2
    assert cli("meet", "zone", "--json").json() == {"zones": []}


def test_my_zone_is_the_plan_organizer_zone_without_organizer_zone(cli: Run) -> None:
    set_zone = cli("meet", "my-zone", "Asia/Kathmandu", "--json")
    assert set_zone.code == 0, set_zone.err
    assert set_zone.json() == {"zone": "Asia/Kathmandu", "source": "setting"}
    result = cli("meet", "plan", "--json", "--from", "2026-03-10", "--days", "1",
                 "--attendee", "jo@firm.example=Europe/Berlin")
    assert result.code == 0, result.err
    organizer = result.json()["attendees"][0]
    assert organizer["zone"] == "Asia/Kathmandu" and organizer["zone_source"] == "setting"
    bad = cli("meet", "my-zone", "CST", "--json")
    assert bad.code == 2 and "CST" in bad.err
    back = cli("meet", "my-zone", "--computer", "--json")
    assert back.code == 0 and back.json()["source"] == "computer"
