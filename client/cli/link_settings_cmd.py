"""`tradewind links settings [--threshold-mb N] [--heading TEXT [--lang L] | --reset-heading
[--lang L]]`: the rule and the words for big files sent as links.

`links.threshold_mb` (default 10): files over it go as links in `send --attach` and the app's
composer. `links.heading`: the rep's own first line of the link block per language (`en`,
`zh_CN`; default the built-in words). Prints the settings in force. Main thread.
"""

from __future__ import annotations

import argparse
from typing import Any

from client import settings
from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add `links settings` to the `links` group's subparsers."""
    settings = sub.add_parser("settings", parents=[common],
                              help="the link threshold and the link block's wording")
    settings.add_argument("--threshold-mb", type=float, metavar="N",
                          help="files over N MB go as links (default 10)")
    settings.add_argument("--heading", metavar="TEXT", help="the link block's first line")
    settings.add_argument("--reset-heading", action="store_true",
                          help="back to the built-in first line")
    settings.add_argument("--lang", default="en", choices=["en", "zh_CN"],
                          help="the language the heading is for (default en)")
    settings.set_defaults(handler=cmd_settings)


def cmd_settings(ctx: Context, args: argparse.Namespace) -> int:
    """Checks go through `client.settings` (the rules `tradewind settings set` applies)."""
    from client.uploads.outgoing import HEADING_SETTING, SETTING  # keyring: only when used

    store = ctx.store()
    if args.heading is not None and args.reset_heading:
        raise UsageError("Give --heading or --reset-heading, not both.")
    wanted: dict[str, Any] = {}
    if args.threshold_mb is not None:
        wanted[SETTING] = args.threshold_mb
    headings: dict[str, str] = dict(settings.read(store, HEADING_SETTING))
    if args.heading is not None:
        wanted[HEADING_SETTING] = {**headings, args.lang: args.heading}
    elif args.reset_heading:
        headings.pop(args.lang, None)
        wanted[HEADING_SETTING] = headings
    try:
        settings.write_many(store, wanted)
    except settings.SettingError as exc:
        raise UsageError(str(exc)) from exc
    threshold = settings.read(store, SETTING)
    headings = settings.read(store, HEADING_SETTING)
    doc = {"threshold_mb": threshold, "heading": headings}
    lines = [f"Files over {threshold} MB go as links."]
    lines += [f"Heading ({lang}): {text}" for lang, text in sorted(headings.items())]
    ctx.emit(doc, "\n".join(lines))
    return int(ExitCode.OK)
