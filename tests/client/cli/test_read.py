"""`folders`, `ls`, `show`, `search` over a cache filled through the store API (no network).

The same commands after a real sync against Dovecot are covered in test_sync_flow.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from client.cli.errors import ExitCode
from client.cli.shapes import MESSAGE_KEYS
from tests.client.cli.fixtures import CliResult
from tests.client.cli.sample_cache import Cache

Cli = Callable[..., CliResult]

def test_folders_json_shape_and_counts(cli: Cli, cache: Cache) -> None:
    result = cli("folders", "--json")
    assert result.code == 0, result.err
    folders = {f["name"]: f for f in result.json()["folders"]}
    assert set(folders["INBOX"]) == {
        "id", "account", "name", "role", "unread", "total", "last_sync", "last_error",
    }
    assert (folders["INBOX"]["unread"], folders["INBOX"]["total"], folders["INBOX"]["role"]) == (2, 3, "inbox")
    assert (folders["Sent"]["total"], folders["Sent"]["role"]) == (1, "sent")
    assert "INBOX" in cli("folders").out


def test_ls_json_has_exactly_the_documented_keys(cli: Cli, cache: Cache) -> None:
    result = cli("ls", "INBOX", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert set(document) == {"account", "folder", "messages"}
    messages = document["messages"]
    assert [m["uid"] for m in messages] == [3, 2, 1]  # newest first
    for message in messages:
        assert tuple(message) == MESSAGE_KEYS
    first = messages[-1]
    assert first["subject"] == "报价 quotation"
    assert first["from"] == {"name": "Li Wei", "email": "li.wei@supplier.example"}
    assert first["to"] == [{"name": "Rep", "email": "rep@example.test"}]
    assert first["date"] == "2026-11-03T01:00:00+00:00"
    assert first["message_id"] == "q1@supplier.example"
    assert first["flags"] == ["\\Seen"]
    assert messages[0]["has_attachments"] is True


def test_ls_limit_role_names_and_case(cli: Cli, cache: Cache) -> None:
    assert len(cli("ls", "inbox", "--limit", "2", "--json").json()["messages"]) == 2
    assert cli("ls", "sent", "--json").json()["folder"] == "Sent"
    bad_limit = cli("ls", "INBOX", "--limit", "zero")
    assert bad_limit.code == ExitCode.USAGE


def test_ls_text_shows_to_in_sent_and_from_in_the_inbox(cli: Cli, cache: Cache) -> None:
    sent = cli("ls", "sent").out.splitlines()
    assert "TO" in sent[0].split() and "FROM" not in sent[0].split()
    assert "Rep" in sent[-1] and "Li Wei" not in sent[-1]
    inbox = cli("ls", "INBOX").out.splitlines()
    assert "FROM" in inbox[0].split() and "Li Wei" in "\n".join(inbox)


def test_ls_unknown_folder_lists_known_ones(cli: Cli, cache: Cache) -> None:
    result = cli("ls", "Nope")
    assert result.code == ExitCode.NOT_FOUND
    assert "no folder 'Nope'" in result.err and "INBOX, Sent" in result.err


def test_terminal_output_neutralises_escape_sequences(cli: Cli, cache: Cache) -> None:
    result = cli("ls", "INBOX")
    assert "\x1b" not in result.out
    assert "Order ?[31mred" in result.out


def test_show_plain_text_message(cli: Cli, cache: Cache) -> None:
    result = cli("show", str(cache.inbox_ids[0]))
    assert result.code == 0, result.err
    assert "Subject:    报价 quotation" in result.out
    assert "集装箱 price list" in result.out


def test_show_html_reduced_to_text(cli: Cli, cache: Cache) -> None:
    document = cli("show", str(cache.inbox_ids[1]), "--json").json()
    assert set(document) == {"message", "text", "text_source", "attachments", "warnings",
                             "senders", "sender_warnings", "security", "risk"}
    assert document["text_source"] == "html"
    assert "Please confirm the order." in document["text"]
    assert "alert" not in document["text"] and "<" not in document["text"]
    assert set(MESSAGE_KEYS) <= set(document["message"])


def test_show_lists_attachments(cli: Cli, cache: Cache) -> None:
    document = cli("show", str(cache.inbox_ids[2]), "--json").json()
    assert [(a["filename"], a["content_type"], a["downloaded"]) for a in document["attachments"]] == [
        ("bl.pdf", "application/pdf", True)
    ]
    assert "bl.pdf" in cli("show", str(cache.inbox_ids[2])).out


def test_show_raw_prints_the_stored_bytes(cli: Cli, cache: Cache) -> None:
    result = cli("show", str(cache.inbox_ids[2]), "--raw")
    assert result.code == 0
    assert "Content-Disposition: attachment; filename=bl.pdf" in result.out


@pytest.mark.parametrize("bad", ["abc", "0", "-3", "1.5"])
def test_show_malformed_id_is_a_usage_error(cli: Cli, cache: Cache, bad: str) -> None:
    result = cli("show", "--", bad) if bad.startswith("-") else cli("show", bad)
    assert result.code == ExitCode.USAGE
    assert "is not a message id" in result.err


def test_show_unknown_id_is_not_found(cli: Cli, cache: Cache) -> None:
    result = cli("show", "999999")
    assert result.code == ExitCode.NOT_FOUND
    assert "No message with id 999999" in result.err


def test_search_json_shape(cli: Cli, cache: Cache) -> None:
    result = cli("search", "集装箱", "--json")
    assert result.code == 0, result.err
    document = result.json()
    assert set(document) == {"query", "messages"}
    hits = document["messages"]
    assert {m["id"] for m in hits} == {cache.inbox_ids[0], cache.sent_id}
    assert set(hits[0]) == set(MESSAGE_KEYS) | {"account", "folder"}
    assert {m["folder"] for m in hits} == {"INBOX", "Sent"}


def test_search_filters_and_bad_syntax(cli: Cli, cache: Cache) -> None:
    found = cli("search", "from:ops@forwarder.example", "has:attachment", "--json").json()
    assert [m["id"] for m in found["messages"]] == [cache.inbox_ids[2]]
    bad = cli("search", "before:2026-13-45")
    assert bad.code == ExitCode.USAGE
    assert "Traceback" not in bad.err
    assert cli("search", "nothing-matches-this").out.strip() == "No messages match."


def test_commands_on_an_empty_profile_explain_themselves(cli: Cli) -> None:
    assert "run `tradewind sync`" in cli("folders").out
    empty_ls = cli("ls", "INBOX")
    assert empty_ls.code == ExitCode.NOT_FOUND and "tradewind sync" in empty_ls.err


def test_show_marks_attachments_left_on_the_server_as_not_downloaded(
    cli: Cli, cache: Cache
) -> None:
    from datetime import UTC, datetime

    from client.imap.models import BodyPart, MessageMeta, PartialMessage
    from client.profile.config import Profile
    from client.store.db import Store
    from client.store.records import IncomingMessage
    from client.sync.partial import assemble_partial, record_parts

    text_part = BodyPart(section="1", content_type="text/plain", size=12, encoding="7bit")
    big = BodyPart(
        section="2", content_type="application/zip", size=30_000_000, encoding="base64",
        filename="catalogue.zip", disposition="attachment",
    )
    header = (
        b"From: Sales <sales@factory.example>\r\nTo: rep@example.test\r\nSubject: Catalogue\r\n"
        b"Message-ID: <big@factory.example>\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
    )
    when = datetime(2026, 11, 6, tzinfo=UTC)
    partial = PartialMessage(
        meta=MessageMeta(uid=9, flags=frozenset(), size=30_000_100, internaldate=when, modseq=None),
        header=header,
        texts=((text_part, b"See attached."),),
        others=(big,),
    )
    store = Store.open(Profile.resolve().database)
    try:
        inbox = store.folder_by_role(store.list_accounts()[0].id, "inbox")
        (row_id,) = store.insert_messages(
            inbox.id,
            [IncomingMessage(uid=9, raw=assemble_partial(partial), internaldate=when,
                             size=30_000_100, body_state="partial")],
            9,
        ).added
        record_parts(store, row_id, partial.others)
    finally:
        store.close()

    document = cli("show", str(row_id), "--json").json()
    assert document["message"]["body_state"] == "partial"
    assert document["attachments"] == [
        {"part_id": "2", "filename": "catalogue.zip", "content_type": "application/zip",
         "size": 30_000_000, "inline": False, "downloaded": False}
    ]
    text = cli("show", str(row_id)).out
    assert "See attached." in text
    assert "catalogue.zip  application/zip  28.6 MB  (not downloaded)" in text
