"""The one-click quote reply: items priced, the template rendered, the PDF attached, the reply
saved as a draft (or queued) and the quote recorded.

`item_specs(texts)` reads `"SKU;QTY"` (priced from the price list in the quote's currency) or
`"PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"` lines; `create_quote_reply(store, message_row, request,
library)` then does, in this order:
1. check everything that can be checked without a number: the inquiry is cached, currency,
   Incoterm, items (unknown SKU, no price in this currency, bad quantity), the template and
   its language — bad input raises `QuoteInputError` in words and changes nothing;
2. hand out the number (`numbering.next_number`);
3. render the mail (`client.templates.render_template`) and the PDF (`pdf.render_pdf`);
4. in one durable transaction: the reply draft (`compose.drafts.save_draft`) or the outbox
   item (`outgoing.pipeline.queue_message` with the rendered mail as its render step; the
   company signature is enforced) and the quote record (`records.record_quote`).
A failure in 3 or 4 leaves no draft, no outbox item and no record; the number handed out in 2
is burnt (never reused), which is why a later quote may skip one. Caller's thread and Store;
no network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from client import money
from client.compose.actions import load_original, reply_fields
from client.compose.build import OutgoingAttachment
from client.i18n import _
from client.money import MoneyError
from client.outgoing.pipeline import queue_message
from client.outgoing.render_step import apply_rendered, from_template
from client.quotes import numbering, pdf, products, records
from client.quotes.records import QuoteLine, QuoteRecord
from client.store.db import Store
from client.templates import (
    INCOTERMS_2020,
    QuoteContext,
    QuoteInputError,
    QuoteItem,
    TemplateLibrary,
    TemplateNotFound,
    context_from_message,
    render_template,
)

MAX_ITEMS = 500  # what a quotation template accepts (client.templates.quote_context)
MAX_VALID_DAYS = 3650


@dataclass(frozen=True)
class ItemSpec:
    """One `--item`: from the price list (`sku`) or written out (`product` … `unit_price`)."""

    text: str
    quantity: Decimal
    sku: str = ""
    product: str = ""
    specification: str = ""
    unit: str = ""
    unit_price: Decimal | None = None


def parse_item(text: str) -> ItemSpec:
    """`"SKU;QTY"` or `"PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"`; raises `QuoteInputError`."""
    parts = [p.strip() for p in text.split(";")]
    try:
        if len(parts) == 2:
            if not parts[0]:
                raise QuoteInputError(_("Item {item} has no SKU.", item=repr(text)))
            return ItemSpec(text, money.parse_quantity(parts[1], _(
                "Item {item}: the quantity", item=repr(text))), sku=parts[0])
        if len(parts) == 5:
            product, spec, qty, unit, price = parts
            if not product:
                raise QuoteInputError(_("Item {item} has no product.", item=repr(text)))
            return ItemSpec(
                text, money.parse_quantity(qty, _("Item {item}: the quantity", item=repr(text))),
                product=product, specification=spec, unit=unit,
                unit_price=money.parse_price(price, _("Item {item}: the unit price",
                                                      item=repr(text))))
    except MoneyError as exc:
        raise QuoteInputError(str(exc)) from None
    raise QuoteInputError(_(
        "Item {item} must be SKU;QTY or PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE (it has {count} parts).",
        item=repr(text), count=len(parts)))


def item_specs(texts: Sequence[str]) -> tuple[ItemSpec, ...]:
    """Every `--item`, checked; raises `QuoteInputError` for the first bad one."""
    if not texts:
        raise QuoteInputError(_("Give at least one --item (SKU;QTY or "
                                "PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE)."))
    if len(texts) > MAX_ITEMS:
        raise QuoteInputError(_("A quote holds at most {count} items.", count=MAX_ITEMS))
    return tuple(parse_item(t) for t in texts)


def price_items(store: Store, specs: Sequence[ItemSpec], currency: str,
                lang: str, catalog: Mapping[str, products.Product] | None = None
                ) -> tuple[QuoteLine, ...]:
    """Lines with totals rounded to the currency; SKUs priced from the price list (the
    company's and the rep's, `company_products.catalog`; pass `catalog` to reuse one)."""
    from client.quotes import company_products

    if catalog is None and any(spec.sku for spec in specs):
        catalog = company_products.catalog(store)
    lines = []
    for spec in specs:
        if spec.sku:
            assert catalog is not None
            try:
                product = company_products.find_product(catalog, spec.sku)
            except products.UnknownProductError as exc:
                raise QuoteInputError(_("Item {item}: {reason}", item=repr(spec.text),
                                        reason=exc)) from None
            price = product.prices.get(currency)
            if price is None:
                have = ", ".join(sorted(product.prices)) or _("none")
                raise QuoteInputError(_(
                    "Item {item}: the price list has no {currency} price for {sku} (it has: "
                    "{have}).", item=repr(spec.text), currency=currency, sku=product.sku,
                    have=have))
            lines.append(records.make_line(
                product.name_for(lang), spec.quantity, price, currency,
                specification=product.specification, unit=product.unit, sku=product.sku))
        else:
            assert spec.unit_price is not None
            lines.append(records.make_line(spec.product, spec.quantity, spec.unit_price, currency,
                                           specification=spec.specification, unit=spec.unit))
    return tuple(lines)


@dataclass(frozen=True)
class QuoteRequest:
    template: str
    items: tuple[ItemSpec, ...]
    currency: str
    incoterm: str = ""
    place: str = ""
    lang: str | None = None  # the template language; None: from the buyer's country domain
    payment_terms: str = ""
    valid_days: int = 30
    lead_time: str = ""
    remarks: str = ""
    buyer_address: tuple[str, ...] = ()
    with_pdf: bool = False
    paper: str = "A4"
    send: bool = False
    today: date | None = None


@dataclass(frozen=True)
class QuoteReply:
    record: QuoteRecord
    draft_id: int | None
    outbox_id: int | None
    message_id: str | None
    subject: str
    pdf_name: str | None
    notices: tuple[str, ...] = ()


def _check(request: QuoteRequest) -> tuple[str, str]:
    try:
        currency = money.currency_code(request.currency)
    except MoneyError as exc:
        raise QuoteInputError(str(exc)) from None
    incoterm = request.incoterm.strip().upper()
    if incoterm and incoterm not in INCOTERMS_2020:
        raise QuoteInputError(_("{incoterm} is not an Incoterms 2020 rule (use one of "
                                "{rules}).", incoterm=repr(request.incoterm),
                                rules=", ".join(INCOTERMS_2020)))
    if not 0 < request.valid_days <= MAX_VALID_DAYS:
        raise QuoteInputError(_("The validity must be 1 to {days} days.", days=MAX_VALID_DAYS))
    if request.paper not in pdf.PAPERS:
        raise QuoteInputError(_("Paper {paper}: use A4 or Letter.", paper=repr(request.paper)))
    return currency, incoterm


def _language(library: TemplateLibrary, name: str, wanted: str | None,
              country_langs: list[str]) -> str:
    try:
        langs = library.get(name).languages
        if wanted:
            chosen = library.best_language(name, [wanted])
            if chosen.split("_")[0] != wanted.replace("-", "_").split("_")[0].lower():
                raise QuoteInputError(_("Template {name} has no {lang} variant (languages: "
                                        "{langs}).", name=repr(name), lang=repr(wanted),
                                        langs=", ".join(langs)))
            return chosen
        return library.best_language(name, country_langs)
    except TemplateNotFound as exc:
        raise QuoteInputError(str(exc)) from None


def _party_lines(values: dict[str, str], *keys: str) -> tuple[str, ...]:
    return tuple(v for k in keys for v in [values.get(k, "").strip()] if v)


def create_quote_reply(store: Store, message_row: int, request: QuoteRequest,
                       library: TemplateLibrary) -> QuoteReply:
    """See the module docstring. Raises `QuoteInputError` (bad input, nothing changed),
    `ComposeError` (no such cached message, bad address), `TemplateError`, `QuotePdfError`."""
    from client.compose.drafts import save_draft
    from client.signatures.provision import policy_in_force
    from client.signatures.schema import PolicyError

    currency, incoterm = _check(request)
    original, _raw, account_id = load_original(store, message_row)  # ComposeError if missing
    probe = context_from_message(store, message_row)
    lang = _language(library, request.template, request.lang,
                     _country_languages(probe.buyer.country))
    locale = probe.locale_for(lang) if probe.buyer.country else lang
    lines = price_items(store, request.items, currency, locale)
    if any(money.round_money(li.line_total, currency) != li.line_total for li in lines):
        raise QuoteInputError(_("A line total does not fit the currency's precision."))
    today = request.today or date.today()
    valid_until = today + timedelta(days=request.valid_days)
    fields = reply_fields(store, message_row, language=lang)
    rep = fields.sender

    number = numbering.next_number(store, rep, today)  # from here on, a failure burns it
    quote_ctx = QuoteContext(
        number=number,
        items=tuple(QuoteItem(li.product, li.specification, li.quantity, li.unit, li.unit_price,
                              li.line_total) for li in lines),
        currency=currency, incoterm=incoterm, place=request.place.strip(),
        payment_terms=request.payment_terms.strip(), valid_until=valid_until,
        lead_time=request.lead_time.strip(), remarks=request.remarks.strip(),
        total=money.total_of((li.line_total for li in lines), currency))
    context = context_from_message(store, message_row, lang=lang, quote=quote_ctx)
    rendered = render_template(request.template, lang, context, library)

    attachments = fields.attachments
    pdf_name: str | None = None
    if request.with_pdf:
        try:
            bundle = policy_in_force(store)
        except PolicyError:
            bundle = None
        seller_values = dict(context.rep)
        seller = pdf.Party(seller_values.get("company") or seller_values.get("full_name") or rep,
                           _party_lines(seller_values, "address", "phone", "email", "website"))
        buyer = context.buyer
        buyer_lines = (*((buyer.company,) if buyer.company and buyer.name else ()),
                       *request.buyer_address, *((buyer.country_name,) if buyer.country_name
                                                 and not request.buyer_address else ()),
                       buyer.email)
        document = pdf.QuotationDocument(
            number=number, quote_date=today, currency=currency, lang=locale, seller=seller,
            buyer=pdf.Party(buyer.name or buyer.company or buyer.email,
                            tuple(x for x in buyer_lines if x)),
            items=lines, valid_until=valid_until, incoterm=incoterm,
            place=request.place.strip(), payment_terms=request.payment_terms.strip(),
            lead_time=request.lead_time.strip(), remarks=request.remarks.strip(),
            logo=bundle.logo if bundle is not None else None, paper=request.paper)
        pdf_name = pdf.pdf_filename(number)
        attachments = (*attachments,
                       OutgoingAttachment(pdf_name, pdf.render_pdf(document), "application/pdf"))

    fields = replace(fields, attachments=attachments)
    buyer_email = original.reply_to[0].email if original.reply_to else (
        original.sender[0].email if original.sender else "")
    new = records.NewQuote(
        number=number, rep=rep, currency=currency, items=lines, quote_date=today,
        account_id=account_id, buyer_name=context.buyer.name, buyer_email=buyer_email,
        buyer_address="\n".join(request.buyer_address), incoterm=incoterm,
        place=request.place.strip(), payment_terms=request.payment_terms.strip(),
        lead_time=request.lead_time.strip(), lang=locale, valid_until=valid_until,
        inquiry_row=message_row, inquiry_message_id=original.message_id,
        thread_id=_thread_of(store, message_row))
    notices: tuple[str, ...] = ()
    with store.transaction(durable=True):  # draft/outbox item and record: both or neither
        if request.send:
            queued = queue_message(store, account_id, fields, render=from_template(rendered))
            new = replace(new, outbox_id=queued.outbox_id, message_id=queued.message_id)
            draft_id, outbox_id, message_id = None, queued.outbox_id, queued.message_id
            notices = queued.notices
        else:
            draft_id = save_draft(store, account_id, apply_rendered(fields, rendered))
            new = replace(new, draft_id=draft_id)
            outbox_id, message_id = None, None
        record = records.record_quote(store, new)
    return QuoteReply(record, draft_id, outbox_id, message_id, rendered.subject, pdf_name,
                      notices)


def _thread_of(store: Store, message_row: int) -> int | None:
    row = store.get_message(message_row)
    value = getattr(row, "thread_id", None) if row is not None else None
    return int(value) if value is not None else None


def _country_languages(country: str) -> list[str]:
    """The languages of a country, most used first (babel), to choose a template variant."""
    if not country:
        return []
    from babel.languages import get_official_languages

    return list(get_official_languages(country, de_facto=True))
