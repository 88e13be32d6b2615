"""`tradewind cache rederive`: a cache an older Tradewind filled with spoofed senders is
corrected to the end, and `ls`/`show`/`search --json` then name the real sender (I1, I2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from client.profile.config import Profile
from client.store.db import Store
from client.store.derive import HEADER_VERSION, header_columns
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult
from tests.client.store.old_cache import (
    COMMENT,
    GENUINE,
    QUOTED,
    UMLAUT,
    make_old,
    make_old_by_subject,
)

Cli = Callable[..., CliResult]
WHEN = datetime(2026, 11, 5, tzinfo=UTC)


def _old_cache(header_only: bool = False) -> dict[str, int]:
    with Store.open(Profile.resolve().database) as store:
        account = store.add_account("rep@example.test", imap_host="127.0.0.1", imap_port=1,
                                    smtp_host="127.0.0.1", smtp_port=1, security="ssl")
        inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
        store.insert_messages(inbox.id, [
            IncomingMessage(uid=n, raw=raw, internaldate=WHEN)
            for n, raw in enumerate((QUOTED, COMMENT, GENUINE, UMLAUT), start=1)
        ], 4)
        ids = make_old_by_subject(store)
        if header_only:
            spoof = QUOTED.replace(b"Invoice 4711", b"Listed only")
            store.insert_messages(inbox.id, [IncomingMessage(
                uid=5, raw=b"", size=len(spoof), body_state="none", internaldate=WHEN,
                headers=header_columns(spoof))], 5)
            (row_id,) = store.conn.execute("SELECT id FROM messages WHERE uid = 5").fetchone()
            make_old(store, row_id, from_name="Anna Huber", from_email="anna.huber@kunde.example")
        return ids


def _senders(cli: Cli) -> dict[str, str]:
    return {m["subject"]: m["from"]["email"]
            for m in cli("ls", "INBOX", "--json").json()["messages"]}


def test_rederive_corrects_ls_show_and_search(cli: Cli, profile_dir: object) -> None:
    ids = _old_cache()
    assert _senders(cli)["Invoice 4711"] == "anna.huber@kunde.example"  # the old cache

    result = cli("cache", "rederive", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"rederived": 3, "waiting": 0, "header_version": HEADER_VERSION}

    assert _senders(cli) == {"Invoice 4711": "billing@kunde-invoices.example",
                             "Urgent transfer": "x@evil.example",
                             "Order": "anna.huber@kunde.example",
                             "Angebot für Sie": "jm@lieferant.example"}
    shown = cli("show", str(ids["Invoice 4711"]), "--json").json()
    assert shown["message"]["from"] == {"name": "Anna Huber <anna.huber@kunde.example>",
                                        "email": "billing@kunde-invoices.example"}
    assert shown["senders"] == [shown["message"]["from"]]
    assert [w["code"] for w in shown["sender_warnings"]] == ["name-contains-address"]
    umlaut = cli("show", str(ids["Angebot für Sie"]), "--json").json()["message"]
    assert (umlaut["subject"], umlaut["from"]["name"]) == ("Angebot für Sie", "Jürgen Müller")
    found = cli("search", "from:ceo@yourco.com", "--json").json()["messages"]
    assert found == []
    found = cli("search", "from:x@evil.example", "--json").json()["messages"]
    assert [m["subject"] for m in found] == ["Urgent transfer"]

    again = cli("cache", "rederive", "--json")
    assert again.code == 0 and again.json()["rederived"] == 0


def test_text_output_counts_and_names_rows_waiting_for_their_body(
    cli: Cli, profile_dir: object
) -> None:
    _old_cache(header_only=True)
    result = cli("cache", "rederive")
    assert result.code == 0, result.err
    assert "3 message(s)" in result.out
    assert "1 message(s)" in result.out and "tradewind sync" in result.out
    assert _senders(cli)["Listed only"] == "anna.huber@kunde.example"  # no header stored yet


def test_an_unknown_option_is_a_usage_error(cli: Cli, profile_dir: object) -> None:
    result = cli("cache", "rederive", "--fast")
    assert result.code == 2
    assert "Traceback" not in result.err and "--fast" in result.err
