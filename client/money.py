"""Money for quotes: `Decimal` amounts, half-up rounding to the currency's minor unit, and
numbers, amounts and dates formatted with babel in the buyer's locale.

Minor units come from babel's CLDR data (`get_currency_precision`: JPY 0, KWD 3, most 2).
A line total is quantity × unit price rounded half-up; a quote's total is the sum of its
rounded line totals (so the printed lines always add up to the printed total). Parsing
refuses floats, NaN, infinities, negative amounts and more than `MAX_DIGITS` digits with a
`MoneyError` in words. Pure; any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, get_currency_precision, list_currencies

from client.i18n import _

MAX_DIGITS = 18  # digits before the decimal point: far above any trade amount, far below abuse
DEFAULT_LOCALE = "en_US"


class MoneyError(ValueError):
    """An amount, quantity, currency or locale that cannot be used; `str()` says why."""


def currency_code(text: str) -> str:
    """The ISO 4217 code for `text` (case-insensitive, e.g. "eur" → "EUR"); raises
    `MoneyError` for anything babel does not know as a currency."""
    code = (text or "").strip().upper()
    if len(code) != 3 or not code.isalpha() or code not in list_currencies():
        raise MoneyError(_("{code} is not a currency code such as USD, EUR or CNY.",
                            code=repr((text or "").strip())))
    return code


def minor_digits(currency: str) -> int:
    """Digits after the decimal point of the currency's minor unit (JPY 0, EUR 2, KWD 3)."""
    return int(get_currency_precision(currency_code(currency)))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """`amount` rounded half-up to the currency's minor unit (2.675 EUR → 2.68)."""
    return amount.quantize(Decimal(1).scaleb(-minor_digits(currency)), rounding=ROUND_HALF_UP)


def line_total(quantity: Decimal, unit_price: Decimal, currency: str) -> Decimal:
    """Quantity × unit price, rounded half-up to the currency's minor unit."""
    return round_money(quantity * unit_price, currency)


def total_of(line_totals: Iterable[Decimal], currency: str) -> Decimal:
    """The sum of (already rounded) line totals, at the currency's precision."""
    return round_money(sum(line_totals, Decimal(0)), currency)


_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d{1,2}$|^[+-]?\d+,\d{4,}$")


def _decimal(text: str | int | Decimal, what: str) -> Decimal:
    if isinstance(text, float):
        raise MoneyError(_("{what} must be given as text or Decimal, not a float.", what=what))
    shown = str(text).strip()
    raw = shown.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if "," in raw:
        if _GROUPED.match(raw) and "." in raw:
            raw = raw.replace(",", "")  # 16,700.00
        elif _DECIMAL_COMMA.match(raw):
            raw = raw.replace(",", ".")  # 12,5 written the European way
        else:
            raise MoneyError(_("{what} {value} is ambiguous: write it without thousands "
                               "separators, with a point for decimals (e.g. 16700.00).",
                               what=what, value=repr(shown)))
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise MoneyError(_("{what} {value} is not a number.", what=what,
                            value=repr(shown))) from None
    if not value.is_finite():
        raise MoneyError(_("{what} {value} is not a number.", what=what, value=repr(shown)))
    if value and value.adjusted() >= MAX_DIGITS:
        raise MoneyError(_("{what} {value} is too large.", what=what, value=repr(shown)))
    return value


def parse_price(text: str | int | Decimal, what: str | None = None) -> Decimal:
    """A unit price of zero or more ("12.50", "1,250.00", "12,5"); raises `MoneyError`.
    `what` names it in the error, already in the rep's language."""
    what = what or _("The unit price")
    value = _decimal(text, what)
    if value < 0:
        raise MoneyError(_("{what} {value} is negative.", what=what,
                            value=repr(str(text).strip())))
    return value


def parse_quantity(text: str | int | Decimal, what: str | None = None) -> Decimal:
    """A quantity greater than zero; raises `MoneyError` (`what` as for `parse_price`)."""
    what = what or _("The quantity")
    value = _decimal(text, what)
    if value <= 0:
        raise MoneyError(_("{what} {value} must be greater than zero.", what=what,
                            value=repr(str(text).strip())))
    return value


def locale_for(lang: str | None) -> Locale:
    """The babel locale for a language tag (en, de_DE, zh-CN, pt_BR); the buyer's locale.
    A language alone takes its most likely country (de → de_DE). Raises `MoneyError`."""
    tag = (lang or DEFAULT_LOCALE).strip().replace("-", "_")
    try:
        loc = Locale.parse(tag)
    except (UnknownLocaleError, ValueError, TypeError):
        raise MoneyError(_("{lang} is not a language such as en, de_DE or zh_CN.",
                            lang=repr(lang))) from None
    if loc.territory is None:
        likely = str(get_global("likely_subtags").get(loc.language, "")).split("_")
        territory = next((p for p in likely[1:] if len(p) == 2 and p.isupper()), None)
        if territory:
            try:
                loc = Locale.parse(f"{loc.language}_{territory}")
            except (UnknownLocaleError, ValueError):
                pass
    return loc


def format_money(amount: Decimal, currency: str, lang: str | None) -> str:
    """`amount` as the buyer reads it: "16.700,00 €" (de_DE), "$16,700.00" (en_US)."""
    code = currency_code(currency)
    return str(format_currency(round_money(amount, code), code, locale=locale_for(lang)))


def format_quantity(quantity: Decimal, lang: str | None) -> str:
    """A quantity with the locale's separators, without trailing zeros ("1.200" in de)."""
    normal = quantity.normalize()
    if normal == normal.to_integral_value():
        normal = normal.quantize(Decimal(1))
    return str(format_decimal(normal, locale=locale_for(lang), decimal_quantization=False))


def format_day(day: date, lang: str | None) -> str:
    """A date in the locale's medium form ("02.12.2026" de, "Dec 2, 2026" en_US)."""
    return str(_babel_date(day, format="medium", locale=locale_for(lang)))


def plain(amount: Decimal, currency: str) -> str:
    """The amount as a plain decimal string at the currency's precision ("16700.00")."""
    return format(round_money(amount, currency), "f")
