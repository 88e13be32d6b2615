"""The quote a template may show: `QuoteContext` and its line items, plus the CLI item seam.

The quotes side (`client/quotes/`) fills a `QuoteContext`; `tradewind templates render --item`
builds one from `"PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"` strings through `quote_from_cli` (the seam
the quotes side replaces with price-list look-ups). Amounts are `Decimal`, never float.
Pure; any thread; frozen values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Incoterms 2020 (ICC): the eleven rules.
INCOTERMS_2020 = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")
MAX_ITEMS = 500


class QuoteInputError(ValueError):
    """A quote or line item given in words that cannot be used; the message says why."""


@dataclass(frozen=True)
class QuoteItem:
    """One line of a quote; `line_total` is quantity × unit price unless the caller sets it."""

    product: str
    specification: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    line_total: Decimal | None = None

    def __post_init__(self) -> None:
        if self.line_total is None:
            object.__setattr__(self, "line_total", self.quantity * self.unit_price)


@dataclass(frozen=True)
class QuoteContext:
    """What a quotation template sees as `quote`. `total` defaults to the sum of line totals."""

    number: str = ""
    items: tuple[QuoteItem, ...] = ()
    currency: str = "USD"
    incoterm: str = ""
    place: str = ""
    payment_terms: str = ""
    valid_until: date | None = None
    lead_time: str = ""
    moq: str = ""
    remarks: str = ""
    total: Decimal | None = field(default=None)

    def __post_init__(self) -> None:
        if self.incoterm and self.incoterm not in INCOTERMS_2020:
            raise QuoteInputError(
                f"{self.incoterm!r} is not an Incoterms 2020 rule (use one of "
                f"{', '.join(INCOTERMS_2020)}).")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise QuoteInputError(f"{self.currency!r} is not a currency code such as USD or EUR.")
        if len(self.items) > MAX_ITEMS:
            raise QuoteInputError(f"A quote holds at most {MAX_ITEMS} line items.")
        if self.total is None:
            total = sum((i.line_total or Decimal(0) for i in self.items), Decimal(0))
            object.__setattr__(self, "total", total)


def _decimal(text: str, what: str, item: str) -> Decimal:
    """A number of zero or more read as `client.money` reads prices: "1,250.00" and
    "3,20" (a decimal comma) are understood, an ambiguous "1,250" is refused (dropping the
    comma made "3,20" a price of 320)."""
    from client import money
    try:
        return money.parse_price(text, f"Item {item!r}: {what}")
    except money.MoneyError as exc:
        raise QuoteInputError(str(exc)) from None


def parse_item(text: str) -> QuoteItem:
    """`"PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"` as a `QuoteItem`; raises `QuoteInputError`."""
    parts = text.split(";")
    if len(parts) != 5:
        raise QuoteInputError(
            f"Item {text!r} must have five parts PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE "
            f"(it has {len(parts)}).")
    product, spec, qty, unit, price = (p.strip() for p in parts)
    if not product:
        raise QuoteInputError(f"Item {text!r} has no product.")
    return QuoteItem(product, spec, _decimal(qty, "quantity", text), unit,
                     _decimal(price, "unit price", text))


def quote_from_cli(items: Sequence[str], options: Mapping[str, str | None]) -> QuoteContext:
    """The quote for `templates render`: items parsed by `parse_item`, the other fields from
    `options` (keys are `QuoteContext` field names; `valid_until` as YYYY-MM-DD). Raises
    `QuoteInputError`. The quotes side may replace this to price items from the price list."""
    valid: date | None = None
    raw_valid = options.get("valid_until")
    if raw_valid:
        try:
            valid = date.fromisoformat(raw_valid)
        except ValueError:
            raise QuoteInputError(f"{raw_valid!r} is not a date in the form YYYY-MM-DD.") from None
    text = {k: (options.get(k) or "") for k in
            ("number", "incoterm", "place", "payment_terms", "lead_time", "moq", "remarks")}
    return QuoteContext(
        number=text["number"], items=tuple(parse_item(i) for i in items),
        currency=(options.get("currency") or "USD").upper(), incoterm=text["incoterm"].upper(),
        place=text["place"], payment_terms=text["payment_terms"], valid_until=valid,
        lead_time=text["lead_time"], moq=text["moq"], remarks=text["remarks"])
