"""`tradewind sync` lists a big folder through the header child (issue 17): the command's
rows show the same sender, subject and date as the messages, and `ls` lists them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from client.sync import folder_sync, header_child
from client.sync.header_child import HeaderParser
from tests.client.cli.fixtures import CliResult
from tests.client.cli.test_account import add_account
from tests.client.cli.test_sync_flow import _message
from tests.servers.dovecot import DovecotServer, MailUser

Cli = Callable[..., CliResult]


def test_sync_lists_through_the_header_child(cli: Cli, dovecot: DovecotServer,
                                             imap_user: MailUser,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    subjects = ["Proforma invoice", "报价单 第二版", "Sample request", "Shipping schedule"]
    for n, subject in enumerate(subjects, start=1):
        dovecot.deliver(imap_user, _message(n, subject, "body text"))
    monkeypatch.setattr(folder_sync, "HEADERS_FIRST_MIN_BYTES", 0)
    monkeypatch.setattr(folder_sync, "HEADER_CHILD_BATCH_COUNT", 3)
    monkeypatch.setattr(header_child, "MIN_MESSAGES", 1)
    sent: list[int] = []
    real_submit = HeaderParser.submit
    monkeypatch.setattr(HeaderParser, "submit",
                        lambda self, blocks: sent.append(len(blocks)) or real_submit(self, blocks))
    assert add_account(cli, dovecot, imap_user).code == 0
    result = cli("sync", "--json")
    assert result.code == 0, result.err
    assert result.json()["accounts"][0]["added"] == 4
    assert sent == [3, 1]  # both listing batches went to the child
    listing = cli("ls", "INBOX", "--json").json()["messages"]
    shown = {m["subject"]: (m["from"], m["date"]) for m in listing}
    assert sorted(shown) == sorted(subjects)
    for n, subject in enumerate(subjects, start=1):  # _message: Supplier n, 0n Nov 2026 10:00
        assert shown[subject] == ({"name": f"Supplier {n}", "email": f"s{n}@supplier.example"},
                                  f"2026-11-0{n}T10:00:00+00:00")
