"""Money: half-up rounding to the currency's minor unit and babel formatting per locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from client import money
from client.money import MoneyError
from client.quotes.records import make_line

D = Decimal


@pytest.mark.parametrize(("amount", "currency", "expected"), [
    ("2.675", "EUR", "2.68"),      # a float would give 2.67
    ("2.665", "USD", "2.67"),      # half-up, not banker's rounding (2.66)
    ("0.005", "EUR", "0.01"),
    ("1234.5", "JPY", "1235"),     # no minor unit
    ("1234.4", "JPY", "1234"),
    ("1.2345", "KWD", "1.235"),    # three decimals
    ("1.2344", "KWD", "1.234"),
    ("10", "CNY", "10.00"),
])
def test_rounding_half_up_to_the_minor_unit(amount: str, currency: str, expected: str) -> None:
    assert money.plain(money.round_money(D(amount), currency), currency) == expected


def test_line_totals_are_rounded_and_the_total_is_their_sum() -> None:
    lines = [make_line("Valve", D("3"), D("0.335"), "EUR"),  # 1.005 → 1.01
             make_line("Seal", D("7"), D("0.145"), "EUR")]    # 1.015 → 1.02
    assert [line.line_total for line in lines] == [D("1.01"), D("1.02")]
    assert money.total_of((line.line_total for line in lines), "EUR") == D("2.03")


def test_thousands_of_items_add_up_exactly() -> None:
    lines = [make_line(f"Part {n}", D(n), D("0.105"), "USD") for n in range(1, 5001)]
    # each line rounded half-up on its own; compare with an independent integer computation
    cents = sum((n * 105 + 5) // 10 for n in range(1, 5001))
    total = money.total_of((line.line_total for line in lines), "USD")
    assert total == D(cents) / 100
    assert money.plain(total, "USD") == f"{cents // 100}.{cents % 100:02d}"


def test_jpy_and_kwd_totals_keep_their_precision() -> None:
    yen = [make_line("Bolt", D("3"), D("33.5"), "JPY") for _ in range(3)]
    assert [str(line.line_total) for line in yen] == ["101", "101", "101"]
    assert money.plain(money.total_of((x.line_total for x in yen), "JPY"), "JPY") == "303"
    dinar = make_line("Pump", D("3"), D("1.0005"), "KWD")
    assert str(dinar.line_total) == "3.002"  # 3.0015 → 3.002


@pytest.mark.parametrize(("lang", "currency", "expected"), [
    ("de_DE", "EUR", "16.700,00\u00a0€"),
    ("de", "EUR", "16.700,00\u00a0€"),
    ("en_US", "USD", "$16,700.00"),
    ("en_GB", "USD", "US$16,700.00"),
    ("ja_JP", "JPY", "￥16,700"),
    ("en_US", "JPY", "¥16,700"),
    ("zh_CN", "CNY", "¥16,700.00"),
    ("fr_FR", "EUR", "16\u202f700,00\u00a0€"),
    ("ru_RU", "RUB", "16\u00a0700,00\u00a0₽"),
    ("pt_BR", "BRL", "R$\u00a016.700,00"),
    ("es_ES", "EUR", "16.700,00\u00a0€"),
    ("ar_SA", "SAR", "\u200f16,700.00\u00a0ر.س.\u200f"),
    ("hi_IN", "INR", "₹16,700.00"),
    ("en_US", "KWD", "KWD16,700.000"),  # CLDR puts no space after a code here
])
def test_amounts_in_the_buyers_locale(lang: str, currency: str, expected: str) -> None:
    assert money.format_money(D("16700"), currency, lang) == expected


def test_indian_grouping_and_dates_per_locale() -> None:
    assert money.format_money(D("1670000"), "INR", "hi_IN") == "₹16,70,000.00"
    day = date(2026, 12, 2)
    assert money.format_day(day, "de_DE") == "02.12.2026"
    assert money.format_day(day, "en_US") == "Dec 2, 2026"
    assert money.format_day(day, "zh_CN") == "2026年12月2日"
    assert money.format_day(day, "ja_JP") == "2026/12/02"
    assert money.format_quantity(D("1200.000"), "de") == "1.200"
    assert money.format_quantity(D("2.50"), "fr_FR") == "2,5"


@pytest.mark.parametrize("text", ["abc", "NaN", "Infinity", "-1", "1,250", "1e30", ""])
def test_bad_prices_are_refused_in_words(text: str) -> None:
    with pytest.raises(MoneyError) as info:
        money.parse_price(text)
    assert repr(text.strip()) in str(info.value) or "float" in str(info.value)


def test_prices_accept_plain_grouped_and_decimal_comma() -> None:
    assert money.parse_price("16,700.00") == D("16700.00")
    assert money.parse_price("12,5") == D("12.5")
    assert money.parse_price(" 3.20 ") == D("3.20")
    with pytest.raises(MoneyError):
        money.parse_price(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["0", "-3", "x"])
def test_quantities_must_be_positive(text: str) -> None:
    with pytest.raises(MoneyError):
        money.parse_quantity(text)


def test_currency_codes_are_checked() -> None:
    assert money.currency_code("eur") == "EUR"
    for bad in ("EU", "EURO", "ZZZ", "€", ""):
        with pytest.raises(MoneyError):
            money.currency_code(bad)
    with pytest.raises(MoneyError):
        money.locale_for("xx_not_a_locale")
