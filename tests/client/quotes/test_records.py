"""Quote records: storing, listing, marking, state changes from the cache, due reminders."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from client.quotes import records
from client.quotes.records import NewQuote, QuoteNotFound, QuoteRecordError, make_line
from client.smtp.outbox import Outbox
from client.store.db import Store

D = Decimal


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tw.db")


def _quote(store: Store, number: str, **fields: object) -> records.QuoteRecord:
    base: dict[str, object] = dict(
        number=number, rep="Anna@company.example", currency="EUR",
        items=(make_line("Ball valve", D(1000), D("12.345"), "EUR", sku="NB-V100", unit="pcs"),
               make_line("Gasket", D(3), D("0.335"), "EUR")),
        quote_date=date(2026, 12, 2), buyer_email="Buyer@importer.example", lang="de_DE",
        incoterm="FOB", place="Ningbo", valid_until=date(2026, 12, 31))
    base.update(fields)
    return records.record_quote(store, NewQuote(**base))  # type: ignore[arg-type]


def test_a_recorded_quote_keeps_exact_amounts(store: Store) -> None:
    rec = _quote(store, "Q-2026-0001")
    assert rec.state == "draft" and rec.rep == "anna@company.example"
    assert [i.line_total for i in rec.items] == [D("12345.00"), D("1.01")]
    assert rec.total == D("12346.01")
    doc = rec.as_json()
    assert doc["total"] == "12346.01" and doc["total_formatted"] == "12.346,01\u00a0€"
    assert doc["items"][0] == {"sku": "NB-V100", "product": "Ball valve", "specification": "",
                               "quantity": "1000", "unit": "pcs", "unit_price": "12.345",
                               "line_total": "12345.00"}
    assert doc["valid_until"] == "2026-12-31" and doc["buyer"]["email"] == "buyer@importer.example"


def test_list_filter_mark_and_errors(store: Store) -> None:
    _quote(store, "Q-2026-0001")
    _quote(store, "Q-2026-0002")
    assert [q.number for q in records.list_quotes(store)] == ["Q-2026-0002", "Q-2026-0001"]
    assert records.mark(store, "Q-2026-0001", "won").state == "won"
    assert [q.number for q in records.list_quotes(store, ["won"])] == ["Q-2026-0001"]
    with pytest.raises(QuoteRecordError):
        records.mark(store, "Q-2026-0002", "answered")
    with pytest.raises(QuoteRecordError):
        records.list_quotes(store, ["pending"])
    with pytest.raises(QuoteNotFound):
        records.mark(store, "Q-1999-0001", "lost")
    with pytest.raises(QuoteRecordError):
        _quote(store, "Q-2026-0003", items=())


def test_sent_when_the_outbox_sends_and_expired_after_validity(store: Store) -> None:
    account = store.add_account("anna@company.example")
    box = Outbox(store)
    outbox_id = box.enqueue(account.id, b"Subject: q\r\n\r\nx\r\n", message_id="q1@company.example",
                            sender="anna@company.example", recipients=["buyer@importer.example"],
                            subject="Quotation", reply_to_row=None, forward_of_row=None)
    _quote(store, "Q-2026-0001", outbox_id=outbox_id, message_id="q1@company.example",
           account_id=account.id)
    assert records.refresh_states(store) == []  # still queued
    claim = box.claim(box.get(outbox_id))
    assert claim is not None
    box.hand_over(claim)
    box.mark_sent(claim)
    assert records.refresh_states(store) == [("Q-2026-0001", "sent")]
    assert records.refresh_states(store) == []  # idempotent
    rec = records.get_quote(store, "Q-2026-0001")
    assert rec.state == "sent" and rec.sent_at is not None
    after = datetime(2027, 1, 1, 12).timestamp()
    assert records.refresh_states(store, after) == [("Q-2026-0001", "expired")]


def test_due_reminders(store: Store) -> None:
    now = datetime(2026, 12, 20, 9).timestamp()
    for number, valid, sent_days_ago, state in (
            ("Q-1", date(2026, 12, 22), 1, "sent"),      # expires in 2 days
            ("Q-2", date(2027, 2, 1), 10, "sent"),       # sent 10 days ago, no answer
            ("Q-3", date(2027, 2, 1), 10, "answered"),   # answered: no follow-up
            ("Q-4", date(2027, 2, 1), 2, "sent"),        # too recent
            ("Q-5", date(2026, 12, 21), 30, "won")):     # closed
        _quote(store, number, valid_until=valid)
        with store.transaction() as conn:
            conn.execute("UPDATE quotes SET state = ?, sent_at = ? WHERE number = ?",
                         (state, now - sent_days_ago * 86400, number))
    due = records.due_reminders(store, now, days_before=3, days_unanswered=7)
    assert [(r.quote.number, r.reason) for r in due] == [("Q-1", "expires-soon"),
                                                          ("Q-2", "unanswered")]
    assert records.due_reminders(store, now, days_before=0, days_unanswered=30) == []


def test_answered_only_by_someone_else_referring_to_the_quote(store: Store) -> None:
    from client.compose.identities import add_identity
    from client.store.records import FolderRecord, IncomingMessage

    account = store.add_account("rep@example.test")
    add_identity(store, account.id, "anna@company.example", "Anna")
    inbox = store.upsert_folder(account.id, FolderRecord("INBOX", "/", "inbox"))
    _quote(store, "Q-2026-0001", message_id="q1@company.example", account_id=account.id)
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET state = 'sent', sent_at = 1")

    def mail(uid: int, sender: str, refs: str) -> IncomingMessage:
        raw = (f"From: {sender}\r\nTo: anna@company.example\r\nSubject: Re: Quotation\r\n"
               f"Message-ID: <m{uid}@x.example>\r\n{refs}Date: Wed, 02 Dec 2026 09:00:00 +0000"
               f"\r\n\r\nok\r\n").encode()
        return IncomingMessage(uid=uid, raw=raw, internaldate=datetime(2026, 12, 2))

    store.insert_messages(inbox.id, [
        mail(1, "anna@company.example", "In-Reply-To: <q1@company.example>\r\n"),  # own copy
        mail(2, "buyer@importer.example", "References: <other@company.example>\r\n"),
    ], 2)
    assert records.refresh_states(store) == []
    store.insert_messages(inbox.id, [
        mail(3, "Buyer <BUYER@importer.example>",
             "References: <inq@importer.example> <q1@company.example>\r\n")], 3)
    assert records.refresh_states(store) == [("Q-2026-0001", "answered")]
    assert records.get_quote(store, "Q-2026-0001").answered_at is not None
