"""`tradewind risk ID`, `tradewind bank-details list|add|remove|confirm` and `tradewind trusted
list|add|remove|authserv`: the payment-fraud guard (issue 19, `client.security.assess`).

`risk` prints the `risk` object that `show --json` carries (computed on first use and cached);
`bank-details` shows and edits the known bank details per customer domain (`confirm ID` takes
those found in a message the rep checked by phone); `trusted` is the "this is really our buyer"
allow list (addresses and domains; `remove` is the undo) and the trusted authserv-id per
account. Local cache only; main thread. Bad input: exit 2 with a sentence, nothing changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.lookup import accounts_in_scope, parse_ids, require_messages
from client.cli.output import format_table, safe_text
from client.security.bank_kinds import KINDS

# The fraud guard's modules (schwifty, authres, the parsers) load in the handlers only, so
# `tradewind --help` and the other commands stay fast (tests/client/cli/test_lazy_start.py).


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `risk`, `bank-details` and `trusted` commands."""
    risk = subparsers.add_parser("risk", parents=[common],
                                 help="fraud risk of a message: score, level and reasons")
    risk.add_argument("id", metavar="MESSAGE_ID")
    risk.add_argument("--recompute", action="store_true", help="ignore the cached result")
    risk.set_defaults(handler=cmd_risk)

    bank = subparsers.add_parser("bank-details", parents=[common],
                                 help="the bank details you confirmed per customer domain")
    sub = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", parents=[common], help="every known bank detail")
    listing.add_argument("--domain", default=None)
    listing.set_defaults(handler=cmd_bank_list)
    add = sub.add_parser("add", parents=[common], help="remember a confirmed bank detail")
    add.add_argument("domain", metavar="DOMAIN", help="the customer's domain or address")
    add.add_argument("kind", choices=KINDS)
    add.add_argument("value", metavar="VALUE")
    add.set_defaults(handler=cmd_bank_add)
    confirm = sub.add_parser("confirm", parents=[common],
                             help="remember the bank details of a message you checked by phone")
    confirm.add_argument("id", metavar="MESSAGE_ID")
    confirm.set_defaults(handler=cmd_bank_confirm)
    remove = sub.add_parser("remove", parents=[common], help="forget a known bank detail")
    remove.add_argument("detail_id", metavar="DETAIL_ID", type=int)
    remove.set_defaults(handler=cmd_bank_remove)

    trusted = subparsers.add_parser("trusted", parents=[common],
                                    help="senders that really are your buyer (fraud guard)")
    tsub = trusted.add_subparsers(dest="trusted_command", metavar="ACTION", required=True)
    tsub.add_parser("list", parents=[common], help="the trusted addresses and domains"
                    ).set_defaults(handler=cmd_trusted_list)
    for name, words in (("add", "trust an address or domain"), ("remove", "undo a trust")):
        action = tsub.add_parser(name, parents=[common], help=words)
        action.add_argument("entry", metavar="ADDRESS_OR_DOMAIN")
        action.set_defaults(handler=cmd_trusted_change)
    serv = tsub.add_parser("authserv", parents=[common],
                           help="whose Authentication-Results to trust for an account")
    serv.add_argument("account", metavar="ACCOUNT")
    serv.add_argument("value", metavar="AUTHSERV_ID", nargs="?", default=None)
    serv.add_argument("--default", action="store_true", help="go back to the IMAP host's domain")
    serv.set_defaults(handler=cmd_authserv)


def cmd_risk(ctx: Context, args: argparse.Namespace) -> int:
    from client.security.assess import risk_of_row

    store = ctx.store()
    (message_id,) = parse_ids([args.id])
    (row,) = require_messages(store, [message_id])
    found = risk_of_row(store, row, use_cache=not args.recompute)
    if found is None:
        raise UsageError(
            f"The body of message {row.id} is not downloaded yet; run `tradewind sync`.")
    document = {"id": row.id, **found.to_json()}

    def text() -> str:
        lines = [f"Risk: {document['level']} ({document['score']}/100)"]
        lines += [f"- {safe_text(r['text'], 300)}" for r in document["reasons"]]
        if document["advice"]:
            lines.append(document["advice"])
        return "\n".join(lines)

    ctx.emit(document, text)
    return int(ExitCode.OK)


def _emit_details(ctx: Context, domain: str | None) -> int:
    from client.security import risk_store

    rows = [k.to_json() for k in risk_store.known_details(ctx.store(), domain)]
    ctx.emit({"bank_details": rows}, lambda: format_table(
        ["ID", "DOMAIN", "KIND", "VALUE", "SOURCE"],
        [[str(r["id"]), r["domain"], r["kind"], safe_text(r["value"]), safe_text(r["source"])]
         for r in rows]) if rows else "No bank details are known yet.")
    return int(ExitCode.OK)


def cmd_bank_list(ctx: Context, args: argparse.Namespace) -> int:
    return _emit_details(ctx, args.domain)


def cmd_bank_add(ctx: Context, args: argparse.Namespace) -> int:
    from client.security import risk_store
    from client.security.lookalike import domain_of

    try:
        detail = risk_store.parse_detail(args.kind, args.value)
        risk_store.add_detail(ctx.store(), args.domain, detail, source="typed")
    except ValueError as error:
        raise UsageError(str(error)) from error
    return _emit_details(ctx, domain_of(args.domain) if "@" in args.domain else args.domain)


def cmd_bank_confirm(ctx: Context, args: argparse.Namespace) -> int:
    from client.security import risk_store
    from client.security.assess import details_of_row
    from client.security.lookalike import domain_of

    store = ctx.store()
    (message_id,) = parse_ids([args.id])
    (row,) = require_messages(store, [message_id])
    try:
        details = details_of_row(store, row)
    except KeyError as error:
        raise UsageError(f"The body of message {row.id} is not downloaded yet; run "
                         "`tradewind sync`.") from error
    if not details:
        raise UsageError(f"Message {row.id} contains no bank details.")
    domain = domain_of(row.from_email)
    if not domain:
        raise UsageError(f"Message {row.id} has no sender address.")
    for detail in details:
        risk_store.add_detail(store, domain, detail, source=f"message {row.message_id or row.id}")
    return _emit_details(ctx, domain)


def cmd_bank_remove(ctx: Context, args: argparse.Namespace) -> int:
    from client.security import risk_store

    if not risk_store.remove_detail(ctx.store(), args.detail_id):
        raise CliError(f"There is no known bank detail {args.detail_id}.", ExitCode.NOT_FOUND)
    return _emit_details(ctx, None)


def _emit_trusted(ctx: Context) -> int:
    from client.security import risk_store

    entries = sorted(risk_store.allowed(ctx.store()))
    ctx.emit({"trusted": entries}, "\n".join(entries) or "No sender is marked as trusted.")
    return int(ExitCode.OK)


def cmd_trusted_list(ctx: Context, args: argparse.Namespace) -> int:
    return _emit_trusted(ctx)


def cmd_trusted_change(ctx: Context, args: argparse.Namespace) -> int:
    """`trusted add` / `trusted remove` (the undo), by `args.trusted_command`."""
    from client.security import risk_store

    change = risk_store.allow if args.trusted_command == "add" else risk_store.disallow
    try:
        change(ctx.store(), args.entry)
    except ValueError as error:
        raise UsageError(str(error)) from error
    return _emit_trusted(ctx)


def cmd_authserv(ctx: Context, args: argparse.Namespace) -> int:
    from client.security import risk_store
    from client.security.auth_results import default_authserv_id

    store = ctx.store()
    (account,) = accounts_in_scope(store, args.account)
    if args.default or args.value:
        try:
            risk_store.set_authserv_id(store, account.id, None if args.default else args.value)
        except ValueError as error:
            raise UsageError(str(error)) from error
    current = risk_store.authserv_id(store, account.id)
    document = {"account": account.email,
                "authserv_id": current or default_authserv_id(account.imap_host),
                "default": current is None}
    ctx.emit(document, f"{account.email}: trusting Authentication-Results from "
                       f"{document['authserv_id']}" + (" (default)" if current is None else ""))
    return int(ExitCode.OK)
