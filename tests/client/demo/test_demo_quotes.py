"""The demo profile shows the quotes feature: the company price list and company templates
signed into the demo policy, and (for the app's --demo) a quote in each state, which the
state refresh leaves as they are."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from client.demo import build_demo_profile
from client.quotes import records
from client.quotes.company_products import company_price_list, listed_products
from client.store.db import Store
from client.templates import load_library

ANCHOR = date(2026, 11, 27)


def test_the_demo_has_a_company_price_list_and_company_templates(tmp_path: Path) -> None:
    profile = tmp_path / "demo"
    build_demo_profile(profile, anchor=ANCHOR)
    with Store.open(profile / "tradewind.db") as store:
        company = company_price_list(store)
        listed = {(li.product.sku, li.source, li.overridden) for li in listed_products(store)}
        library = load_library(profile, store=store)
        assert records.list_quotes(store) == []  # quotes only when asked for
    assert company.file == "products.csv" and company.problem is None
    assert ("HL-HB-150", "company", False) in listed
    assert ("LED-PNL-60", "company", False) in listed and ("LED-PNL-60", "personal", True) in listed
    faq = library.variants("faq-moq")
    assert sorted(faq) == ["en", "zh"] and {v.origin for v in faq.values()} == {"company"}


def test_the_apps_demo_has_a_quote_in_each_state(tmp_path: Path) -> None:
    profile = tmp_path / "demo"
    build_demo_profile(profile, anchor=ANCHOR, quotes=True)
    build_demo_profile(profile, anchor=ANCHOR, quotes=True)  # idempotent
    today = date.today()  # the quotes are dated from today (the view counts from now)
    now = datetime.combine(today, time(12, 0)).timestamp()
    with Store.open(profile / "tradewind.db") as store:
        assert records.refresh_states(store, now) == []  # consistent as recorded
        quotes = records.list_quotes(store)
    states = sorted(q.state for q in quotes)
    assert states == sorted(["draft", "sent", "sent", "answered", "won", "lost", "expired"])
    assert len({q.number for q in quotes}) == 7
    expiring = [q for q in quotes if q.state == "sent" and q.valid_until is not None
                and 0 <= (q.valid_until - today).days <= 3]
    assert len(expiring) == 1
    assert all(q.inquiry_row is not None and q.total > 0 for q in quotes)
