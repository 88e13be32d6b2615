"""A reply goes to the real sender address, never to one inside a quoted name or a comment,
and what the composer shows parses back to exactly that address (checklist I1, I2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.compose.actions import reply_fields
from client.compose.headers import parse_recipients
from client.compose.identities import add_identity
from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

SPOOFS = [
    (b'"Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>',
     "billing@kunde-invoices.example"),
    (b"(CEO <ceo@yourco.com>) x@evil.example", "x@evil.example"),
]


def _cached(tmp_path: Path, sender: bytes) -> tuple[Store, int]:
    store = Store.open(tmp_path / "tw.db")
    account = store.add_account("rep@tradewind.example")
    add_identity(store, account.id, "rep@tradewind.example", "Rep", default=True)
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", role="inbox"))
    raw = (b"From: " + sender + b"\r\nTo: rep@tradewind.example\r\nSubject: Invoice\r\n"
           b"Message-ID: <s@x.example>\r\n\r\nPay now.\r\n")
    store.insert_messages(inbox.id, [IncomingMessage(uid=1, raw=raw)], watermark_uid=1)
    [row] = store.list_messages(inbox.id, limit=1)
    return store, row.id


@pytest.mark.parametrize(("sender", "real"), SPOOFS, ids=["quoted-name", "comment"])
def test_reply_goes_to_the_real_sender(tmp_path: Path, sender: bytes, real: str) -> None:
    store, row = _cached(tmp_path, sender)
    try:
        for reply_all in (False, True):
            fields = reply_fields(store, row, reply_all=reply_all)
            assert [r.email for r in parse_recipients(fields.to)] == [real]
            assert "ceo@yourco.com" not in fields.to
    finally:
        store.close()


def test_the_quote_line_keeps_a_name_holding_an_address_quoted(tmp_path: Path) -> None:
    # "On …, Anna Huber <anna.huber@kunde.example> <billing@…> wrote:" reads as if Anna's real
    # address had written it; quoted, the line says what the From header says
    store, row = _cached(tmp_path, SPOOFS[0][0])
    try:
        fields = reply_fields(store, row)
        first_line = fields.quote_text.splitlines()[0]
        assert '"Anna Huber <anna.huber@kunde.example>" <billing@kunde-invoices.example>' in first_line
        assert '"Anna Huber &lt;anna.huber@kunde.example&gt;" &lt;billing@kunde-invoices.example&gt;' \
            in fields.quote_html.replace("&quot;", '"')
    finally:
        store.close()
