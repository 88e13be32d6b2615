"""The rep's last quote choices, kept so the next quote can be made in one click.

`remember(store, request)` keeps what a created quote used (template, currency, Incoterm,
place, payment terms, validity, lead time, whether the PDF was attached, the item lines as
typed) in the setting `quotes.last_choices`, and the template alone in `quotes.last_template`
(what the picker preselects); `last(store) -> LastChoices | None` reads them back (None when
no quote was made yet or the setting is damaged); `LastChoices.request(lang)` is the
`QuoteRequest` of a one-click quote in the buyer's language. The stored item texts are
parsed again, so a setting edited by hand is refused in words (`QuoteInputError`) rather than
quoted. Caller's Store and thread; idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.quotes.keys import LAST_TEMPLATE_KEY
from client.quotes.reply import QuoteRequest, item_specs
from client.store.db import Store

LAST_CHOICES_KEY = "quotes.last_choices"


@dataclass(frozen=True)
class LastChoices:
    template: str
    items: tuple[str, ...]  # "SKU;QTY" or "PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"
    currency: str
    incoterm: str = ""
    place: str = ""
    payment_terms: str = ""
    valid_days: int = 30
    lead_time: str = ""
    with_pdf: bool = False

    def request(self, lang: str | None) -> QuoteRequest:
        """The quote request these choices make, in `lang` (None: from the buyer's country).
        Raises `QuoteInputError` for an item line that no longer parses."""
        return QuoteRequest(
            template=self.template, items=item_specs(self.items), currency=self.currency,
            incoterm=self.incoterm, place=self.place, lang=lang,
            payment_terms=self.payment_terms, valid_days=self.valid_days,
            lead_time=self.lead_time, with_pdf=self.with_pdf)


def remember(store: Store, request: QuoteRequest) -> None:
    """Keep the choices of a quote that was created (see the module docstring)."""
    store.set_setting(LAST_TEMPLATE_KEY, request.template)
    store.set_setting(LAST_CHOICES_KEY, {
        "template": request.template, "items": [item.text for item in request.items],
        "currency": request.currency, "incoterm": request.incoterm, "place": request.place,
        "payment_terms": request.payment_terms, "valid_days": request.valid_days,
        "lead_time": request.lead_time, "with_pdf": request.with_pdf})


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def last(store: Store) -> LastChoices | None:
    """The last quote's choices, or None (none made yet, or the setting is not ours)."""
    value = store.get_setting(LAST_CHOICES_KEY)
    if not isinstance(value, dict):
        return None
    items = value.get("items")
    days = value.get("valid_days")
    if (not _text(value.get("template")) or not isinstance(items, list) or not items
            or not all(isinstance(i, str) for i in items) or not _text(value.get("currency"))):
        return None
    return LastChoices(
        template=_text(value["template"]), items=tuple(items), currency=_text(value["currency"]),
        incoterm=_text(value.get("incoterm")), place=_text(value.get("place")),
        payment_terms=_text(value.get("payment_terms")),
        valid_days=days if isinstance(days, int) and not isinstance(days, bool) else 30,
        lead_time=_text(value.get("lead_time")), with_pdf=value.get("with_pdf") is True)
