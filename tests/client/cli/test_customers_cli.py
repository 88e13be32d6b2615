"""`tradewind customers [list|show|edit|merge|duplicates|build] --json` and `tradewind export
--customer ID --mbox FILE | --eml DIR`: the documented JSON shapes and exit codes."""

from __future__ import annotations

import mailbox
from collections.abc import Callable
from pathlib import Path

from client.profile.config import Profile
from tests.client.cli.fixtures import CliResult
from tests.client.customers.conftest import REP, seed

Cli = Callable[..., CliResult]


def _seed() -> None:
    seed(Profile.resolve(None).database, [
        ("Li <li@sales.shenzhen-led.com.cn>", REP, "LED panels", "Mon, 30 Nov 2026 09:00:00 +0800"),
        ("Jo <jo@gmail.com>", REP, "Price?", "Tue, 01 Dec 2026 09:00:00 +0000"),
        ("Ann <ann@acme.de>", REP, "Pumps", "Tue, 01 Dec 2026 10:00:00 +0100"),
        ("Bo <bo@acme.com>", REP, "Pumps too", "Tue, 01 Dec 2026 11:00:00 +0100"),
    ], [(REP, "li@sales.shenzhen-led.com.cn", "Re: LED panels",
         "Wed, 02 Dec 2026 08:00:00 +0800")])


def _by_domain(cli: Cli) -> dict[str | None, dict[str, object]]:
    result = cli("customers", "--json")
    assert result.code == 0, result.err
    return {c["domain"] or c["addresses"][0]: c for c in result.json()["customers"]}


def test_list_show_edit_merge_shapes(cli: Cli) -> None:
    _seed()
    found = _by_domain(cli)
    assert set(found) == {"shenzhen-led.com.cn", "jo@gmail.com", "acme.de", "acme.com"}
    led = found["shenzhen-led.com.cn"]
    assert set(led) == {"id", "kind", "domain", "name", "country", "zone", "stage", "owner",
                        "phone", "notes", "addresses"}
    assert (led["kind"], led["country"], led["stage"]) == ("company", "CN", "lead")
    shown = cli("customers", "show", str(led["id"]), "--json")
    assert shown.code == 0, shown.err
    doc = shown.json()
    assert doc["messages"] == 2 and len(doc["threads"]) == 1
    assert doc["threads"][0]["messages"] == 2 and doc["threads"][0]["inbound"] == 1
    assert doc["first_contact"] == doc["last_inbound"] < doc["last_outbound"]
    assert doc["quotes"] == [] and doc["open_quotes"] == [] and doc["meetings"] == []
    assert doc["local_time"]["zone"] == "Asia/Shanghai"  # guessed from the domain and Date
    assert set(doc["local_time"]) == {"zone", "local", "clock", "weekday", "working_day",
                                      "inside_hours", "reason", "holiday"}
    edited = cli("customers", "edit", str(led["id"]), "--stage", "prospect", "--zone",
                 "Asia/Shanghai", "--json")
    assert edited.code == 0, edited.err
    assert edited.json()["customer"]["stage"] == "prospect"
    dup = cli("customers", "duplicates", "--json").json()["duplicates"]
    pair = sorted([found["acme.de"]["id"], found["acme.com"]["id"]])
    assert dup == [{"first": pair[0], "second": pair[1], "reason": "same domain"}]
    merged = cli("customers", "merge", str(pair[0]), str(pair[1]), "--json")
    assert merged.code == 0, merged.err
    assert merged.json()["merged"] == pair[1]
    assert set(merged.json()["customer"]["addresses"]) == {"ann@acme.de", "bo@acme.com"}
    assert len(_by_domain(cli)) == 3


def test_bad_input_exits_2_unknown_id_6(cli: Cli) -> None:
    _seed()
    led = _by_domain(cli)["shenzhen-led.com.cn"]
    for args, code, words in (
        (("customers", "edit", str(led["id"]), "--stage", "friend"), 2, "invalid choice"),
        (("customers", "edit", str(led["id"]), "--zone", "CST"), 2, "CST"),
        (("customers", "edit", str(led["id"])), 2, "Give what to change"),
        (("customers", "show", "abc"), 2, "not a customer id"),
        (("customers", "show", "999"), 6, "no customer 999"),
        (("customers", "merge", str(led["id"])), 2, "takes 2 ids"),
        (("customers", "merge", str(led["id"]), str(led["id"])), 2, "already the same"),
    ):
        result = cli(*args)
        assert result.code == code and words in result.err, (args, result.err)
        assert "Traceback" not in result.err
    assert _by_domain(cli)["shenzhen-led.com.cn"]["zone"] is None  # nothing changed


def test_export_mbox_and_eml(cli: Cli, tmp_path: Path) -> None:
    _seed()
    led = _by_domain(cli)["shenzhen-led.com.cn"]
    target = tmp_path / "led.mbox"
    result = cli("export", "--customer", str(led["id"]), "--mbox", str(target), "--json")
    assert result.code == 0, result.err
    assert result.json() == {"customer": led["id"], "target": str(target), "written": 2,
                             "missing": 0}
    subjects = [m["Subject"] for m in mailbox.mbox(str(target))]
    assert subjects == ["LED panels", "Re: LED panels"]
    eml = tmp_path / "eml"
    result = cli("export", "--customer", str(led["id"]), "--eml", str(eml), "--json")
    assert result.code == 0 and result.json()["written"] == 2
    assert len(list(eml.glob("*.eml"))) == 2
    missing = cli("export", "--customer", "999", "--mbox", str(tmp_path / "x.mbox"))
    assert missing.code == 6 and not (tmp_path / "x.mbox").exists()
