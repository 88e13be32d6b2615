"""One customer's history: threads, quotes, meetings, key dates, open quotes.

`customer_view(store, customer_id) -> CustomerView`: every cached message of the customer
(`customer_messages`, from `build`) grouped by thread, newest first; its quotes
(`client.quotes` records whose buyer address is one of the customer's); its meetings
(calendar entries whose organizer or attendees name one of its addresses); the first
contact, the last inbound and last outbound dates (UTC epochs); open quotes (draft, sent,
answered). Read-only; caller's Store and thread; `CustomerError` for an unknown id.
A few queries whatever the size (benchmark: tests/benchmarks/bench_customer_view.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from client.customers.records import Customer, get_customer
from client.store.db import Store

OPEN_QUOTE_STATES = ("draft", "sent", "answered")


@dataclass(frozen=True, slots=True)
class ThreadLine:
    thread_id: int | None
    subject: str
    messages: int
    inbound: int
    last_date: float | None
    last_row: int

    def as_json(self) -> dict[str, object]:
        return {"thread_id": self.thread_id, "subject": self.subject,
                "messages": self.messages, "inbound": self.inbound,
                "last_date": self.last_date, "last_message": self.last_row}


@dataclass(frozen=True, slots=True)
class QuoteLine:
    number: str
    state: str
    currency: str
    total: str
    quote_date: str

    def as_json(self) -> dict[str, object]:
        return {"number": self.number, "state": self.state, "currency": self.currency,
                "total": self.total, "quote_date": self.quote_date}


@dataclass(frozen=True, slots=True)
class MeetingLine:
    uid: str
    summary: str
    start_utc: str

    def as_json(self) -> dict[str, object]:
        return {"uid": self.uid, "summary": self.summary, "start_utc": self.start_utc}


@dataclass(frozen=True, slots=True)
class CustomerView:
    customer: Customer
    threads: tuple[ThreadLine, ...]
    quotes: tuple[QuoteLine, ...]
    meetings: tuple[MeetingLine, ...]
    messages: int
    first_contact: float | None
    last_inbound: float | None
    last_outbound: float | None

    @property
    def open_quotes(self) -> tuple[QuoteLine, ...]:
        return tuple(q for q in self.quotes if q.state in OPEN_QUOTE_STATES)

    def as_json(self) -> dict[str, object]:
        return {**self.customer.as_json(), "messages": self.messages,
                "first_contact": self.first_contact, "last_inbound": self.last_inbound,
                "last_outbound": self.last_outbound,
                "threads": [t.as_json() for t in self.threads],
                "quotes": [q.as_json() for q in self.quotes],
                "open_quotes": [q.number for q in self.open_quotes],
                "meetings": [m.as_json() for m in self.meetings]}


def customer_view(store: Store, customer_id: int) -> CustomerView:
    """See the module."""
    customer = get_customer(store, customer_id)
    conn = store.conn
    stats = conn.execute(
        "SELECT COUNT(*), MIN(m.date_utc),"
        " MAX(CASE WHEN c.direction = 'in' THEN m.date_utc END),"
        " MAX(CASE WHEN c.direction = 'out' THEN m.date_utc END)"
        " FROM customer_messages c JOIN messages m ON m.id = c.message_row"
        " WHERE c.customer_id = ? AND m.deleted = 0", (customer.id,)).fetchone()
    threads = conn.execute(
        "SELECT m.thread_id, COUNT(*), SUM(c.direction = 'in'), MAX(m.date_utc), MAX(m.id)"
        " FROM customer_messages c JOIN messages m ON m.id = c.message_row"
        " WHERE c.customer_id = ? AND m.deleted = 0"
        " GROUP BY COALESCE(m.thread_id, -m.id) ORDER BY MAX(m.date_utc) DESC",
        (customer.id,)).fetchall()
    subjects = {}
    if threads:
        ids = [int(t[4]) for t in threads]
        marks = ",".join("?" for _ in ids)
        subjects = dict(conn.execute(
            f"SELECT id, subject FROM messages WHERE id IN ({marks})", ids).fetchall())
    thread_lines = tuple(
        ThreadLine(None if t[0] is None else int(t[0]), str(subjects.get(int(t[4]), "")),
                   int(t[1]), int(t[2] or 0), None if t[3] is None else float(t[3]), int(t[4]))
        for t in threads)
    addresses = list(customer.addresses)
    quotes: list[QuoteLine] = []
    meetings: list[MeetingLine] = []
    if addresses:
        marks = ",".join("?" for _ in addresses)
        quotes = [QuoteLine(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]))
                  for r in conn.execute(
                      f"SELECT number, state, currency, total, quote_date FROM quotes"
                      f" WHERE lower(buyer_email) IN ({marks}) ORDER BY quote_date DESC, id DESC",
                      addresses)]
        needles = " OR ".join("instr(lower(CAST(ical AS TEXT)), ?) > 0" for _ in addresses)
        meetings = [MeetingLine(str(r[0]), str(r[1]), str(r[2])) for r in conn.execute(
            f"SELECT uid, summary, start_utc FROM calendar_events WHERE status != 'DELETED'"
            f" AND (lower(organizer) IN ({marks}) OR {needles}) ORDER BY start_utc DESC",
            [*addresses, *(f"mailto:{a}" for a in addresses)])]
    return CustomerView(
        customer, thread_lines, tuple(quotes), tuple(meetings), int(stats[0] or 0),
        None if stats[1] is None else float(stats[1]),
        None if stats[2] is None else float(stats[2]),
        None if stats[3] is None else float(stats[3]))
