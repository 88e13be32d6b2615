"""Replies, forwards and drafts never join HTML parts (EFAIL direct exfiltration, checklist
H6): an ``<img src='http://…/?`` opened in one HTML part and closed two parts later must leave
the middle part's text as text in what is queued and sent, never inside an attribute or URL.
The end-to-end tests send through the real submission server into Dovecot."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest

from client.compose.actions import forward_fields, reply_fields
from client.compose.drafts import build_draft_message, draft_from_message
from client.compose.identities import add_identity
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.servers.dovecot import DovecotServer, MailUser
from tests.servers.submission import SubmissionServer

Cli = Callable[..., CliResult]
SECRET = "SECRET-BANK-CODE 4711"


def three_parts(base: str, to: str = "mei.lin@harbor-lighting.example") -> bytes:
    """The EFAIL shape: the ``<img`` of part 1 is closed by part 3."""
    parts = [f"<img src='{base}/exfil?", f"<p>{SECRET}</p>", "'>"]
    body = "".join(
        f"--B\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{part}\r\n" for part in parts)
    return (
        f"From: Buyer <buyer@attacker.example>\r\nTo: {to}\r\n"
        "Subject: Order 7781\r\nMessage-ID: <order-7781@attacker.example>\r\n"
        "Date: Fri, 20 Nov 2026 09:30:00 +0100\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n' + body + "--B--\r\n"
    ).encode()


class _Markup(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [value or "" for _name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_secret_is_text(html: str | None) -> None:
    """The middle part's words are in the document's text and in no attribute value."""
    assert html is not None
    markup = _Markup(html)
    assert SECRET in " ".join("".join(markup.text).split())
    assert not any("SECRET" in value for value in markup.attributes), markup.attributes


@pytest.fixture()
def cached(tmp_path: Path) -> tuple[Store, int]:
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account("mei.lin@harbor-lighting.example")
    add_identity(store, account.id, "mei.lin@harbor-lighting.example", "Mei Lin", default=True)
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    raw = three_parts("http://127.0.0.1:9")
    store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], watermark_uid=1)
    [row] = store.list_messages(inbox.id, limit=10)
    return store, row.id


def test_reply_and_forward_quotes_keep_each_part_alone(cached: tuple[Store, int]) -> None:
    store, row = cached
    for fields in (reply_fields(store, row), forward_fields(store, row)):
        assert_secret_is_text(fields.quote_html)
        assert SECRET in (fields.quote_text or "")  # the plain quote has the words too


def test_a_draft_saved_elsewhere_opens_with_each_part_alone() -> None:
    fields = draft_from_message(three_parts("http://127.0.0.1:9"), "mei.lin@example.test")
    assert_secret_is_text(fields.html)
    saved = email.message_from_bytes(build_draft_message(fields, "d1@example.test"),
                                     policy=policy.default)
    assert_secret_is_text(saved.get_body(("html",)).get_content())  # type: ignore[union-attr]


def _sent_html(submission: SubmissionServer, before: int) -> str:
    [delivery] = submission.received[before:]
    sent = email.message_from_bytes(delivery.data, policy=policy.default)
    return sent.get_body(("html",)).get_content()  # type: ignore[union-attr,no-any-return]


def test_sent_reply_and_forward_carry_the_middle_part_as_text(
    cli: Cli, dovecot: DovecotServer, submission: SubmissionServer,
    smtp_user: MailUser, tmp_path: Path,
) -> None:
    dovecot.deliver(smtp_user, three_parts("http://127.0.0.1:9", smtp_user.email))
    result = add_account(cli, dovecot, smtp_user,
                         extra=("--smtp", f"127.0.0.1:{submission.starttls_port}"))
    assert result.code == 0, result.err
    assert cli("sync").code == 0
    [original] = cli("ls", "INBOX", "--json").json()["messages"]
    body = tmp_path / "reply.txt"
    body.write_text("Which bank code?\n")
    before = len(submission.received)
    replied = cli("reply", str(original["id"]), "--body-file", str(body), "--json")
    assert replied.code == 0, replied.err
    assert_secret_is_text(_sent_html(submission, before))
    before = len(submission.received)
    forwarded = cli("forward", str(original["id"]), "--to", smtp_user.email, "--json")
    assert forwarded.code == 0, forwarded.err
    assert_secret_is_text(_sent_html(submission, before))
