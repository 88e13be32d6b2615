"""`tradewind signature preview|set`: the rep's company signature.

`preview --identity ADDR` prints the plain form of the signature the policy in force gives that
sending address (optionally for a reply, a language or a recipient) and, with `--html FILE`,
writes a standalone HTML preview with the logo as a data: URI. `set --identity ADDR FIELD=VALUE`
fills the fields the policy lets a rep fill (never the signature itself). Local only.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import safe_block
from client.cli.policy_cmd import policy_errors


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `signature` command group."""
    signature = subparsers.add_parser("signature", parents=[common],
                                      help="preview the company signature, fill your own fields")
    sub = signature.add_subparsers(dest="signature_command", metavar="ACTION", required=True)

    preview = sub.add_parser("preview", parents=[common], help="show an identity's signature")
    preview.add_argument("--identity", required=True, metavar="ADDR")
    preview.add_argument("--html", metavar="FILE", help="write an HTML preview to FILE")
    preview.add_argument("--reply", action="store_true", help="the form used for replies")
    preview.add_argument("--language", metavar="LANG", help="a language variant, e.g. zh or ar")
    preview.add_argument("--to", action="append", default=[], metavar="ADDR",
                         help="a recipient (chooses the language by the policy's domains)")
    preview.set_defaults(handler=cmd_preview)

    fill = sub.add_parser("set", parents=[common], help="fill a field the policy lets you fill")
    fill.add_argument("--identity", required=True, metavar="ADDR")
    fill.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    fill.set_defaults(handler=cmd_set)


def _bundle(ctx: Context) -> Any:
    from client.signatures.provision import policy_in_force

    with policy_errors():
        bundle = policy_in_force(ctx.store())
    if bundle is None:
        raise CliError("No company signature policy is configured; provision one with "
                       "`tradewind policy use LOCATION --key PUBLIC_KEY`.", ExitCode.NOT_FOUND)
    return bundle


def cmd_preview(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.provision import rep_values
    from client.signatures.render import SignatureRequest, preview_document, render_signature

    bundle = _bundle(ctx)
    request = SignatureRequest(args.identity, tuple(args.to), args.language, args.reply)
    with policy_errors():
        rendered = render_signature(bundle, request, rep_values(ctx.store(), args.identity))
    html_path = None
    if args.html:
        html_path = Path(args.html)
        html_path.write_text(preview_document(rendered), encoding="utf-8")
    doc = {"identity": args.identity, "template": rendered.template,
           "language": rendered.language, "variant": rendered.variant,
           "text": rendered.block.text, "html": rendered.block.html,
           "html_file": str(html_path) if html_path else None}
    note = f"\n(HTML preview written to {html_path})" if html_path else ""
    ctx.emit(doc, lambda: safe_block(rendered.block.text) + note)
    return ExitCode.OK


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    from client.signatures.provision import check_rep_value, rep_values, set_rep_value

    bundle = _bundle(ctx)
    pairs = []
    for item in args.assignments:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            raise UsageError(f"{item!r} is not FIELD=VALUE.")
        pairs.append((field.strip(), value))
    with policy_errors():
        for field, value in pairs:  # every pair checked before any is saved
            check_rep_value(bundle, field, value)
        for field, value in pairs:
            set_rep_value(ctx.store(), bundle, args.identity, field, value)
    values = rep_values(ctx.store(), args.identity)
    ctx.emit({"identity": args.identity, "values": values},
             f"Saved. Your own signature fields for {args.identity}: "
             + (", ".join(f"{k}={v}" for k, v in sorted(values.items())) or "none"))
    return ExitCode.OK
