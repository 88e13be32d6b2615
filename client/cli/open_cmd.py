"""`tradewind open TARGET [--json]`, also reached as `tradewind mailto:…`, `tradewind FILE.eml`
and `tradewind FILE.ics` (the OS's open command for Tradewind).

TARGET is a `mailto:` URL, an `.eml` message file or an `.ics` calendar file
(`client.opening.targets`). With `--json` it prints what would be opened (for a mailto: the
fields kept and the parameters refused, with the reason) and starts no window. Without it the
desktop app opens TARGET: a second launch hands it to the app already running on the profile
(`ui.single_instance`). Bad input: exit 2 with the reason in words. Main thread only.
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
    parser.set_defaults(handler=cmd_open)


def cmd_open(ctx: Context, args: argparse.Namespace) -> int:
    from client.opening.targets import OpenTargetError, describe  # the MIME and iCalendar readers

    try:
        target = describe(args.target)
    except OpenTargetError as exc:
        raise UsageError(str(exc)) from None
    if ctx.json:
        ctx.emit(target.to_json(), "")
        return 0
    app_argv = ["--profile", str(ctx.profile.directory), "--open", args.target]
    ctx.close()
    return run_desktop_app(app_argv)
