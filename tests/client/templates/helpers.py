"""Template sources and a realistic context shared by the template tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from client.templates import Buyer, Inquiry, QuoteContext, QuoteItem, TemplateContext
from client.templates.files import parse_template_text
from client.templates.model import Variant


def variant(html: str, *, subject: str = "Offer", text: str | None = None,
            name: str = "probe", lang: str = "en") -> Variant:
    """A variant from a body; its HTML starts on file line 7."""
    source = (f'+++\nname = "{name}"\nlang = "{lang}"\ncategory = "quotation"\n'
              f'subject = "{subject}"\n+++\n{html}')
    if text is not None:
        source += f"\n+++ text\n{text}"
    return parse_template_text(source, f"{name}.{lang}.tpl")


HTML_FIRST_LINE = 7


def quote(currency: str = "EUR") -> QuoteContext:
    return QuoteContext(
        number="Q-2026-0042",
        items=(QuoteItem("Stainless steel ball valve", "DN50, PN16, SS304", Decimal("200"), "pcs",
                         Decimal("83.50")),),
        currency=currency, incoterm="FOB", place="Ningbo",
        payment_terms="30% T/T in advance, 70% against copy of B/L",
        valid_until=date(2026, 12, 31), lead_time="25 days", moq="100 pcs",
        remarks="Prices exclude VAT.")


def context(*, name: str = "Anna Müller", country: str = "DE", gender: str = "f",
            currency: str = "EUR", locale: str | None = None) -> TemplateContext:
    first, last = name.split(" ")[0], name.split(" ")[-1]
    return TemplateContext(
        buyer=Buyer(name=name, first_name=first, last_name=last, company="Müller Armaturen GmbH",
                    country=country, email="a.mueller@mueller-armaturen.de", gender=gender),
        inquiry=Inquiry(subject="Ball valves DN50", date=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
                        text="Please quote 200 pcs.", quoted_text="> Please quote 200 pcs.\n"),
        rep={"full_name": "Li Wei", "email": "li.wei@example.test"},
        quote=quote(currency), locale=locale)
