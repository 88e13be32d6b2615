"""The figures checked by hand on a small mailbox of two reps (Shanghai, CN calendar).

Period: Mon 30 Nov .. Sun 6 Dec 2026 in Asia/Shanghai. Working hours 09:00-18:00 Mon-Fri
(no Chinese holiday that week). Messages (Shanghai time):
 t1 Hans (importer.de, tag web-form) Mon 30 10:00 -> Anna Mon 30 13:00 (3.0 h) -> Hans Tue 1 09:00
 t2 Maria (compras.es, tag alibaba) Mon 30 17:00 -> Anna Tue 1 10:00 (Mon 17-18 + Tue 9-10 = 2.0 h)
 t3 Li (gmail.com, untagged) Fri 4 16:00 -> Anna Mon 7 09:30 (Fri 16-18 + Mon 9-9:30 = 2.5 h;
    the answer is after the period: it counts for the time, not as sent in the period)
 t4 Hans (web-form) Wed 2 20:00, no answer
 t5 noreply@alibaba.com Tue 1 08:00 (a notification: received, no inquiry)
 t6 Maria Sun 29 Nov 10:00 (before the period) -> Anna Mon 30 11:00 (sent in the period)
 t7 Tom (buyer.co.uk) to Bob Tue 1 09:00 -> Bob Tue 1 09:30 (0.5 h)
Quotes (Anna's): Q-0 EUR 9999 sent 25 Nov (outside); Q-1 Hans EUR 1000 sent Tue 1, won;
Q-2 Maria USD 500 sent Wed 2, lost; Q-3 Hans EUR 250 sent Thu 3, still sent.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from client.analytics.figures import compute_stats
from client.analytics.table import HEADERS, write_csv
from client.customers.build import build_customers
from client.meetings.rep_zone import set_rep_zone
from client.quotes.records import NewQuote, make_line, record_quote
from client.store.db import Store
from tests.client.followups.mailbox import REP, Mailbox

SH = ZoneInfo("Asia/Shanghai")
BOB = "bob@tradewind-export.example"
FIRST, LAST = date(2026, 11, 30), date(2026, 12, 6)


def _at(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def build_mailbox(path: Path) -> Store:
    """The mailbox of the module docstring in a new cache at `path` (also the Statistics
    window's test)."""
    store = Store.open(path)
    set_rep_zone(store, "Asia/Shanghai")
    anna, bob = Mailbox(store), Mailbox(store, BOB)
    hans, maria = "Hans <hans@importer.de>", "Maria <maria@compras.es>"
    r1, m1 = anna.mail(hans, REP, _at(30, 10, month=11), "Valves")
    anna.tag(r1, "web-form")
    _r, a1 = anna.mail(REP, "hans@importer.de", _at(30, 13, month=11), "Re: Valves", reply_to=m1)
    anna.mail(hans, REP, _at(1, 9), "Re: Re: Valves", reply_to=a1)
    r2, m2 = anna.mail(maria, REP, _at(30, 17, month=11), "Pumps")
    anna.tag(r2, "alibaba")
    anna.mail(REP, "maria@compras.es", _at(1, 10), "Re: Pumps", reply_to=m2)
    _r, m3 = anna.mail("Li <li@gmail.com>", REP, _at(4, 16), "Price?")
    anna.mail(REP, "li@gmail.com", _at(7, 9, 30), "Re: Price?", reply_to=m3)
    r4, _m = anna.mail(hans, REP, _at(2, 20), "Gaskets")
    anna.tag(r4, "web-form")
    anna.mail("Alibaba <noreply@alibaba.com>", REP, _at(1, 8), "New inquiry notice")
    _r, m6 = anna.mail(maria, REP, _at(29, 10, month=11), "Hoses")
    anna.mail(REP, "maria@compras.es", _at(30, 11, month=11), "Re: Hoses", reply_to=m6)
    _r, m7 = bob.mail("Tom <tom@buyer.co.uk>", BOB, _at(1, 9), "Fans")
    bob.mail(BOB, "tom@buyer.co.uk", _at(1, 9, 30), "Re: Fans", reply_to=m7)
    for number, buyer, cur, total, sent, state, inquiry in (
            ("Q-0", "hans@importer.de", "EUR", "9999", _at(25, 12, month=11), "won", r1),
            ("Q-1", "hans@importer.de", "EUR", "1000", _at(1, 12), "won", r1),
            ("Q-2", "maria@compras.es", "USD", "500", _at(2, 12), "lost", r2),
            ("Q-3", "hans@importer.de", "EUR", "250", _at(3, 12), "sent", r4)):
        record_quote(store, NewQuote(
            number=number, rep=REP, currency=cur, quote_date=sent.date(),
            items=(make_line("Item", Decimal(1), Decimal(total), cur),),
            account_id=anna.account.id, buyer_email=buyer, inquiry_row=inquiry))
        with store.transaction() as conn:
            conn.execute("UPDATE quotes SET state = ?, sent_at = ? WHERE number = ?",
                         (state, sent.timestamp(), number))
    build_customers(store)
    return store


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return build_mailbox(tmp_path / "tw.db")


def test_totals_and_reps(store: Store) -> None:
    stats = compute_stats(store, FIRST, LAST)
    doc = stats.as_json()
    total = doc["total"]
    # received: t1 x2, t2, t3, t4, t5 (Anna) + t7 (Bob) = 7; t6's inquiry is before the period
    # sent: t1, t2, t6 (Anna) + t7 (Bob) = 4; t3's answer is on 7 Dec
    assert (total["sent"], total["received"]) == (4, 7)
    # inquiries t1 t2 t3 t4 t7 = 5 (t5 no-reply, t6 started before); replied t1 t2 t3 t7 = 4
    assert (total["inquiries"], total["replied"], total["reply_rate"]) == (5, 4, 0.8)
    # hours [0.5, 2.0, 2.5, 3.0]: median (2.0 + 2.5) / 2 = 2.25; p90 rank ceil(3.6) = 4 -> 3.0
    assert total["first_response_hours"] == {"median": 2.25, "p90": 3.0, "count": 4}
    # sent in the period; EUR 1000 + 250 sent, 1000 won; USD 500 sent and lost
    assert total["quotes"] == {"sent": 3, "won": 1, "lost": 1, "value": {
        "EUR": {"sent": "1250.00", "won": "1000.00", "lost": "0"},
        "USD": {"sent": "500.00", "won": "0", "lost": "500.00"}}}
    reps = {r["key"]: r for r in doc["reps"]}
    assert set(reps) == {REP, BOB}
    anna, bob = reps[REP], reps[BOB]
    assert (anna["sent"], anna["received"], anna["inquiries"], anna["replied"]) == (3, 6, 4, 3)
    # Anna [2.0, 2.5, 3.0]: median 2.5, p90 rank ceil(2.7) = 3 -> 3.0
    assert anna["first_response_hours"] == {"median": 2.5, "p90": 3.0, "count": 3}
    assert (bob["sent"], bob["received"], bob["inquiries"], bob["replied"]) == (1, 1, 1, 1)
    assert bob["first_response_hours"]["median"] == 0.5 and bob["quotes"]["sent"] == 0
    assert doc["zone"] == "Asia/Shanghai" and doc["groups"] == []


def test_by_channel(store: Store) -> None:
    groups = {g["key"]: g for g in compute_stats(store, FIRST, LAST, "channel").as_json()["groups"]}
    assert set(groups) == {"web-form", "alibaba", ""}
    web, ali, none = groups["web-form"], groups["alibaba"], groups[""]
    # web-form: t1 (2 in, 1 out) + t4 (1 in); inquiries t1 t4, replied t1 (3.0 h)
    assert (web["received"], web["sent"], web["inquiries"], web["replied"]) == (3, 1, 2, 1)
    assert web["first_response_hours"]["median"] == 3.0
    assert web["quotes"]["sent"] == 2 and web["quotes"]["value"]["EUR"]["won"] == "1000.00"
    # alibaba: t2 (1 in, 1 out), 2.0 h, Q-2 lost
    assert (ali["received"], ali["sent"], ali["inquiries"], ali["replied"]) == (1, 1, 1, 1)
    assert ali["quotes"]["lost"] == 1 and ali["quotes"]["value"]["USD"]["lost"] == "500.00"
    # untagged: t3 (1 in), t5 (1 in), t6 (1 out), t7 (1 in, 1 out); inquiries t3 t7
    assert (none["received"], none["sent"], none["inquiries"], none["replied"]) == (3, 2, 2, 2)
    assert none["first_response_hours"]["median"] == 1.5  # (0.5 + 2.5) / 2
    assert none["label"] == ""


def test_by_country(store: Store) -> None:
    groups = {g["key"]: g for g in compute_stats(store, FIRST, LAST, "country").as_json()["groups"]}
    # DE: t1 + t4 (3 in, 1 out), Q-1 Q-3; ES: t2 (1 in, 1 out) + t6's answer (1 out), Q-2;
    # GB: t7; unknown (free mail, .com): t3, t5
    assert {k: (g["received"], g["sent"], g["inquiries"], g["replied"])
            for k, g in groups.items()} == {
        "DE": (3, 1, 2, 1), "ES": (1, 2, 1, 1), "GB": (1, 1, 1, 1), "": (2, 0, 1, 1)}
    assert groups["DE"]["quotes"]["sent"] == 2 and groups["ES"]["quotes"]["sent"] == 1


def test_by_customer_labels_with_names(store: Store) -> None:
    groups = compute_stats(store, FIRST, LAST, "customer").as_json()["groups"]
    by_label = {g["label"]: g for g in groups}
    assert by_label["Importer"]["received"] == 3 and by_label["Importer"]["key"].isdigit()
    assert by_label["Li"]["inquiries"] == 1


def test_csv_export(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "stats.csv"
    write_csv(compute_stats(store, FIRST, LAST, "channel"), target)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HEADERS
    total = dict(zip(HEADERS, rows[-1], strict=True))
    assert (total["dimension"], total["sent"], total["received"], total["reply_rate"],
            total["first_response_median_h"], total["first_response_p90_h"]) == (
        "total", "4", "7", "0.8000", "2.25", "3.00")
    assert total["value_sent"] == "EUR 1250.00; USD 500.00"
    assert [r[0] for r in rows[1:]] == ["rep", "rep", "channel", "channel", "channel", "total"]
    assert list(tmp_path.glob(".stats-*")) == []


def test_a_period_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        compute_stats(store, LAST, FIRST)


def test_an_empty_cache_gives_zeros(tmp_path: Path) -> None:
    doc = compute_stats(Store.open(tmp_path / "e.db"), FIRST, LAST, "channel", "UTC").as_json()
    assert doc["total"]["sent"] == 0 and doc["total"]["reply_rate"] is None
    assert doc["total"]["first_response_hours"] == {"median": None, "p90": None, "count": 0}


def test_daily_counts(store: Store) -> None:
    from client.analytics.daily import daily_counts

    days = {d.day.day: (d.sent, d.received) for d in
            daily_counts(store, FIRST, LAST, "Asia/Shanghai")}
    # Mon 30: Hans, Maria in; Anna to Hans and (t6) to Maria out; Tue 1: Hans, noreply, Tom in,
    # Anna to Maria and Bob to Tom out; Wed 2: Hans in; Fri 4: Li in
    assert days == {30: (2, 2), 1: (2, 3), 2: (0, 1), 3: (0, 0), 4: (0, 1), 5: (0, 0),
                    6: (0, 0)}


def test_csv_names_are_never_formulas(store: Store, tmp_path: Path) -> None:
    with store.transaction() as conn:  # a buyer who named their company like a formula
        conn.execute("UPDATE customers SET name = '=HYPERLINK(\"http://x.example\")'"
                     " WHERE domain = 'importer.de'")
    target = tmp_path / "c.csv"
    write_csv(compute_stats(store, FIRST, LAST, "customer"), target)
    with target.open(encoding="utf-8", newline="") as handle:
        labels = [row[2] for row in csv.reader(handle)]
    assert "'=HYPERLINK(\"http://x.example\")" in labels
    assert not any(label.startswith("=") for label in labels)
