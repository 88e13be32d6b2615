"""Demo quotes: one quote record in each state worth showing in the quotes view.

``install_demo_quotes(store, account_id, today)`` records seven quotes answering demo inquiries
(a draft, one sent a week ago, one sent and expiring in two days, one the buyer answered, one
won, one lost, one expired), priced from the demo price list, unless the profile already has
quotes. States are written as the app would have reached them (sent/answered times, closing
marks), consistent with ``records.refresh_states`` (nothing moves on its own except by date).
Store's thread; idempotent.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from datetime import time as day_time
from decimal import Decimal

from client.quotes import numbering, records
from client.quotes.company_products import catalog
from client.store.db import Store

#: (subject of the inquiry, state, days since quoted, days valid, lines "SKU;QTY", currency,
#: Incoterm, place, language)
DEMO_QUOTES = (
    ("RFQ - LED high bay 150W IP65 - 5,000 pcs", "draft", 0, 30, ("HL-HB-150;5000",),
     "USD", "FOB", "Ningbo", "en"),
    ("Price request for LED street light 120W", "sent", 7, 30, ("HL-SL-120;800",),
     "EUR", "CIF", "Gothenburg", "en"),
    ("Quotation needed: T8 LED tube 18W 1200mm", "sent", 28, 30,
     ("LED-TUBE-T8;10000", "DRV-40W;500"), "USD", "FOB", "Ningbo", "en"),
    ("Angebotsanfrage: LED-Downlight 9 W CRI>90, 1,000 Stück", "answered", 5, 30,
     ("HL-DL-9;1000",), "EUR", "DAP", "Innsbruck", "de"),
    ("RFQ - emergency bulkhead light 12W - 200 pcs", "won", 20, 30, ("HL-BL-12;500",),
     "USD", "CFR", "Tema", "en"),
    ("Consulta de precio - panel LED 600x600 40 W", "lost", 25, 30, ("LED-PNL-60;600",),
     "USD", "FOB", "Ningbo", "es"),
    ("Consulta de precio - campana LED 150 W IP65", "expired", 45, 30, ("HL-HB-150;300",),
     "USD", "EXW", "Ningbo", "es"),
)


def _stamp(day: date) -> float:
    return datetime.combine(day, day_time(10, 0)).timestamp()


def install_demo_quotes(store: Store, account_id: int, today: date | None = None) -> int:
    """Record the demo quotes (see the module docstring); returns how many were added."""
    if records.list_quotes(store):
        return 0
    today = today or date.today()
    account = store.account(account_id)
    rep = account.email if account is not None else "demo@example.com"
    products = catalog(store)
    added = 0
    for subject, state, age, valid, lines, currency, incoterm, place, lang in DEMO_QUOTES:
        row = store.conn.execute(
            "SELECT id, from_name, from_email, message_id, thread_id FROM messages"
            " WHERE subject = ? AND account_id = ? ORDER BY id LIMIT 1",
            (subject, account_id)).fetchone()
        if row is None:
            continue
        quoted = today - timedelta(days=age)
        items = []
        for line in lines:
            sku, qty = line.split(";")
            product = products.get(sku.casefold())
            if product is None or currency not in product.prices:
                break
            items.append(records.make_line(
                product.name_for(lang), Decimal(qty), product.prices[currency], currency,
                specification=product.specification, unit=product.unit, sku=product.sku))
        else:
            number = numbering.next_number(store, rep, quoted)
            record = records.record_quote(store, records.NewQuote(
                number=number, rep=rep, currency=currency, items=tuple(items),
                quote_date=quoted, account_id=account_id, buyer_name=str(row[1] or ""),
                buyer_email=str(row[2] or ""), incoterm=incoterm, place=place,
                payment_terms="30% T/T in advance, 70% against B/L copy",
                lead_time=products[lines[0].split(";")[0].casefold()].lead_time, lang=lang,
                valid_until=quoted + timedelta(days=valid), inquiry_row=int(row[0]),
                inquiry_message_id=row[3], thread_id=row[4],
                message_id=None if state == "draft" else f"demo-{number}@tradewind.example"))
            _set_state(store, record.number, state, quoted)
            added += 1
    return added


def _set_state(store: Store, number: str, state: str, quoted: date) -> None:
    if state == "draft":
        return
    sent = _stamp(quoted)
    answered = sent + 2 * 86400 if state in ("answered", "won", "lost") else None
    with store.transaction() as conn:
        conn.execute("UPDATE quotes SET state = ?, sent_at = ?, answered_at = ? WHERE number = ?",
                     ("sent" if state in ("won", "lost") else state, sent, answered, number))
    if state in ("won", "lost"):
        records.mark(store, number, state, now=min(time.time(), sent + 5 * 86400))
