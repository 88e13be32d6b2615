"""`tradewind templates list|show|render|import|export`: quote and mail templates.

Local only (no network). `render` answers a cached message with a template: the buyer, the
inquiry and the rep come from the cache and the signature policy, the quote from `--item
"PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE"` and the quote options (`quote_context.quote_from_cli`).
A template with a syntax error, an unknown variable, a sandbox violation or too much output,
a broken file and a bad item are bad input: words on stderr, exit 2. JSON shapes: docs/cli.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import format_table, safe_block, safe_text


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `templates` command group."""
    group = subparsers.add_parser("templates", parents=[common],
                                  help="quote and mail templates (list, show, render, import)")
    sub = group.add_subparsers(dest="templates_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", parents=[common], help="the templates in force")
    listing.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", parents=[common], help="the source of one template")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--lang", metavar="L", help="a language variant (default: English)")
    show.set_defaults(handler=cmd_show)

    render = sub.add_parser("render", parents=[common],
                            help="render a template as an answer to a cached message")
    render.add_argument("name", metavar="NAME")
    render.add_argument("--message", required=True, metavar="ID", help="message id (`ls`)")
    render.add_argument("--lang", metavar="L",
                        help="language (default: from the buyer's country domain, else from "
                             "the inquiry's script, else English)")
    render.add_argument("--locale", metavar="LOCALE",
                        help="formatting locale for money and dates (default: language + the "
                             "buyer's country, e.g. de_DE)")
    render.add_argument("--item", action="append", default=[],
                        metavar="SKU;QTY | PRODUCT;SPEC;QTY;UNIT;UNIT_PRICE",
                        help="a quote line (a SKU is priced from the price list)")
    for option, meta, text in (
            ("--number", "NO", "quote number"), ("--currency", "CODE", "e.g. USD (default)"),
            ("--incoterm", "RULE", "Incoterms 2020 rule: EXW, FCA, FAS, FOB, CFR, CIF, CPT, CIP, "
                                   "DAP, DPU, DDP"),
            ("--place", "PLACE", "named place or port"), ("--payment-terms", "TEXT", ""),
            ("--valid-until", "YYYY-MM-DD", ""), ("--lead-time", "TEXT", ""),
            ("--moq", "TEXT", "minimum order quantity"), ("--remarks", "TEXT", "")):
        render.add_argument(option, metavar=meta, help=text or None)
    render.set_defaults(handler=cmd_render)

    imp = sub.add_parser("import", parents=[common],
                         help="copy .tpl files into your personal templates")
    imp.add_argument("path", metavar="PATH", help="a .tpl file or a folder of them")
    imp.add_argument("--replace", action="store_true",
                     help="overwrite your personal templates of the same name and language")
    imp.set_defaults(handler=cmd_import)

    exp = sub.add_parser("export", parents=[common],
                         help="write the templates in force to a folder as .tpl files")
    exp.add_argument("directory", metavar="DIR")
    exp.add_argument("--replace", action="store_true", help="overwrite differing files in DIR")
    exp.set_defaults(handler=cmd_export)


def _library(ctx: Context) -> Any:
    from client.templates import load_library

    library = load_library(ctx.profile, store=ctx.store())
    for problem in library.problems:
        ctx.notice(f"warning: skipped {safe_text(problem.message)}")
    return library


def _bad_input(exc: Exception) -> CliError:
    return CliError(str(exc), ExitCode.USAGE)


def _lookup(library: Any, name: str, lang: str | None) -> Any:
    """The variant of `name` in `lang` (None: the template's default language); exit 6 with
    the known names or languages when there is none."""
    from client.templates import TemplateNotFound

    try:
        return library.variant(name, lang or library.best_language(name, []))
    except TemplateNotFound as exc:
        raise CliError(str(exc), ExitCode.NOT_FOUND) from None


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    library = _library(ctx)
    rows = []
    for name in library.names():
        template = library.get(name)
        rows.append({"name": name, "category": template.category, "title": template.title,
                     "languages": template.languages,
                     "origins": {lang: v.origin for lang, v in template.variants.items()}})
    doc = {"templates": rows,
           "problems": [{"path": p.path, "origin": p.origin, "message": p.message}
                        for p in library.problems]}
    ctx.emit(doc, lambda: format_table(
        ("NAME", "CATEGORY", "LANGUAGES"),
        [(r["name"], r["category"], " ".join(r["languages"])) for r in rows]))
    return ExitCode.OK


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    library = _library(ctx)
    variant = _lookup(library, args.name, args.lang)
    doc = {"name": variant.name, "lang": variant.lang, "category": variant.category,
           "title": variant.title, "origin": variant.origin,
           "path": str(variant.path) if variant.path else None, "subject": variant.subject,
           "html": variant.html, "text": variant.text}
    ctx.emit(doc, lambda: safe_block(variant.source))
    return ExitCode.OK


def _message_row(text: str) -> int:
    if not text.isdigit():
        raise UsageError(f"{text!r} is not a message id (a number from `tradewind ls`).")
    return int(text)


def cmd_render(ctx: Context, args: argparse.Namespace) -> int:
    from client.compose.text_language import script_language
    from client.quotes.render_items import is_sku_item, quote_with_price_list
    from client.templates import (
        QuoteInputError,
        TemplateError,
        context_from_message,
        render_template,
    )
    from client.templates.context import country_of
    from client.templates.files import TemplateFileError, check_lang
    from client.templates.quote_context import quote_from_cli

    library = _library(ctx)
    row_id = _message_row(args.message)
    _lookup(library, args.name, args.lang)  # an unknown name or language: exit 6 before I/O
    try:
        if args.locale:
            check_lang(args.locale, "--locale")
        options = {
            "number": args.number, "currency": args.currency, "incoterm": args.incoterm,
            "place": args.place, "payment_terms": args.payment_terms,
            "valid_until": args.valid_until, "lead_time": args.lead_time, "moq": args.moq,
            "remarks": args.remarks}
        quote = quote_from_cli([i for i in args.item if not is_sku_item(i)], options)
    except (QuoteInputError, TemplateFileError) as exc:
        raise _bad_input(exc) from None
    store = ctx.store()
    row = store.get_message(row_id)
    if row is None:
        raise CliError(f"There is no message {row_id} in the cache.", ExitCode.NOT_FOUND)
    wanted = _languages_of(country_of(row.from_email))
    by_script = script_language(f"{row.subject}\n{row.preview}")
    if by_script:
        wanted.append(by_script)
    lang = args.lang or library.best_language(args.name, wanted)
    if any(is_sku_item(i) for i in args.item):  # "SKU;QTY": priced from the price list
        try:
            quote = quote_with_price_list(store, args.item, options, lang)
        except QuoteInputError as exc:
            raise _bad_input(exc) from None
    context = context_from_message(store, row_id, lang=lang, quote=quote, locale=args.locale)
    try:
        mail = render_template(args.name, lang, context, library)
    except TemplateError as exc:
        raise _bad_input(exc) from None
    doc = {"template": mail.template, "lang": mail.lang, "message": row_id,
           "subject": mail.subject, "html": mail.html, "text": mail.text,
           "locale": context.locale_for(mail.lang)}
    ctx.emit(doc, lambda: f"Subject: {safe_text(mail.subject)}\n\n{safe_block(mail.text)}")
    return ExitCode.OK


def _languages_of(country: str) -> list[str]:
    """The languages of a country, most used first (babel), for choosing a variant."""
    if not country:
        return []
    from babel.languages import get_official_languages

    return list(get_official_languages(country, de_facto=True))


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from client.templates import TemplateImportError
    from client.templates.library import import_templates

    ctx.profile.ensure()
    try:
        variants = import_templates(ctx.profile.directory, Path(args.path), replace=args.replace)
    except TemplateImportError as exc:
        raise CliError(str(exc), ExitCode.USAGE, {"problems": exc.problems}) from None
    doc = {"imported": [{"name": v.name, "lang": v.lang, "category": v.category}
                        for v in variants]}
    ctx.emit(doc, f"Imported {len(variants)} template file(s): "
             + ", ".join(v.where for v in variants))
    return ExitCode.OK


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from client.templates import TemplateImportError
    from client.templates.library import export_templates

    library = _library(ctx)
    try:
        written = export_templates(library, Path(args.directory), replace=args.replace)
    except TemplateImportError as exc:
        raise CliError(str(exc), ExitCode.USAGE, {"problems": exc.problems}) from None
    doc = {"directory": str(Path(args.directory)), "files": [p.name for p in written]}
    ctx.emit(doc, f"Wrote {len(written)} template file(s) to {args.directory}.")
    return ExitCode.OK
