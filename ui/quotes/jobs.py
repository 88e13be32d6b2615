"""Quote work for the app, run off the GUI thread through ``ui.qt.tasks.run_in_background``.

Each function opens its own ``Store`` on ``db_path`` (a Store belongs to one thread) and
closes it; none touches a widget. Errors are the core's (``QuoteInputError``,
``TemplateError``, ``ComposeError``…) and carry their reason in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from client import money
from client.compose.text_language import script_language
from client.quotes import company_products, last_choices, products, records
from client.quotes.products import Product
from client.quotes.reply import (
    ItemSpec,
    QuoteReply,
    QuoteRequest,
    create_quote_reply,
    price_items,
)
from client.store.db import Store
from client.templates import (
    QuoteContext,
    QuoteInputError,
    QuoteItem,
    RenderedMail,
    TemplateContext,
    TemplateLibrary,
    context_from_message,
    load_library,
    render_template,
)

LAST_TEMPLATE_KEY = last_choices.LAST_TEMPLATE_KEY


@dataclass(frozen=True)
class PickerData:
    """What the picker needs once: the library, the inquiry's context (no quote yet), the
    price list, the languages guessed for the buyer (best first) and the last-used template."""

    library: TemplateLibrary
    context: TemplateContext
    products: tuple[Product, ...]
    wanted_languages: tuple[str, ...]
    last_template: str
    last_choices: last_choices.LastChoices | None = None
    catalog: Mapping[str, Product] | None = None  # SKU → product quotes use
    company_skus: frozenset[str] = frozenset()  # casefolded SKUs from the company list
    #: template language -> `language_label`, made on the worker (babel reads each
    #: language's locale data the first time: ~90 ms the GUI thread would wait for)
    language_labels: Mapping[str, str] = field(default_factory=dict)


def language_label(lang: str) -> str:
    """A template language as the buyer names it ("Deutsch (de)"; the code alone if babel
    does not know it). Any thread."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang).get_display_name() or ""
    except (UnknownLocaleError, ValueError):
        name = ""
    return f"{name} ({lang})" if name else lang


def guess_languages(context: TemplateContext,
                    candidates: Sequence[str] = ()) -> tuple[str, ...]:
    """The buyer's languages, best first: the inquiry text's script (Han → zh…), else the
    language its text is written in among `candidates` (``text_language``), then the
    official languages of the sender's country domain (babel), then English."""
    from babel.languages import get_official_languages

    from client.compose.text_language import text_language

    wanted: list[str] = []
    script = script_language(context.inquiry.text)
    if script:
        wanted.append(script)
    else:
        written = text_language(context.inquiry.text, candidates)
        if written:
            wanted.append(written)
    if context.buyer.country:
        wanted.extend(get_official_languages(context.buyer.country, de_facto=True))
    wanted.append("en")
    return tuple(dict.fromkeys(wanted))


def _profile_dir(db_path: Path) -> Path:
    return Path(db_path).parent


def load_picker_data(db_path: Path, message_row: int) -> PickerData:
    """Worker thread. Raises ``ComposeError`` when the message is not cached."""
    store = Store.open(db_path)
    try:
        library = load_library(_profile_dir(db_path), store=store)
        context = context_from_message(store, message_row)
        company = company_products.company_price_list(store)
        listed = company_products.listed_products(store, company)
        catalog = company_products.catalog(store, company)
        last = store.get_setting(LAST_TEMPLATE_KEY, "")
        choices = last_choices.last(store)
    finally:
        store.close()
    price_list = tuple(li.product for li in listed if not li.overridden)
    languages = sorted({lang for t in library.templates.values() for lang in t.languages})
    return PickerData(library, context, price_list, guess_languages(context, languages),
                      last if isinstance(last, str) else "", choices, catalog,
                      frozenset(p.sku.casefold() for p in company.products),
                      {lang: language_label(lang) for lang in languages})


@dataclass(frozen=True)
class PreviewInput:
    """The picker's fields as the rep typed them (validated by ``preview``)."""

    template: str
    lang: str
    items: tuple[ItemSpec, ...]
    currency: str
    incoterm: str = ""
    place: str = ""
    payment_terms: str = ""
    valid_days: int = 30
    lead_time: str = ""


def preview(db_path: Path, data: PickerData, fields: PreviewInput) -> RenderedMail:
    """Render the template with the inquiry's data and the items priced as they would be; the
    quote number reads as a placeholder (it is handed out only when the reply is created).
    Worker thread; pure apart from reading the price list. Raises ``TemplateError`` (name and
    line) or ``QuoteInputError``."""
    from datetime import date, timedelta

    try:
        currency = money.currency_code(fields.currency)
    except money.MoneyError as exc:
        raise QuoteInputError(str(exc)) from None
    locale = data.context.locale_for(fields.lang)
    store = Store.open(db_path)
    try:
        lines = price_items(store, fields.items, currency, locale, data.catalog)
    finally:
        store.close()
    quote = QuoteContext(
        number="Q-…", currency=currency, incoterm=fields.incoterm.strip().upper(),
        items=tuple(QuoteItem(li.product, li.specification, li.quantity, li.unit,
                              li.unit_price, li.line_total) for li in lines),
        place=fields.place.strip(), payment_terms=fields.payment_terms.strip(),
        valid_until=date.today() + timedelta(days=fields.valid_days),
        lead_time=fields.lead_time.strip(),
        total=money.total_of((li.line_total for li in lines), currency))
    context = TemplateContext(buyer=data.context.buyer, inquiry=data.context.inquiry,
                              rep=data.context.rep, quote=quote, locale=data.context.locale)
    return render_template(fields.template, fields.lang, context, data.library)


def create_reply(db_path: Path, message_row: int, request: QuoteRequest,
                 library: TemplateLibrary) -> QuoteReply:
    """Worker thread: ``client.quotes.reply.create_quote_reply`` (the number, the rendered
    reply draft, the PDF if asked, the record — all or nothing), then remembers the template
    and the other choices as the last used (``client.quotes.last_choices``). Raises what it
    raises."""
    store = Store.open(db_path)
    try:
        reply = create_quote_reply(store, message_row, request, library)
        last_choices.remember(store, request)
    finally:
        store.close()
    return reply


def quick_reply(db_path: Path, message_row: int) -> QuoteReply | None:
    """Worker thread: the one-click quote ("Quote with <last template>"): the last choices
    (``last_choices.last``) in the template's variant for this buyer (``guess_languages``, as
    the picker preselects it), created at once with ``create_reply``. None when no quote was
    made yet or the last template is gone (the caller opens the picker instead). Raises what
    ``create_reply`` raises; bad input changes nothing."""
    data = load_picker_data(db_path, message_row)
    store = Store.open(db_path)
    try:
        choices = last_choices.last(store)
    finally:
        store.close()
    if choices is None or choices.template not in data.library.templates:
        return None
    lang = data.library.best_language(choices.template, list(data.wanted_languages))
    return create_reply(db_path, message_row, choices.request(lang), data.library)


def item_spec(sku: str, product: str, quantity: str, unit: str, unit_price: str,
              specification: str = "") -> ItemSpec:
    """One row of the picker's items table as an ``ItemSpec``: a SKU priced from the price
    list, or a written-out line. Raises ``QuoteInputError`` in words."""
    from client.quotes.reply import parse_item

    sku, product = sku.strip(), product.strip()
    if sku:
        return parse_item(f"{sku};{quantity.strip()}")
    if not product:
        raise QuoteInputError("An item row has neither a SKU nor a product.")
    return parse_item(";".join((product, specification.strip(), quantity.strip(), unit.strip(),
                                unit_price.strip())))


def price_of(product: products.Product, currency: str) -> Decimal | None:
    return product.prices.get(currency.strip().upper())


def item_specs_of(rows: Sequence[tuple[str, str, str, str, str]]) -> tuple[ItemSpec, ...]:
    """Non-empty table rows (sku, product, quantity, unit, unit_price) as specs."""
    specs = [item_spec(*row) for row in rows if any(cell.strip() for cell in row)]
    if not specs:
        raise QuoteInputError("Add at least one item (a SKU from the price list, or a product "
                              "with quantity, unit and unit price).")
    return tuple(specs)


# -- the quotes view and reminders ----------------------------------------------------------

REMIND_BEFORE_KEY = "quotes.remind_days_before"
REMIND_UNANSWERED_KEY = "quotes.remind_days_unanswered"
REMINDERS_SHOWN_KEY = "quotes.reminders_shown"
DEFAULT_DAYS_BEFORE = 3
DEFAULT_DAYS_UNANSWERED = 5
MAX_SHOWN_KEPT = 5000
OPEN_STATES = ("draft", "sent", "answered")


@dataclass(frozen=True)
class ReminderSettings:
    days_before: int = DEFAULT_DAYS_BEFORE
    days_unanswered: int = DEFAULT_DAYS_UNANSWERED


def reminder_settings(store: Store) -> ReminderSettings:
    """The reminder days from ``settings`` (a missing or bad value gives the default)."""
    from client.settings import read

    return ReminderSettings(read(store, REMIND_BEFORE_KEY), read(store, REMIND_UNANSWERED_KEY))


@dataclass(frozen=True)
class QuoteRow:
    """One line of the quotes view: the record, its days left (None without a validity),
    whether it is open and within the reminder days of its end, and whether it waits for an
    answer longer than the reminder days."""

    record: records.QuoteRecord
    days_left: int | None
    expiring: bool
    total_text: str
    unanswered: bool = False  # sent at least the reminder days ago, no answer yet


def load_quotes(db_path: Path, now: float) -> tuple[list[QuoteRow], ReminderSettings]:
    """Worker thread: move states along (``records.refresh_states``), then every quote,
    newest first, with its days left counted from the local date of ``now``."""
    from datetime import datetime

    store = Store.open(db_path)
    try:
        records.refresh_states(store, now)
        settings = reminder_settings(store)
        quotes = records.list_quotes(store)
    finally:
        store.close()
    today = datetime.fromtimestamp(now).date()
    rows = []
    for rec in quotes:
        left = (rec.valid_until - today).days if rec.valid_until else None
        expiring = (rec.state in OPEN_STATES and left is not None
                    and 0 <= left <= settings.days_before)
        unanswered = (rec.state == "sent" and rec.sent_at is not None
                      and now - rec.sent_at >= settings.days_unanswered * 86400)
        rows.append(QuoteRow(rec, left, expiring,
                             money.format_money(rec.total, rec.currency, rec.lang), unanswered))
    return rows, settings


def mark_quote(db_path: Path, number: str, state: str) -> records.QuoteRecord:
    """Worker thread: ``records.mark`` (won / lost). Raises ``QuoteRecordError``."""
    store = Store.open(db_path)
    try:
        return records.mark(store, number, state)
    finally:
        store.close()


def new_reminders(db_path: Path, now: float) -> list[records.Reminder]:
    """Worker thread: the quotes due a reminder (``records.due_reminders`` with the days from
    settings) that were not shown yet, each remembered as shown (``NUMBER:REASON``) before it
    is returned, so each fires once per quote and reason."""
    store = Store.open(db_path)
    try:
        records.refresh_states(store, now)
        settings = reminder_settings(store)
        due = records.due_reminders(store, now, settings.days_before, settings.days_unanswered)
        shown_value = store.get_setting(REMINDERS_SHOWN_KEY, [])
        shown = [s for s in shown_value if isinstance(s, str)] if isinstance(
            shown_value, list) else []
        fresh = [r for r in due if f"{r.quote.number}:{r.reason}" not in shown]
        if fresh:
            shown.extend(f"{r.quote.number}:{r.reason}" for r in fresh)
            store.set_setting(REMINDERS_SHOWN_KEY, shown[-MAX_SHOWN_KEPT:])
    finally:
        store.close()
    return fresh


def save_reminder_settings(db_path: Path, settings: ReminderSettings) -> None:
    """Worker thread: store the reminder days (0 to 365 each, ``client.settings``). Raises
    ``SettingError`` (a ValueError) for a value outside; idempotent."""
    from client.settings import write_many

    with Store.open(db_path) as store:
        write_many(store, {REMIND_BEFORE_KEY: settings.days_before,
                           REMIND_UNANSWERED_KEY: settings.days_unanswered})


def load_reminder_settings(db_path: Path) -> ReminderSettings:
    """Worker thread: the reminder days from settings (defaults 3 and 5)."""
    store = Store.open(db_path)
    try:
        return reminder_settings(store)
    finally:
        store.close()
