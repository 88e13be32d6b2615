"""`tradewind open TARGET [--json]`, also reached as `tradewind mailto:…`, `tradewind FILE.eml`
and `tradewind FILE.ics` (the OS's open command for Tradewind).

TARGET is a `mailto:` URL, an `.eml` message file or an `.ics` calendar file
(`client.opening.targets`). With `--json` it prints what would be opened (for a mailto: the
fields kept and the parameters refused, with the reason) and starts no window. Without it the
desktop app opens TARGET: a second launch hands it to the app already running on the profile
(`ui.app.single_instance`). An `.eml` is never imported unless asked: `--import FOLDER [--account
EMAIL] [--duplicate]` imports it into that folder of the cache and queues its upload to the
server (`client.ops.import_file`; offline it waits for the next sync) instead of opening a
window. Bad input: exit 2 with the reason in words. Main thread only.
"""

from __future__ import annotations

import argparse
from typing import Any

from client.cli.app_launch import run_desktop_app
from client.cli.context import Context
from client.cli.errors import UsageError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `open`."""
    parser = subparsers.add_parser(
        "open", parents=[common],
        help="open a mailto: link, an .eml message or an .ics calendar file",
    )
    parser.add_argument("target", metavar="URL_OR_FILE",
                        help="mailto:… URL, or a path to an .eml or .ics file")
    parser.add_argument("--import", dest="import_folder", metavar="FOLDER",
                        help="import the .eml into FOLDER (uploaded at the next sync)")
    parser.add_argument("--account", metavar="EMAIL", help="the account of --import's folder")
    parser.add_argument("--duplicate", action="store_true",
                        help="import even when the folder holds the same Message-ID")
    parser.set_defaults(handler=cmd_open)


def cmd_open(ctx: Context, args: argparse.Namespace) -> int:
    from client.opening.targets import OpenTargetError, describe  # the MIME and iCalendar readers

    try:
        target = describe(args.target)
    except OpenTargetError as exc:
        raise UsageError(str(exc)) from None
    if args.import_folder is not None:
        return _import(ctx, args, target.kind, target.raw)
    if ctx.json:
        ctx.emit(target.to_json(), "")
        return 0
    app_argv = ["--profile", str(ctx.profile.directory), "--open", args.target]
    ctx.close()
    return run_desktop_app(app_argv)


def _import(ctx: Context, args: argparse.Namespace, kind: str, raw: bytes) -> int:
    from client.cli.lookup import resolve_folder
    from client.ops.import_file import ImportRefused, import_message

    if kind != "eml":
        raise UsageError("--import takes an .eml message file (an .ics goes to "
                         "`tradewind calendar import`)")
    store = ctx.store()
    account, folder = resolve_folder(store, args.import_folder, args.account)
    try:
        row_id = import_message(store, raw, folder.id, allow_duplicate=args.duplicate)
    except ImportRefused as exc:
        raise UsageError(str(exc)) from None
    ctx.emit({"imported": row_id, "account": account.email, "folder": folder.name,
              "uploaded": False},
             f"Imported into {folder.name} ({account.email}); it is uploaded at the next sync.")
    return 0
