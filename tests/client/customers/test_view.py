"""A customer's view: threads, quotes, meetings, key dates, open quotes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal as D  # noqa: N817 - short in the money tables

from client.calendar.calendar_store import CalendarStore
from client.customers.build import build_customers
from client.customers.records import customer_of_address
from client.customers.view import customer_view
from client.quotes import records
from client.quotes.records import NewQuote, make_line
from client.store.db import Store
from tests.client.customers.conftest import REP

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:call-1@test.example\r
DTSTAMP:20261201T080000Z\r
DTSTART:20261210T080000Z\r
DTEND:20261210T083000Z\r
SUMMARY:Pump sizing call\r
ORGANIZER:mailto:anna@tradewind-export.example\r
ATTENDEE:mailto:Tom@Buyer.Acme.co.uk\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _quote(store: Store, number: str, buyer: str) -> None:
    records.record_quote(store, NewQuote(
        number=number, rep=REP, currency="EUR",
        items=(make_line("Pump", D(2), D("100.00"), "EUR"),), quote_date=date(2026, 12, 2),
        buyer_email=buyer, lang="en", incoterm="FOB", place="Ningbo",
        valid_until=date(2026, 12, 31)))


def test_view_gathers_threads_quotes_and_meetings(
    desk_store: Store, add_mail: Callable[..., int],
) -> None:
    add_mail("Tom <tom@buyer.acme.co.uk>", REP, "Pumps", "Mon, 30 Nov 2026 09:00:00 +0000")
    add_mail(REP, "tom@buyer.acme.co.uk", "Re: Pumps", "Tue, 01 Dec 2026 09:00:00 +0000",
             folder="Sent")
    add_mail("Sue <sue@acme.co.uk>", REP, "Valves", "Wed, 02 Dec 2026 09:00:00 +0000")
    add_mail("someone@other.example", REP, "Spam", "Wed, 02 Dec 2026 10:00:00 +0000")
    build_customers(desk_store)
    _quote(desk_store, "Q-1", "Tom@buyer.acme.co.uk")
    _quote(desk_store, "Q-2", "sue@acme.co.uk")
    records.mark(desk_store, "Q-2", "won")
    _quote(desk_store, "Q-3", "someone@other.example")
    CalendarStore(desk_store).import_ics(ICS)
    customer = customer_of_address(desk_store, "sue@acme.co.uk")
    assert customer is not None
    view = customer_view(desk_store, customer.id)
    assert view.messages == 3
    assert [(t.subject, t.messages, t.inbound) for t in view.threads] == [
        ("Valves", 1, 1), ("Re: Pumps", 2, 1)]
    assert sorted(q.number for q in view.quotes) == ["Q-1", "Q-2"]
    assert [q.number for q in view.open_quotes] == ["Q-1"]
    assert [m.summary for m in view.meetings] == ["Pump sizing call"]
    assert view.first_contact is not None and view.last_outbound is not None
    assert view.first_contact < view.last_outbound < (view.last_inbound or 0)
