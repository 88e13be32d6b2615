"""`tradewind show` reads each HTML part to text alone, in message order (EFAIL, checklist H6):
an ``<img src='…?`` left open in one part must not swallow the next part's text."""

from __future__ import annotations

from collections.abc import Callable

from client.profile.config import Profile
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage
from tests.client.cli.fixtures import CliResult
from tests.client.compose.test_reply_parts import SECRET, three_parts

Cli = Callable[..., CliResult]


def _cached(raw: bytes) -> int:
    store = Store.open(Profile.resolve().database)
    account = store.add_account("mei.lin@harbor-lighting.example")
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], watermark_uid=1)
    [row] = store.list_messages(inbox.id, limit=1)
    store.close()
    return row.id


def test_show_keeps_every_html_part_in_order(cli: Cli) -> None:
    raw = three_parts("http://127.0.0.1:9").replace(
        b"<img src='", b"<p>Dear Mei,</p><img src='").replace(b"'>\r\n", b"'><p>Regards</p>\r\n")
    message = _cached(raw)
    document = cli("show", str(message), "--json").json()
    text = document["text"]
    assert document["text_source"] == "html"
    assert text.index("Dear Mei,") < text.index(SECRET) < text.index("Regards")
    shown = cli("show", str(message))
    assert shown.code == 0 and SECRET in shown.out
