"""`tradewind followups [--due] [--json]`, `followups snooze|done|dismiss|days|draft`, and
`tradewind stats [--from --to] [--by] [--csv] --json`: shapes, exit codes, nothing changed on
bad input."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from client.profile.config import Profile
from client.store.db import Store
from tests.client.cli.fixtures import CliResult
from tests.client.followups.mailbox import REP, Mailbox

Cli = Callable[..., CliResult]


def _seed(days_ago: int = 10) -> None:
    """A tagged inquiry of a German buyer answered by the rep `days_ago` days ago."""
    with Store.open(Profile.resolve(None).database) as store:
        box = Mailbox(store)
        sent = datetime.now(ZoneInfo("Europe/Berlin")) - timedelta(days=days_ago)
        row, mid = box.mail("Hans <hans@importer.de>", REP, sent - timedelta(hours=2),
                            "Valves", body="Could you please send us your best price and delivery time for one hundred "
                            "ball valves? We would also like to know the payment terms.")
        box.tag(row, "web-form")
        box.mail(REP, "hans@importer.de", sent, "Re: Valves", reply_to=mid)


def test_list_snooze_done_shapes(cli: Cli) -> None:
    _seed()
    listed = cli("followups", "--due", "--json")
    assert listed.code == 0, listed.err
    [item] = listed.json()["followups"]
    assert set(item) == {"id", "kind", "state", "due", "due_at", "sent_at", "working_days",
                         "days_waiting", "zone", "country", "buyer_email", "subject", "quote",
                         "lang", "thread_id", "reply_row", "sent_message_id", "fired_at",
                         "closed_at"}
    assert (item["kind"], item["state"], item["due"], item["zone"]) == (
        "inquiry", "waiting", True, "Europe/Berlin")
    assert item["days_waiting"] >= 3
    fid = str(item["id"])
    snoozed = cli("followups", "snooze", fid, "--days", "2", "--json")
    assert snoozed.code == 0, snoozed.err
    assert snoozed.json()["followup"]["state"] == "snoozed"
    assert snoozed.json()["followup"]["due"] is False
    assert cli("followups", "--due", "--json").json()["followups"] == []
    later = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    until = cli("followups", "snooze", fid, "--until", later, "--json")
    assert until.code == 0, until.err
    done = cli("followups", "done", fid, "--json")
    assert done.code == 0 and done.json()["followup"]["state"] == "done"
    assert cli("followups", "--json").json()["followups"] == []
    assert [f["state"] for f in cli("followups", "--all", "--json").json()["followups"]] == [
        "done"]


def test_bad_input_exits_2_and_changes_nothing(cli: Cli) -> None:
    _seed()
    [item] = cli("followups", "--json").json()["followups"]
    fid = str(item["id"])
    for args in (("snooze", fid), ("snooze", fid, "--days", "0"),
                 ("snooze", fid, "--until", "2020-01-01T09:00"),
                 ("snooze", fid, "--until", "tomorrow-ish"),
                 ("snooze", fid, "--days", "2", "--until", "2030-01-01T09:00"),
                 ("done", "x"), ("days", fid, "99")):
        result = cli("followups", *args)
        assert result.code == 2, (args, result.err)
        assert "Traceback" not in result.err and result.err.strip()
    assert cli("followups", "done", "999").code == 6
    [again] = cli("followups", "--json").json()["followups"]
    assert (again["state"], again["due_at"]) == (item["state"], item["due_at"])


def test_draft_fills_the_follow_up_template(cli: Cli) -> None:
    _seed()
    [item] = cli("followups", "--json").json()["followups"]
    made = cli("followups", "draft", str(item["id"]), "--json")
    assert made.code == 0, made.err
    doc = made.json()
    assert (doc["template"], doc["lang"]) == ("follow-up", "en")
    with Store.open(Profile.resolve(None).database) as store:
        raw = bytes(store.conn.execute("SELECT raw FROM drafts WHERE id = ?",
                                       (doc["draft_id"],)).fetchone()[0])
    assert b"To: Hans <hans@importer.de>" in raw and b"Following up" in raw
    assert cli("followups", "--json").json()["followups"][0]["state"] == "waiting"


def test_stats_json_and_csv(cli: Cli, tmp_path: Path) -> None:
    _seed(days_ago=2)
    today = time.strftime("%Y-%m-%d")
    start = (datetime.now() - timedelta(days=6)).strftime("%Y-%m-%d")
    target = tmp_path / "s.csv"
    result = cli("stats", "--from", start, "--to", today, "--by", "channel", "--csv",
                 str(target), "--json")
    assert result.code == 0, result.err
    doc = result.json()
    assert set(doc) == {"from", "to", "by", "zone", "working_hours", "total", "reps", "groups"}
    assert (doc["from"], doc["to"], doc["by"]) == (start, today, "channel")
    assert (doc["total"]["sent"], doc["total"]["received"], doc["total"]["inquiries"],
            doc["total"]["replied"]) == (1, 1, 1, 1)
    assert [g["key"] for g in doc["groups"]] == ["web-form"]
    assert target.read_text(encoding="utf-8").startswith("dimension,key,label,sent")
    text = cli("stats", "--from", start, "--to", today)
    assert text.code == 0 and "REPLIED" in text.out and "1/1" in text.out
    by_country = cli("stats", "--from", start, "--to", today, "--by", "country")
    assert by_country.code == 0 and "DE" in by_country.out


def test_stats_bad_dates_exit_2(cli: Cli) -> None:
    for args in (("--from", "yesterday"), ("--from", "2026-12-05", "--to", "2026-12-01"),
                 ("--by", "planet")):
        result = cli("stats", *args)
        assert result.code == 2, (args, result.err)
        assert "Traceback" not in result.err


def test_channel_rules(cli: Cli) -> None:
    set_ = cli("followups", "rule", "alibaba", "2", "--json")
    assert set_.code == 0 and set_.json() == {"rules": {"alibaba": 2}}
    assert cli("followups", "rules", "--json").json() == {"rules": {"alibaba": 2}}
    for args in (("rule", "alibaba"), ("rule", "alibaba", "0"), ("rule", "two words", "3")):
        result = cli("followups", *args)
        assert result.code == 2 and "Traceback" not in result.err, args
    assert cli("followups", "rules", "--json").json() == {"rules": {"alibaba": 2}}
    gone = cli("followups", "rule", "alibaba", "--remove", "--json")
    assert gone.code == 0 and gone.json() == {"removed": True, "rules": {}}
