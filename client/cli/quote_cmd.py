"""`tradewind products import|list`, `tradewind quote`, `tradewind quotes [list|show|mark]`.

`quote MESSAGE_ID` answers a cached inquiry with a quotation template: items from the price
list (`--item "SKU;QTY"`) or written out (`--item "PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"`), an
optional PDF, saved as a reply draft, or queued and sent with `--send` (the company signature
is enforced on that path). Render and PDF are complete before anything is saved or queued.
Bad input (item, currency, Incoterm, quantity, price list file, template) exits 2 in words
and changes nothing; a number handed out before a later failure is not reused. JSON shapes:
docs/cli.md. Main thread.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import format_table, safe_text

if TYPE_CHECKING:
    from client.quotes.records import QuoteRecord

STATE_CHOICES = ("draft", "sent", "answered", "won", "lost", "expired")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `products`, `quote` and `quotes`."""
    prod = subparsers.add_parser("products", parents=[common], help="the product price list")
    psub = prod.add_subparsers(dest="products_command", metavar="ACTION", required=True)
    imp = psub.add_parser("import", parents=[common], help="import products from CSV or XLSX")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(handler=cmd_products_import)
    lst = psub.add_parser("list", parents=[common], help="the products in the price list")
    lst.set_defaults(handler=cmd_products_list)

    quote = subparsers.add_parser("quote", parents=[common],
                                  help="answer an inquiry with a quotation (draft or --send)")
    quote.add_argument("id", metavar="MESSAGE_ID", help="the inquiry (a number from `ls`)")
    quote.add_argument("--template", metavar="NAME", help="e.g. quotation")
    quote.add_argument("--last", action="store_true",
                       help="the template and choices of the last quote (the app's one click); "
                            "options given here win")
    quote.add_argument("--lang", metavar="L",
                       help="template language (default: the buyer's country, else English)")
    quote.add_argument("--item", action="append", default=[],
                       metavar="SKU;QTY | PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE",
                       help="a quote line (repeat for more)")
    quote.add_argument("--currency", metavar="CODE", help="e.g. USD, EUR, CNY")
    quote.add_argument("--incoterm", default="", metavar="RULE",
                       help="Incoterms 2020 rule: EXW FCA FAS FOB CFR CIF CPT CIP DAP DPU DDP")
    quote.add_argument("--place", default="", metavar="PLACE", help="named place or port")
    quote.add_argument("--payment", default="", metavar="TEXT", help="payment terms")
    quote.add_argument("--valid-days", type=int, default=None, metavar="N",
                       help="validity in days from today (30)")
    quote.add_argument("--lead-time", default="", metavar="TEXT")
    quote.add_argument("--remarks", default="", metavar="TEXT")
    quote.add_argument("--buyer-address", action="append", default=[], metavar="LINE",
                       help="a line of the buyer's address for the PDF (repeat)")
    quote.add_argument("--pdf", action="store_true", help="attach a PDF quotation")
    quote.add_argument("--paper", default="A4", choices=("A4", "Letter"))
    quote.add_argument("--save-pdf", metavar="FILE", help="also write the PDF to FILE")
    quote.add_argument("--send", action="store_true",
                       help="queue the reply and send it now (default: save it as a draft)")
    quote.add_argument("--queue-only", action="store_true",
                       help="with --send: queue without sending now")
    quote.set_defaults(handler=cmd_quote)

    quotes = subparsers.add_parser("quotes", parents=[common],
                                   help="quote records: list, show, mark won or lost")
    quotes.add_argument("action", nargs="?", default="list",
                        choices=("list", "show", "mark", "pattern"))
    quotes.add_argument("number", nargs="?", metavar="NUMBER|PATTERN")
    quotes.add_argument("outcome", nargs="?", metavar="won|lost")
    quotes.add_argument("--state", action="append", default=[], choices=STATE_CHOICES,
                        help="only quotes in this state (repeat for more)")
    quotes.add_argument("--rep", metavar="ADDRESS",
                        help="pattern: for this rep only (default: every rep of the profile)")
    quotes.set_defaults(handler=cmd_quotes)


def _bad(exc: Exception) -> CliError:
    return CliError(str(exc), ExitCode.USAGE)


def cmd_products_import(ctx: Context, args: argparse.Namespace) -> int:
    from client.quotes.products import ProductImportError, import_file

    try:
        report = import_file(ctx.store(), Path(args.file))
    except ProductImportError as exc:
        raise CliError(str(exc), ExitCode.USAGE,
                       {"problems": [{"row": r, "message": m} for r, m in exc.problems]}
                       ) from None
    doc = {"added": report.added, "updated": report.updated, "skus": list(report.skus)}
    ctx.emit(doc, f"Imported {report.added + report.updated} products "
                  f"({report.added} new, {report.updated} updated).")
    return ExitCode.OK


def cmd_products_list(ctx: Context, args: argparse.Namespace) -> int:
    from client.quotes.company_products import company_price_list, listed_products

    company = company_price_list(ctx.store())
    items = listed_products(ctx.store(), company)
    doc: dict[str, Any] = {"products": [li.as_json() for li in items],
                           "company_file": company.file, "company_problem": company.problem}

    def source(li: Any) -> str:
        return ("personal (the company's wins)" if li.overridden else li.source)

    def text() -> str:
        table = format_table(
            ("SKU", "NAME", "UNIT", "PRICES", "SOURCE"),
            [(safe_text(li.product.sku), safe_text(li.product.name_for(None)),
              safe_text(li.product.unit),
              " ".join(f"{c} {format(v, 'f')}" for c, v in sorted(li.product.prices.items())),
              source(li)) for li in items]) if items else "The price list is empty."
        return table + (f"\n{company.problem}" if company.problem else "")

    ctx.emit(doc, text)
    return ExitCode.OK


def _message_row(text: str) -> int:
    if not text.strip().isdigit():
        raise UsageError(f"{text!r} is not a message id (a number from `tradewind ls`).")
    return int(text)


def _fill_from_last(store: Any, args: argparse.Namespace) -> None:
    """`--last`: every option not given takes the last quote's choice
    (`client.quotes.last_choices`); exit 2 when no quote was made yet."""
    from client.quotes import last_choices

    choices = last_choices.last(store)
    if choices is None:
        raise UsageError("There is no last quote to repeat yet; give --template, --currency "
                         "and --item.")
    args.template = args.template or choices.template
    args.item = args.item or list(choices.items)
    args.currency = args.currency or choices.currency
    args.incoterm = args.incoterm or choices.incoterm
    args.place = args.place or choices.place
    args.payment = args.payment or choices.payment_terms
    args.valid_days = choices.valid_days if args.valid_days is None else args.valid_days
    args.lead_time = args.lead_time or choices.lead_time
    args.pdf = args.pdf or choices.with_pdf


def cmd_quote(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.headers import ComposeError
    from client.quotes.pdf import PdfTextError, QuotePdfError
    from client.quotes.records import refresh_states
    from client.quotes.reply import QuoteRequest, create_quote_reply, item_specs
    from client.templates import QuoteInputError, TemplateError, load_library

    if args.queue_only and not args.send:
        raise UsageError("--queue-only goes with --send.")
    row = _message_row(args.id)
    store = ctx.store()
    if args.last:
        _fill_from_last(store, args)
    if args.save_pdf and not args.pdf:
        raise UsageError("--save-pdf goes with --pdf.")
    if not args.template or not args.currency:
        raise UsageError("Give --template and --currency (or --last, to repeat the last "
                         "quote's choices).")
    try:
        request = QuoteRequest(
            template=args.template, items=item_specs(args.item), currency=args.currency,
            incoterm=args.incoterm, place=args.place, lang=args.lang,
            payment_terms=args.payment, valid_days=30 if args.valid_days is None
            else args.valid_days, lead_time=args.lead_time, remarks=args.remarks,
            buyer_address=tuple(args.buyer_address), with_pdf=args.pdf, paper=args.paper,
            send=args.send)
    except QuoteInputError as exc:
        raise _bad(exc) from None
    if store.get_message(row) is None:
        raise CliError(f"There is no message {row} in the cache.", ExitCode.NOT_FOUND)
    library = load_library(ctx.profile, store=store)  # with the company's signed templates
    try:
        result = create_quote_reply(store, row, request, library)
        from client.quotes import last_choices

        last_choices.remember(store, request)
    except (QuoteInputError, TemplateError, ComposeError, PdfTextError) as exc:
        raise _bad(exc) from None
    except QuotePdfError as exc:
        raise CliError(str(exc), ExitCode.GENERAL) from None
    for note in result.notices:
        ctx.notice(f"Note: {note}")
    if args.save_pdf:
        _save_pdf(store, result.record.number, result, Path(args.save_pdf))
    state = None
    flush = None
    if result.outbox_id is not None:
        state, flush = _maybe_flush(ctx, result.outbox_id, args.queue_only)
        refresh_states(store)
    record = _reload(store, result.record.number)
    doc = {**_brief(record), "draft_id": result.draft_id, "outbox_id": result.outbox_id,
           "outbox_state": state, "message_id": result.message_id, "subject": result.subject,
           "pdf": result.pdf_name, "flush": flush, "notices": list(result.notices)}
    where = (f"draft {result.draft_id}" if result.draft_id is not None
             else f"outbox message {result.outbox_id} ({state})")
    ctx.emit(doc, f"Quote {record.number}: {record.currency} "
                  f"{doc['total']} ({doc['total_formatted']}), valid until "
                  f"{doc['valid_until']}, saved as {where}.")
    return ExitCode.OK


def _save_pdf(store: Any, number: str, result: Any, target: Path) -> None:
    """Write the attached PDF (as queued or saved) to `target`."""
    from client.compose.drafts import attachments_of, draft_raw
    from client.smtp.outbox import Outbox

    raw = (draft_raw(store, result.draft_id) if result.draft_id is not None
           else Outbox(store).raw(result.outbox_id))
    for att in attachments_of(raw):
        if att.filename == result.pdf_name:
            try:
                target.write_bytes(att.data)
            except OSError as exc:
                raise CliError(f"Quote {number} is saved, but {target} cannot be written: "
                               f"{exc.strerror or exc}.", ExitCode.GENERAL) from None
            return


def _maybe_flush(ctx: Context, outbox_id: int, queue_only: bool) -> tuple[str, Any]:
    from client.smtp.outbox import Outbox

    store = ctx.store()
    item = Outbox(store).get(outbox_id)
    report = None
    if not queue_only:
        from client.cli.queue_tail import flush_now

        account = store.account(item.account_id)
        assert account is not None
        report = flush_now(ctx, store, account)
        item = Outbox(store).get(outbox_id)
    return item.state, (report.as_json() if report is not None else None)


def _reload(store: Any, number: str) -> QuoteRecord:
    from client.quotes.records import get_quote

    return get_quote(store, number)


def _brief(record: QuoteRecord) -> dict[str, Any]:
    doc = record.as_json()
    return {"number": doc["number"], "state": doc["state"], "currency": doc["currency"],
            "total": doc["total"], "total_formatted": doc["total_formatted"],
            "valid_until": doc["valid_until"], "buyer": doc["buyer"],
            "incoterm": doc["incoterm"], "place": doc["place"], "items": doc["items"]}


def cmd_quotes(ctx: Context, args: argparse.Namespace) -> int:
    from client.quotes.records import (
        QuoteNotFound,
        QuoteRecordError,
        get_quote,
        list_quotes,
        mark,
        refresh_states,
    )

    store = ctx.store()
    if args.action == "pattern":
        return _pattern(ctx, store, args.number, args.rep)
    if args.action == "list":
        if args.number:
            raise UsageError("`quotes list` takes no number (use `quotes show NUMBER`).")
        refresh_states(store)
        found = list_quotes(store, args.state)
        doc = {"quotes": [q.as_json() for q in found]}
        ctx.emit(doc, lambda: format_table(
            ("NUMBER", "STATE", "BUYER", "TOTAL", "VALID UNTIL"),
            [(q.number, q.state, safe_text(q.buyer_email), f"{q.currency} "
              f"{q.as_json()['total']}", q.valid_until.isoformat() if q.valid_until else "")
             for q in found]) if found else "No quotes.")
        return ExitCode.OK
    if not args.number:
        raise UsageError(f"Give the quote number: tradewind quotes {args.action} NUMBER.")
    try:
        if args.action == "show":
            if args.outcome:
                raise UsageError("`quotes show` takes only the number.")
            refresh_states(store)
            record = get_quote(store, args.number)
        else:
            if args.outcome not in ("won", "lost"):
                raise UsageError("Say how it ended: tradewind quotes mark NUMBER won|lost.")
            record = mark(store, args.number, args.outcome)
    except QuoteNotFound as exc:
        raise CliError(str(exc), ExitCode.NOT_FOUND) from None
    except QuoteRecordError as exc:
        raise _bad(exc) from None
    doc = record.as_json()
    ctx.emit(doc, f"{record.number}: {record.state}, {record.currency} {doc['total']} "
                  f"({doc['total_formatted']}), buyer {safe_text(record.buyer_email)}.")
    return ExitCode.OK


def _pattern(ctx: Context, store: Any, pattern: str | None, rep: str | None) -> int:
    """Show or set the quote number pattern (all reps, or one with --rep)."""
    from client.quotes.numbering import NumberPatternError, pattern_for, set_pattern

    try:
        if pattern:
            current = set_pattern(store, pattern, rep)
        else:
            current = pattern_for(store, rep or "")
    except NumberPatternError as exc:
        raise _bad(exc) from None
    ctx.emit({"pattern": current, "rep": rep.lower() if rep else None},
             f"Quote numbers{' of ' + safe_text(rep) if rep else ''}: {current}")
    return ExitCode.OK
