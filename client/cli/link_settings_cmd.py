"""`tradewind links settings [--threshold-mb N] [--heading TEXT [--lang L] | --reset-heading
[--lang L]]`: the rule and the words for big files sent as links.

`links.threshold_mb` (default 10): files over it go as links in `send --attach` and the app's
composer. `links.heading`: the rep's own first line of the link block per language (`en`,
`zh_CN`; default the built-in words). Prints the settings in force. Main thread.
"""

from __future__ import annotations

import argparse
from typing import Any

from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError

MAX_HEADING = 200


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
    from client.uploads.outgoing import DEFAULT_THRESHOLD_MB, HEADING_SETTING, SETTING

    store = ctx.store()
    if args.threshold_mb is not None:
        if not 0 <= args.threshold_mb <= 100_000:
            raise UsageError("--threshold-mb must be between 0 and 100000.")
        store.set_setting(SETTING, args.threshold_mb)
    headings: dict[str, str] = dict(store.get_setting(HEADING_SETTING) or {})
    if args.heading is not None and args.reset_heading:
        raise UsageError("Give --heading or --reset-heading, not both.")
    if args.heading is not None:
        text = " ".join(args.heading.split())
        if not text or len(text) > MAX_HEADING:
            raise UsageError(f"The heading must be 1 to {MAX_HEADING} characters on one line.")
        headings[args.lang] = text
        store.set_setting(HEADING_SETTING, headings)
    elif args.reset_heading:
        headings.pop(args.lang, None)
        store.set_setting(HEADING_SETTING, headings)
    threshold = store.get_setting(SETTING, DEFAULT_THRESHOLD_MB)
    doc = {"threshold_mb": threshold, "heading": headings}
    lines = [f"Files over {threshold} MB go as links."]
    lines += [f"Heading ({lang}): {text}" for lang, text in sorted(headings.items())]
    ctx.emit(doc, "\n".join(lines))
    return int(ExitCode.OK)
