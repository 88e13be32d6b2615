"""The sandboxed engine: escapes refused, unknown variables and syntax errors with name and
line, HTML autoescape, bounded output, babel filters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from client.mime.html_text import html_to_text
from client.templates import (
    Buyer,
    OutputTooLarge,
    QuoteContext,
    SandboxViolation,
    TemplateContext,
    TemplateError,
    TemplateSyntaxProblem,
    UnknownVariableError,
    render_template,
)
from client.templates.engine import MAX_OUTPUT_CHARS
from tests.client.templates.helpers import HTML_FIRST_LINE, context, variant


def render(html: str, ctx: TemplateContext | None = None, **kw: str):  # type: ignore[no-untyped-def]
    return render_template(variant(html, **kw), "en", ctx or context())


ESCAPES = [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ buyer.__class__.__init__.__globals__ }}",
    "{{ range.__globals__ }}",
    "{{ buyer.name.__class__.__base__.__subclasses__() }}",
    "{{ quote.__dict__ }}",
    "{{ '{0.__class__}'.format(buyer) }}",
    "{{ buyer.name.format(1) }}",
    "{{ buyer.name.ljust(100000000) }}",
    "{{ '%999999999s' % 'a' }}",
    "{{ [buyer]|map(attribute='__class__')|list }}",
    "{{ [buyer]|selectattr('__class__')|list }}",
    "{{ self }}",
    "{{ self._TemplateReference__context }}",
    "{% include '/etc/passwd' %}",
    "{% import 'macros.html' as m %}",
    "{% from 'macros.html' import x %}",
    "{% extends 'base.html' %}",
    "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}",
    "{{ cycler('a').__init__.__globals__ }}",
    "{{ joiner().__init__ }}",
    "{{ namespace(x=1) }}",
    "{{ lipsum() }}",
    "{{ dict.__class__ }}",
    "{{ 2 ** 100000 }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_sandbox_escape_renders_nothing_and_says_why(source: str) -> None:
    with pytest.raises(TemplateError) as info:
        render(f"<p>\n{source}\n</p>")
    message = str(info.value)
    assert "probe (en)" in message and "HTML body" in message
    assert isinstance(info.value, SandboxViolation | UnknownVariableError | TemplateSyntaxProblem)
    # the cycler/joiner/namespace/lipsum helpers are not there at all
    if any(w in source for w in ("cycler", "joiner", "namespace", "lipsum")):
        assert "is undefined" in message


@pytest.mark.parametrize("source", [
    "{{ range(10**9)|list|length }}",
    "{% for i in range(10**30) %}x{% endfor %}",
    "{{ 'a' * 10**9 }}",
    "{{ ['a'] * 10**9 }}",
    "{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% else %}{{ s|length }}"
    "{% endif %}{% endmacro %}{{ f('ab', 60) }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% set x %}{% for i in range(40000) %}{{ 'y' * 1000 }}{% endfor %}{% endset %}{{ x|length }}",
    "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}",
    "{{ buyer.name * 300000 }}",
])
def test_work_and_output_bombs_are_refused(source: str) -> None:
    with pytest.raises((OutputTooLarge, SandboxViolation)) as info:
        render(source)
    assert "probe (en)" in str(info.value)


def test_output_over_the_bound_is_refused() -> None:
    body = "{% for i in range(300) %}" + "x" * 1000 + "{% endfor %}"
    with pytest.raises(OutputTooLarge, match="longer than|produces more than"):
        render(body)
    assert len(render("{% for i in range(200) %}" + "x" * 1000 + "{% endfor %}").html) >= 200_000
    assert 200_000 < MAX_OUTPUT_CHARS


def test_unknown_variable_names_template_part_and_file_line() -> None:
    with pytest.raises(UnknownVariableError) as info:
        render("<p>Dear {{ buyer.name }},</p>\n<p>{{ buyer.nickname }}</p>\n")
    assert info.value.line == HTML_FIRST_LINE + 1
    assert "Template probe (en), HTML body line 8" in str(info.value)
    assert "nickname" in str(info.value)


def test_unknown_top_level_variable_in_subject() -> None:
    with pytest.raises(UnknownVariableError, match=r"subject line 5.*'customer' is undefined"):
        render("<p>x</p>", subject="Offer {{ customer.name }}")


def test_syntax_error_names_template_and_line() -> None:
    with pytest.raises(TemplateSyntaxProblem) as info:
        render("<p>one</p>\n<p>two</p>\n{% if buyer.name %}\n<p>never closed</p>\n")
    assert "Template probe (en), HTML body" in str(info.value)
    assert info.value.line is not None and info.value.line >= HTML_FIRST_LINE + 2


def test_syntax_error_in_text_body_counts_lines_of_the_file() -> None:
    v = variant("<p>x</p>", text="line one\n{{ buyer.name }\n")
    with pytest.raises(TemplateSyntaxProblem) as info:
        render_template(v, "en", context())
    assert info.value.part == "text body"
    assert info.value.line == v.text_line + 1


def test_buyer_html_stays_text_in_html_but_not_in_plain() -> None:
    evil = '<img src=x onerror="alert(1)">'
    ctx = TemplateContext(buyer=Buyer(name=evil))
    mail = render_template(variant("<p>Dear {{ buyer.name }},</p>", subject="For {{ buyer.name }}",
                                   text="Dear {{ buyer.name }},"), "en", ctx)
    assert "<img" not in mail.html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in mail.html
    assert mail.text.strip() == f"Dear {evil},"
    assert mail.subject == f"For {evil}"


def test_safe_filter_is_not_available() -> None:
    with pytest.raises(TemplateSyntaxProblem, match="safe"):
        render("{{ buyer.name|safe }}")


def test_plain_text_is_derived_from_html_when_absent() -> None:
    mail = render("<p>Dear {{ buyer.first_name }},</p><p>see <a href=\"https://x.example/p\">"
                  "the list</a>.</p>")
    assert mail.text == html_to_text(mail.html)
    assert mail.text.startswith("Dear Anna,") and "the list (https://x.example/p)." in mail.text
    assert "<" not in mail.text


# locale, amount, currency -> what babel writes (checked once by hand against CLDR).
MONEY = [
    ("de_DE", "EUR", "16.700,00\xa0€"),
    ("en_US", "USD", "$16,700.00"),
    ("ja_JP", "JPY", "￥16,700"),
    ("fr_FR", "EUR", "16\u202f700,00\xa0€"),
    ("es_ES", "EUR", "16.700,00\xa0€"),
    ("pt_BR", "BRL", "R$\xa016.700,00"),
    ("ru_RU", "RUB", "16\xa0700,00\xa0₽"),
    ("zh_CN", "CNY", "¥16,700.00"),
    ("en_GB", "GBP", "£16,700.00"),
]


@pytest.mark.parametrize(("locale", "currency", "expected"), MONEY)
def test_money_filter_formats_in_the_buyer_locale(locale: str, currency: str,
                                                   expected: str) -> None:
    ctx = TemplateContext(quote=QuoteContext(currency=currency), locale=locale)
    mail = render_template(variant("{{ 16700|money(quote.currency) }}"), "en", ctx)
    assert mail.html.strip() == expected


def test_en_us_outside_the_us_marks_the_dollar() -> None:
    ctx = TemplateContext(quote=QuoteContext(currency="USD"), locale="en_CA")
    assert render_template(variant("{{ 16700|money }}"), "en", ctx).html.strip() == "US$16,700.00"


@pytest.mark.parametrize(("locale", "expected_date", "expected_number"), [
    ("de_DE", "31. Dezember 2026", "1.234,50"),
    ("en_US", "December 31, 2026", "1,234.50"),
    ("fr_FR", "31 décembre 2026", "1\u202f234,50"),
    ("es_ES", "31 de diciembre de 2026", "1.234,50"),
    ("pt_BR", "31 de dezembro de 2026", "1.234,50"),
    ("ru_RU", "31 декабря 2026\u202fг.", "1\xa0234,50"),
    ("ar_EG", "31 ديسمبر 2026", "1,234.50"),
    ("zh_CN", "2026年12月31日", "1,234.50"),
])
def test_date_and_number_filters(locale: str, expected_date: str, expected_number: str) -> None:
    ctx = TemplateContext(locale=locale)
    v = variant("{{ when|date }}|{{ n|number(2) }}".replace("when", "quote.valid_until")
                .replace("n|", "quote.total|"))
    q = QuoteContext(valid_until=date(2026, 12, 31), total=Decimal("1234.5"))
    mail = render_template(v, "en", TemplateContext(quote=q, locale=ctx.locale))
    got_date, got_number = mail.html.strip().split("|")
    assert got_date == expected_date
    assert got_number == expected_number


def test_locale_defaults_to_language_plus_buyer_country() -> None:
    v = variant("{{ 16700|money }}", lang="de")
    ctx = context(country="AT")
    mail = render_template(v, "de", ctx)
    assert mail.html.strip() == "€\xa016.700,00"  # de_AT puts the sign first


def test_filter_with_bad_value_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match="money expects a number"):
        render("{{ buyer.name|money }}")


def test_subject_is_one_line_whatever_the_values() -> None:
    """Checklist O5: CR/LF in a value never reaches the subject (no header injection)."""
    ctx = TemplateContext(buyer=Buyer(name="Anna\r\nBcc: victim@example.test\n"))
    mail = render_template(variant("<p>x</p>", subject="Offer for {{ buyer.name }}"), "en", ctx)
    assert mail.subject == "Offer for Anna Bcc: victim@example.test"
    ctx = TemplateContext(buyer=Buyer(name="Anna\x1b[31m\x00\x85 Müller"))
    mail = render_template(variant("<p>x</p>", subject="Offer for {{ buyer.name }}"), "en", ctx)
    assert mail.subject == "Offer for Anna[31m Müller"  # control characters dropped


def test_large_amounts_pass_through_macros_and_filters() -> None:
    """Only loops are bounded, not the size of numbers a template passes around."""
    ctx = TemplateContext(quote=QuoteContext(currency="USD", total=Decimal("25000000")),
                          locale="en_US")
    v = variant("{% macro amount(n) %}{{ n|money }}{% endmacro %}{{ amount(quote.total|int) }}")
    assert render_template(v, "en", ctx).html.strip() == "$25,000,000.00"


@pytest.mark.parametrize("source", [
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "{% if 1 %}" * 300 + "x" + "{% endif %}" * 300,
    "{{ " + "[" * 3000 + "]" * 3000 + " }}",
])
def test_deep_nesting_is_refused_in_words(source: str) -> None:
    with pytest.raises(TemplateError, match="probe \\(en\\).*nest"):
        render(source)
