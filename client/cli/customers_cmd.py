"""`tradewind customers [list|show|edit|merge|duplicates|build]` and `tradewind export`.

Customers are built from the cached mail first (`client.customers.build`, incremental), so
every listing is current. `edit ID --stage S --name N --country CC --zone Z --owner O
--phone P --notes T`; `merge A B` keeps A; `export --customer ID --mbox FILE | --eml DIR`
writes every cached message of the customer (bodies not cached are counted as `missing`).
Bad input exits 2 in words and changes nothing; an unknown id exits 6. JSON shapes:
docs/cli.md. Main thread.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import format_table, safe_text

if TYPE_CHECKING:
    from client.customers.local_time import LocalTime
    from client.store.db import Store


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `customers` and `export`."""
    cust = subparsers.add_parser("customers", parents=[common],
                                 help="customers built from the mail: list, show, edit, merge")
    cust.add_argument("action", nargs="?", default="list",
                      choices=("list", "show", "edit", "merge", "duplicates", "build"))
    cust.add_argument("ids", nargs="*", metavar="ID")
    cust.add_argument("--stage", choices=("lead", "prospect", "customer", "lost"))
    for name in ("name", "country", "zone", "owner", "phone", "notes"):
        cust.add_argument(f"--{name}", metavar=name.upper())
    cust.add_argument("--full", action="store_true", help="build: look at every message again")
    cust.set_defaults(handler=cmd_customers)

    export = subparsers.add_parser("export", parents=[common],
                                   help="a customer's mail as an mbox file or .eml files")
    export.add_argument("--customer", required=True, metavar="ID")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--mbox", metavar="FILE")
    where.add_argument("--eml", metavar="DIR")
    export.set_defaults(handler=cmd_export)


def _id(text: str) -> int:
    if not text.strip().isdigit():
        raise UsageError(f"{text!r} is not a customer id (a number from `tradewind customers`).")
    return int(text)


def _day(epoch: float | None) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d") if epoch else "-"


def _not_found(exc: Exception) -> CliError:
    return CliError(str(exc), ExitCode.NOT_FOUND)


def cmd_customers(ctx: Context, args: argparse.Namespace) -> int:
    from client.customers.build import build_customers
    from client.customers.records import (
        CustomerError,
        edit_customer,
        find_duplicates,
        list_customers,
        merge_customers,
    )
    from client.customers.view import customer_view

    store = ctx.store()
    built = build_customers(store, full=args.full)
    if args.action == "build":
        ctx.emit(built.as_json(), f"Looked at {built.rows} messages; "
                                  f"{len(built.created)} new customers.")
        return ExitCode.OK
    if args.action == "duplicates":
        pairs = find_duplicates(store)
        ctx.emit({"duplicates": [p.as_json() for p in pairs]}, lambda: format_table(
            ("FIRST", "SECOND", "WHY"), [(p.first, p.second, p.reason) for p in pairs])
            if pairs else "No likely duplicates.")
        return ExitCode.OK
    if args.action == "list":
        items = list_customers(store, args.stage)
        ctx.emit({"customers": [c.as_json() for c in items]}, lambda: format_table(
            ("ID", "KIND", "NAME", "DOMAIN", "COUNTRY", "STAGE"),
            [(c.id, c.kind, c.name, c.domain or (c.addresses[:1] or ("",))[0],
              c.country or "", c.stage) for c in items]) if items else "No customers yet.")
        return ExitCode.OK
    wanted = 2 if args.action == "merge" else 1
    if len(args.ids) != wanted:
        raise UsageError(f"customers {args.action} takes {wanted} id{'s' if wanted > 1 else ''}.")
    ids = [_id(i) for i in args.ids]
    try:
        if args.action == "merge":
            merged = merge_customers(store, ids[0], ids[1])
            ctx.emit({"merged": ids[1], "customer": merged.as_json()},
                     f"Customer {ids[1]} merged into {merged.id} ({merged.name}).")
            return ExitCode.OK
        if args.action == "edit":
            changes = {k: getattr(args, k) for k in ("stage", "name", "country", "zone",
                                                      "owner", "phone", "notes")
                       if getattr(args, k) is not None}
            if not changes:
                raise UsageError("Give what to change: --stage, --name, --country, --zone, "
                                 "--owner, --phone or --notes.")
            try:
                changed = edit_customer(store, ids[0], **changes)
            except CustomerError as exc:
                if "There is no customer" in str(exc):
                    raise _not_found(exc) from None
                raise CliError(str(exc), ExitCode.USAGE) from None
            ctx.emit({"customer": changed.as_json()},
                     f"Customer {changed.id} ({changed.name}): {changed.stage}.")
            return ExitCode.OK
        view = customer_view(store, ids[0])
    except CustomerError as exc:
        if "There is no customer" in str(exc):
            raise _not_found(exc) from None
        raise CliError(str(exc), ExitCode.USAGE) from None
    c = view.customer
    now = _local_time_now(store, c.addresses)
    doc = {**view.as_json(), "local_time": now.as_json() if now is not None else None}
    lines = [f"{c.id}  {c.name}  ({c.kind}, {c.stage})",
             f"their time: {now.label() if now is not None else 'zone not known'}",
             f"domain: {c.domain or '-'}  country: {c.country or '-'}  zone: {c.zone or '-'}",
             f"addresses: {', '.join(c.addresses)}",
             f"messages: {view.messages}  first contact: {_day(view.first_contact)}  "
             f"last in: {_day(view.last_inbound)}  last out: {_day(view.last_outbound)}",
             f"open quotes: {', '.join(q.number for q in view.open_quotes) or '-'}"]
    lines += [f"  {_day(t.last_date)}  {t.messages:>3}  {safe_text(t.subject, 60)}"
              for t in view.threads[:50]]
    lines += [f"  meeting {m.start_utc}  {safe_text(m.summary, 60)}" for m in view.meetings]
    ctx.emit(doc, "\n".join(safe_text(line) if i < 6 else line
                             for i, line in enumerate(lines)))
    return ExitCode.OK


def _local_time_now(store: Store, addresses: tuple[str, ...]) -> LocalTime | None:
    """The buyer's local time now (their first address with a known zone), or None."""
    from client.customers.local_time import buyer_zone, local_time

    for address in addresses:
        choice = buyer_zone(store, address)
        if choice is not None:
            return local_time(choice.zone, choice.country, datetime.now(UTC))
    return None


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from client.customers.build import build_customers
    from client.customers.export import export_customer
    from client.customers.records import CustomerError

    store = ctx.store()
    build_customers(store)
    try:
        report = export_customer(store, _id(args.customer),
                                 mbox=Path(args.mbox) if args.mbox else None,
                                 eml_dir=Path(args.eml) if args.eml else None)
    except CustomerError as exc:
        raise _not_found(exc) from None
    except OSError as exc:
        raise UsageError(f"Cannot write the export: {exc.strerror or exc}.") from None
    ctx.emit(report.as_json(), f"Wrote {report.written} messages to {report.target}"
                               + (f"; {report.missing} not cached (sync their bodies first)."
                                  if report.missing else "."))
    return ExitCode.OK
