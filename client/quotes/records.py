"""Quote records in the cache: what was offered to whom, and where it stands.

States: `draft` (recorded, reply saved as a draft or queued), `sent` (the outbox handed the
mail to the server), `answered` (a message in its thread arrived from someone else after the
send), `won` / `lost` (the rep says so), `expired` (valid-until passed while sent/answered).
`refresh_states(store, now)` moves quotes along from what the cache shows and is idempotent;
`tradewind sync` and the CLI call it, the app's after-sync step may too. `due_reminders` is the
query the quotes view and reminders will use. Amounts are decimal TEXT in the table and
`Decimal` here. Caller's thread and Store.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from client import money
from client.i18n import _
from client.store.db import Store

STATES = ("draft", "sent", "answered", "won", "lost", "expired")
CLOSED = ("won", "lost", "expired")
MAX_ITEMS = 5000


class QuoteRecordError(ValueError):
    """A quote that cannot be recorded or changed; `str()` says why."""


class QuoteNotFound(LookupError):
    """No quote with this number."""


@dataclass(frozen=True)
class QuoteLine:
    product: str
    quantity: Decimal
    unit_price: Decimal
    line_total: Decimal
    specification: str = ""
    unit: str = ""
    sku: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "product": self.product, "specification": self.specification,
                "quantity": format(self.quantity, "f"), "unit": self.unit,
                "unit_price": format(self.unit_price, "f"),
                "line_total": format(self.line_total, "f")}


def make_line(product: str, quantity: Decimal, unit_price: Decimal, currency: str, *,
              specification: str = "", unit: str = "", sku: str = "") -> QuoteLine:
    """A line whose total is quantity × unit price rounded half-up to the currency."""
    return QuoteLine(product, quantity, unit_price,
                     money.line_total(quantity, unit_price, currency), specification, unit, sku)


@dataclass(frozen=True)
class QuoteRecord:
    id: int
    number: str
    account_id: int | None
    rep: str
    buyer_name: str
    buyer_email: str
    buyer_address: str
    currency: str
    total: Decimal
    incoterm: str
    place: str
    payment_terms: str
    lead_time: str
    lang: str
    quote_date: date
    valid_until: date | None
    inquiry_row: int | None
    inquiry_message_id: str | None
    thread_id: int | None
    draft_id: int | None
    outbox_id: int | None
    message_id: str | None
    state: str
    created: float
    sent_at: float | None
    answered_at: float | None
    items: tuple[QuoteLine, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "state": self.state, "rep": self.rep,
            "buyer": {"name": self.buyer_name, "email": self.buyer_email,
                      "address": self.buyer_address},
            "currency": self.currency, "total": money.plain(self.total, self.currency),
            "total_formatted": money.format_money(self.total, self.currency, self.lang),
            "incoterm": self.incoterm, "place": self.place, "payment_terms": self.payment_terms,
            "lead_time": self.lead_time, "lang": self.lang,
            "date": self.quote_date.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "inquiry_row": self.inquiry_row, "thread_id": self.thread_id,
            "draft_id": self.draft_id, "outbox_id": self.outbox_id,
            "message_id": self.message_id, "sent_at": self.sent_at,
            "answered_at": self.answered_at, "items": [i.as_json() for i in self.items],
        }


@dataclass(frozen=True)
class NewQuote:
    """What `record_quote` stores (the number was handed out by `numbering.next_number`)."""

    number: str
    rep: str
    currency: str
    items: tuple[QuoteLine, ...]
    quote_date: date
    account_id: int | None = None
    buyer_name: str = ""
    buyer_email: str = ""
    buyer_address: str = ""
    incoterm: str = ""
    place: str = ""
    payment_terms: str = ""
    lead_time: str = ""
    lang: str = "en"
    valid_until: date | None = None
    inquiry_row: int | None = None
    inquiry_message_id: str | None = None
    thread_id: int | None = None
    draft_id: int | None = None
    outbox_id: int | None = None
    message_id: str | None = None

    @property
    def total(self) -> Decimal:
        return money.total_of((i.line_total for i in self.items), self.currency)


_COLUMNS = ("id, number, account_id, rep, buyer_name, buyer_email, buyer_address, currency,"
            " total, incoterm, place, payment_terms, lead_time, lang, quote_date, valid_until,"
            " inquiry_row, inquiry_message_id, thread_id, draft_id, outbox_id, message_id,"
            " state, created, sent_at, answered_at")


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _record(store: Store, row: Sequence[Any]) -> QuoteRecord:
    items = tuple(
        QuoteLine(product=str(r[1]), quantity=Decimal(r[3]), unit_price=Decimal(r[5]),
                  line_total=Decimal(r[6]), specification=str(r[2]), unit=str(r[4]),
                  sku=str(r[0]))
        for r in store.conn.execute(
            "SELECT sku, product, specification, quantity, unit, unit_price, line_total"
            " FROM quote_items WHERE quote_id = ? ORDER BY position", (row[0],)))
    return QuoteRecord(
        id=int(row[0]), number=str(row[1]), account_id=_opt_int(row[2]), rep=str(row[3]),
        buyer_name=str(row[4]), buyer_email=str(row[5]), buyer_address=str(row[6]),
        currency=str(row[7]), total=Decimal(row[8]), incoterm=str(row[9]), place=str(row[10]),
        payment_terms=str(row[11]), lead_time=str(row[12]), lang=str(row[13]),
        quote_date=date.fromisoformat(row[14]),
        valid_until=date.fromisoformat(row[15]) if row[15] else None,
        inquiry_row=_opt_int(row[16]), inquiry_message_id=row[17], thread_id=_opt_int(row[18]),
        draft_id=_opt_int(row[19]), outbox_id=_opt_int(row[20]), message_id=row[21],
        state=str(row[22]), created=float(row[23]),
        sent_at=None if row[24] is None else float(row[24]),
        answered_at=None if row[25] is None else float(row[25]), items=items)


def record_quote(store: Store, quote: NewQuote) -> QuoteRecord:
    """Store a quote and its lines (state `draft`) in one durable transaction."""
    if not quote.items:
        raise QuoteRecordError(_("A quote needs at least one item."))
    if len(quote.items) > MAX_ITEMS:
        raise QuoteRecordError(_("A quote holds at most {count} items.", count=MAX_ITEMS))
    currency = money.currency_code(quote.currency)
    with store.transaction(durable=True) as conn:
        cur = conn.execute(
            "INSERT INTO quotes (number, account_id, rep, buyer_name, buyer_email, buyer_address,"
            " currency, total, incoterm, place, payment_terms, lead_time, lang, quote_date,"
            " valid_until, inquiry_row, inquiry_message_id, thread_id, draft_id, outbox_id,"
            " message_id, state, created) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?)",
            (quote.number, quote.account_id, quote.rep.lower(), quote.buyer_name,
             quote.buyer_email.lower(), quote.buyer_address, currency,
             money.plain(quote.total, currency), quote.incoterm, quote.place,
             quote.payment_terms, quote.lead_time, quote.lang, quote.quote_date.isoformat(),
             quote.valid_until.isoformat() if quote.valid_until else None, quote.inquiry_row,
             quote.inquiry_message_id, quote.thread_id, quote.draft_id, quote.outbox_id,
             quote.message_id, time.time()))
        quote_id = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT INTO quote_items (quote_id, position, sku, product, specification, quantity,"
            " unit, unit_price, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(quote_id, n, i.sku, i.product, i.specification, format(i.quantity, "f"), i.unit,
              format(i.unit_price, "f"), format(i.line_total, "f"))
             for n, i in enumerate(quote.items, start=1)])
    return get_quote(store, quote.number)


def get_quote(store: Store, number: str) -> QuoteRecord:
    """The quote with this number; raises `QuoteNotFound`."""
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM quotes WHERE number = ?",
                             (number.strip(),)).fetchone()
    if row is None:
        raise QuoteNotFound(_("There is no quote {number} (see `tradewind quotes`).",
                              number=repr(number.strip())))
    return _record(store, row)


def list_quotes(store: Store, states: Sequence[str] = ()) -> list[QuoteRecord]:
    """Quotes, newest first, optionally only those in `states`."""
    for state in states:
        if state not in STATES:
            raise QuoteRecordError(_("{state} is not a quote state ({states}).",
                                     state=repr(state), states=", ".join(STATES)))
    where = f" WHERE state IN ({', '.join('?' * len(states))})" if states else ""
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM quotes{where} ORDER BY id DESC",
                              tuple(states)).fetchall()
    return [_record(store, r) for r in rows]


def set_links(store: Store, number: str, *, draft_id: int | None = None,
              outbox_id: int | None = None, message_id: str | None = None) -> None:
    """Remember the draft / outbox item / Message-ID of the quote mail."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE quotes SET draft_id = COALESCE(?, draft_id), outbox_id = COALESCE(?,"
            " outbox_id), message_id = COALESCE(?, message_id) WHERE number = ?",
            (draft_id, outbox_id, message_id, number))


def mark(store: Store, number: str, state: str, now: float | None = None) -> QuoteRecord:
    """The rep closes a quote as `won` or `lost` (also after it expired). Idempotent."""
    if state not in ("won", "lost"):
        raise QuoteRecordError(_("A quote can be marked won or lost, not {state}.",
                                 state=repr(state)))
    get_quote(store, number)
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET state = ?, closed_at = ? WHERE number = ?",
                     (state, now or time.time(), number.strip()))
    return get_quote(store, number)


def _own_addresses(store: Store) -> set[str]:
    rows = store.conn.execute("SELECT email FROM accounts UNION SELECT email FROM identities")
    return {str(r[0]).lower() for r in rows}


def refresh_states(store: Store, now: float | None = None) -> list[tuple[str, str]]:
    """Move quotes along from what the cache shows; returns `(number, new_state)` changes.

    - `draft` → `sent`: its outbox item (or, for a reply kept as a draft and sent later, an
      outbox item replying to the same inquiry whose mail names the quote number) is sent or
      filed, or the quote mail's Message-ID is in a cached folder;
    - `sent` → `answered`: a cached message that refers to the quote mail's Message-ID
      (References / In-Reply-To) from an address that is not the rep's own (its Date is not
      compared with the send: the buyer's clock may be wrong, and the reference proves it
      came later);
    - `sent`/`answered` → `expired`: the day after valid-until has begun (local date of `now`).
    Idempotent; one transaction.
    """
    moment = time.time() if now is None else now
    changes: list[tuple[str, str]] = []
    own = _own_addresses(store)
    with store.transaction() as conn:
        drafts = conn.execute(
            "SELECT id, number, outbox_id, message_id, inquiry_row, created FROM quotes"
            " WHERE state = 'draft'").fetchall()
        for qid, number, outbox_id, message_id, inquiry_row, created in drafts:
            found = _sent_mail(conn, outbox_id, message_id, inquiry_row, float(created), number)
            if found is not None:
                mid, sent_at = found
                conn.execute("UPDATE quotes SET state = 'sent', message_id = ?, sent_at = ?"
                             " WHERE id = ?", (mid, sent_at, qid))
                changes.append((str(number), "sent"))
        sent = conn.execute("SELECT id, number, message_id FROM quotes"
                            " WHERE state = 'sent' AND message_id IS NOT NULL").fetchall()
        for qid, number, message_id in sent:
            answers = conn.execute(
                "SELECT m.from_email, m.sort_date FROM message_refs r JOIN messages m"
                " ON m.id = r.message_id WHERE r.ref = ? AND m.deleted = 0",
                (message_id,)).fetchall()
            # a message that names the quote mail was written after it, whatever its Date says
            times = [float(d) if d is not None else moment for who, d in answers
                     if str(who or "").lower() not in own]
            if times:
                conn.execute("UPDATE quotes SET state = 'answered', answered_at = ? WHERE id = ?",
                             (max(times), qid))
                changes.append((str(number), "answered"))
        today = datetime.fromtimestamp(moment).date().isoformat()
        expired = conn.execute(
            "SELECT id, number FROM quotes WHERE state IN ('sent', 'answered')"
            " AND valid_until IS NOT NULL AND valid_until < ?", (today,)).fetchall()
        for qid, number in expired:
            conn.execute("UPDATE quotes SET state = 'expired', closed_at = ? WHERE id = ?",
                         (moment, qid))
            changes.append((str(number), "expired"))
    return changes


def _sent_mail(conn: Any, outbox_id: int | None, message_id: str | None,
               inquiry_row: int | None, created: float,
               number: str) -> tuple[str, float] | None:
    """(Message-ID, sent time) of the quote's mail once it left, else None."""
    if outbox_id is not None:
        row = conn.execute("SELECT message_id, state, sent_at FROM outbox WHERE id = ?",
                           (outbox_id,)).fetchone()
        if row is not None and row[1] in ("sent", "filed"):
            return str(row[0]), float(row[2] or time.time())
    if message_id:
        row = conn.execute("SELECT message_id, state, sent_at FROM outbox WHERE message_id = ?"
                           " AND state IN ('sent', 'filed')", (message_id,)).fetchone()
        if row is not None:
            return str(row[0]), float(row[2] or time.time())
        row = conn.execute("SELECT sort_date FROM messages WHERE message_id = ? LIMIT 1",
                           (message_id,)).fetchone()
        if row is not None and outbox_id is None:
            return message_id, float(row[0] or time.time())
    if inquiry_row is not None:
        # the reply was kept as a draft and sent later: the draft got a new Message-ID
        for mid, raw, sent_at in conn.execute(
                "SELECT message_id, raw, sent_at FROM outbox WHERE reply_to_row = ?"
                " AND state IN ('sent', 'filed') AND created >= ?", (inquiry_row, created)):
            if number.encode() in bytes(raw):
                return str(mid), float(sent_at or time.time())
    return None


@dataclass(frozen=True)
class Reminder:
    quote: QuoteRecord
    reason: str  # "expires-soon" | "unanswered"
    due: float


def due_reminders(store: Store, now: float, days_before: int,
                  days_unanswered: int) -> list[Reminder]:
    """Quotes the rep should follow up: `expires-soon` (sent or answered, valid-until within
    `days_before` days from the local date of `now`) and `unanswered` (sent at least
    `days_unanswered` days ago and not answered). A quote due for both is listed once, as
    `expires-soon`. Oldest first."""
    today = datetime.fromtimestamp(now).date()
    horizon = (today + timedelta(days=days_before)).isoformat()
    out: dict[str, Reminder] = {}
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM quotes WHERE state IN ('sent', 'answered')"
        " AND valid_until IS NOT NULL AND valid_until >= ? AND valid_until <= ? ORDER BY id",
        (today.isoformat(), horizon)).fetchall()
    for row in rows:
        rec = _record(store, row)
        out[rec.number] = Reminder(rec, "expires-soon", now)
    limit = now - days_unanswered * 86400
    for row in store.conn.execute(
            f"SELECT {_COLUMNS} FROM quotes WHERE state = 'sent' AND sent_at IS NOT NULL"
            " AND sent_at <= ? ORDER BY id", (limit,)).fetchall():
        rec = _record(store, row)
        out.setdefault(rec.number, Reminder(rec, "unanswered", now))
    return sorted(out.values(), key=lambda r: r.quote.id)


def items_json(items: Sequence[QuoteLine]) -> str:
    """The lines as JSON text (for logs and exports)."""
    return json.dumps([i.as_json() for i in items], ensure_ascii=False)
