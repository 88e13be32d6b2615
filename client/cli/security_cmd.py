"""`tradewind security signals ID | risky-types | allow SENDER | disallow SENDER | allowed`:
the phishing signals of a cached message and the policies behind them (`client.security`).

`signals` prints the `security` object `show --json` carries; `risky-types` the attachment
types that can run code, with their reasons; `allow`/`disallow`/`allowed` edit and list the
remote-content allow list (addresses and `@domain` entries). Reads the local cache only. Main
thread.
"""

from __future__ import annotations

import argparse
from typing import Any

from client import settings
from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.lookup import parse_ids, require_messages
from client.cli.output import format_table, safe_text
from client.i18n import translate
from client.security import attachments, remote_content


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `security` group."""
    group = subparsers.add_parser("security", parents=[common],
                                  help="phishing signals of a message; risky types; allow list")
    sub = group.add_subparsers(dest="security_command", metavar="ACTION", required=True)
    signals = sub.add_parser("signals", parents=[common],
                             help="why a message deserves caution (links, sender, attachments…)")
    signals.add_argument("id", metavar="ID", help="message id from `ls` or `search`")
    signals.set_defaults(handler=cmd_signals)
    risky = sub.add_parser("risky-types", parents=[common],
                           help="attachment types that can run code, with the reason")
    risky.set_defaults(handler=cmd_risky_types)
    for name, handler, words in (("allow", cmd_allow, "let this sender's mail load remote "
                                  "pictures (an address or @domain)"),
                                 ("disallow", cmd_disallow, "take a sender off the allow list")):
        action = sub.add_parser(name, parents=[common], help=words)
        action.add_argument("sender", metavar="SENDER")
        action.set_defaults(handler=handler)
    allowed = sub.add_parser("allowed", parents=[common], help="the remote-content allow list")
    allowed.set_defaults(handler=cmd_allowed)


def cmd_signals(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    (message_id,) = parse_ids([args.id])
    (row,) = require_messages(store, [message_id])

    from client.cli.message_signals import signals_of_row  # the parsers: only when used

    found = signals_of_row(store, row)
    if found is None:
        raise UsageError(
            f"The body of message {row.id} is not downloaded yet; run `tradewind sync`.")
    document = {"id": row.id, **found.to_json()}

    def text() -> str:
        lines = [f"Warning: {safe_text(s['message'], 300)}" for s in document["signals"]]
        lines.append(safe_text(document["remote_content"]["message"]))
        return "\n".join(lines) if document["signals"] else "\n".join(
            ["No warning signs found in this message.", *lines])

    ctx.emit(document, text)
    return int(ExitCode.OK)


def cmd_risky_types(ctx: Context, args: argparse.Namespace) -> int:
    entries = attachments.risky_types_json()
    extra = [{"code": code, "message": words} for code, words in attachments.REASONS.items()
             if code not in {t.reason for t in attachments.RISKY_TYPES}]
    ctx.emit({"types": entries, "name_checks": extra},
             lambda: format_table(["EXTENSION", "REASON"],
                                  [[e["extension"], translate(e["message"])] for e in entries]))
    return int(ExitCode.OK)


def _allow_list_result(ctx: Context, entries: list[str]) -> int:
    ctx.emit({"allowed": entries}, "\n".join(entries) or "No sender may load remote pictures.")
    return int(ExitCode.OK)


def cmd_allow(ctx: Context, args: argparse.Namespace) -> int:
    try:
        entries = remote_content.allow_sender(ctx.store(), args.sender)
    except settings.SettingError as exc:
        raise CliError(str(exc), ExitCode.USAGE, {"reason": exc.code}) from exc
    return _allow_list_result(ctx, entries)


def cmd_disallow(ctx: Context, args: argparse.Namespace) -> int:
    return _allow_list_result(ctx, remote_content.disallow_sender(ctx.store(), args.sender))


def cmd_allowed(ctx: Context, args: argparse.Namespace) -> int:
    return _allow_list_result(ctx, sorted(remote_content.allowed_senders(ctx.store())))
