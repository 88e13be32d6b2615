"""`tradewind rules` end to end on the real Dovecot test bed: platform notifications, a web-form
mail and a lead from a trade-show list are synced; the sync's rules tag them, `ls`/`show --json`
carry the tags, `search tag:` finds them, `rules test` explains, the buyer is a customer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from client.cli.errors import ExitCode
from tests.client.channels.conftest import SAMPLES, mail
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]


def test_sync_tags_new_mail_and_rules_explain(cli: Cli, dovecot: DovecotServer,
                                              imap_user: MailUser, tmp_path: Path) -> None:
    for name in ("alibaba-plain", "globalsources-html"):
        dovecot.deliver(imap_user, (SAMPLES / f"{name}.eml").read_bytes())
    dovecot.deliver(imap_user, mail("Website <forms@acme-export.example>", "Contact form",
                                    to=imap_user.email, extra="X-Form-Name: contact-us\r\n"))
    dovecot.deliver(imap_user, mail("Ole <ole@nordisk.dk>", "Met you in Guangzhou",
                                    to=imap_user.email))
    assert add_account(cli, dovecot, imap_user).code == 0
    added = cli("rules", "add", "header", "X-Form-Name", "--tag", "webform", "--json")
    assert added.code == 0, added.err
    leads = tmp_path / "canton.csv"
    leads.write_text("Email,Name\nole@nordisk.dk,Ole\nbroken,X\n", encoding="utf-8")
    imported = cli("rules", "import-leads", str(leads), "--tag", "fair-canton-2026", "--json")
    assert imported.code == 0, imported.err
    assert imported.json() == {"tag": "fair-canton-2026", "imported": 1, "bad_rows": [
        {"row": 3, "reason": "“broken” is not an e-mail address"}]}

    synced = cli("sync")
    assert synced.code == 0, synced.err
    listed = {m["subject"]: m for m in cli("ls", "INBOX", "--json").json()["messages"]}
    tags = {subject: m["tags"] for subject, m in listed.items()}
    assert tags == {
        "New inquiry: LED Panel Light 600x600 40W from James Whitfield": ["alibaba"],
        "New product inquiry - Silicone Baking Mat": ["globalsources"],
        "Contact form": ["webform"],
        "Met you in Guangzhou": ["fair-canton-2026"],
    }
    gs = listed["New product inquiry - Silicone Baking Mat"]["id"]
    assert cli("show", str(gs), "--json").json()["message"]["tags"] == ["globalsources"]
    hits = cli("search", "tag:webform", "--json").json()["messages"]
    assert [h["subject"] for h in hits] == ["Contact form"] and hits[0]["tags"] == ["webform"]

    test = cli("rules", "test", str(gs), "--json").json()
    (match,) = test["matches"]
    assert match["tag"] == "globalsources" and match["rule"]["kind"] == "platform"
    assert match["buyer"]["email"] == "emily.carter@carterkitchen.com"
    assert "notification address of Global Sources" in match["reason"]
    assert test["tags"][0]["tag"] == "globalsources" and test["tags"][0]["rule_id"] == 3
    words = cli("rules", "test", str(gs))
    assert "rule 3 (platform globalsources) tags it 'globalsources'" in words.out
    opened = cli("rules", "inquiries", "--open", "--json").json()["inquiries"]
    assert len(opened) == 4 and all(i["first_reply_at"] is None for i in opened)
    customers = cli("customers", "--json").json()["customers"]
    buyer = next(c for c in customers if "emily.carter@carterkitchen.com" in c["addresses"])
    assert (buyer["name"], buyer["country"]) == ("Carter Kitchenware Inc.", "US")


def test_rules_run_remove_and_bad_input(cli: Cli, dovecot: DovecotServer,
                                        imap_user: MailUser) -> None:
    dovecot.deliver(imap_user, mail("Chen <chen@partner-hk.example>", "A buyer for you",
                                    to=imap_user.email, body="I recommended you to Mr. Park."))
    assert add_account(cli, dovecot, imap_user).code == 0
    assert cli("sync").code == 0
    (row,) = cli("ls", "INBOX", "--json").json()["messages"]
    assert row["tags"] == []
    rule = cli("rules", "add", "referral-phrase", "recommended you", "--tag", "referral",
               "--json").json()["rule"]
    ran = cli("rules", "run", "--folder", "INBOX", "--json")
    assert ran.code == 0 and ran.json()["tags"] == {"referral": 1}
    assert cli("ls", "INBOX", "--json").json()["messages"][0]["tags"] == ["referral"]
    assert cli("rules", "remove", str(rule["id"]), "--json").json()["removed"]["id"] == rule["id"]
    assert rule["id"] not in [r["id"] for r in cli("rules", "list", "--json").json()["rules"]]

    bad = cli("rules", "add", "sender", "nobody", "--tag", "x")
    assert bad.code == ExitCode.USAGE and "not an e-mail address" in bad.err
    assert "Traceback" not in bad.err
    assert cli("rules", "add", "sender", "a@b.com").code == ExitCode.USAGE  # no --tag
    unknown = cli("rules", "remove", "999")
    assert unknown.code == ExitCode.NOT_FOUND and "There is no rule 999" in unknown.err
    assert cli("rules", "move", "1", "zero").code == ExitCode.USAGE
    gone = cli("rules", "test", "424242", "--json")
    assert gone.code == ExitCode.NOT_FOUND and "no cached message" in gone.err
    missing = cli("rules", "import-leads", "/nonexistent/x.csv", "--tag", "fair")
    assert missing.code == ExitCode.USAGE and "cannot be read" in missing.err


def test_the_first_reply_closes_an_inquiry(cli: Cli, dovecot: DovecotServer,
                                           imap_user: MailUser) -> None:
    rep = imap_user.email
    dovecot.deliver(imap_user, mail("Buyer <b@importer-gmbh.example>", "Pumps 50 pcs", to=rep,
                                    msgid="q1@importer-gmbh.example",
                                    date="Mon, 30 Nov 2026 08:00:00 +0000"))
    dovecot.deliver(imap_user, mail("Other <o@importer-gmbh.example>", "Valves", to=rep,
                                    msgid="q2@importer-gmbh.example",
                                    date="Mon, 30 Nov 2026 09:00:00 +0000"))
    assert add_account(cli, dovecot, imap_user).code == 0
    assert cli("rules", "add", "sender", "@importer-gmbh.example", "--tag", "webform").code == 0
    assert cli("sync").code == 0
    assert len(cli("rules", "inquiries", "--open", "--json").json()["inquiries"]) == 2
    dovecot.append(imap_user, "Sent", mail(rep, "Re: Pumps 50 pcs", to="b@importer-gmbh.example",
                                           msgid="r1@rep.example", in_reply_to="q1@importer-gmbh.example",
                                           date="Mon, 30 Nov 2026 10:30:00 +0000"))
    assert cli("sync").code == 0
    every = {i["message"]: i for i in cli("rules", "inquiries", "--json").json()["inquiries"]}
    answered = [i for i in every.values() if not i["open"]]
    (one,) = answered
    assert one["first_reply_at"] - one["received_at"] == 9000 and one["tags"] == ["webform"]
    (still,) = cli("rules", "inquiries", "--open", "--json").json()["inquiries"]
    assert still["message"] != one["message"]
