"""`tradewind cache rederive`: correct the sender and header columns an older Tradewind stored.

Runs ``client.store.rederive.rederive_all`` on the profile's cache to the end (the sync does the
same in the background): every row whose header columns an older header parser wrote is
re-read from its stored header, so list, search, address book, `ls` and `show` name the sender
that the message really comes from. Rows listed from their header only wait for their body
(the next `tradewind sync` fetches it and corrects them). Idempotent; safe beside a running
sync (each batch is one transaction and only rows still below the version are written), so
the writer lock is not needed. Main thread only.
"""

from __future__ import annotations

import argparse
from typing import Any

from client.cli.context import Context
from client.cli.errors import ExitCode


def register_action(actions: Any, common: argparse.ArgumentParser) -> None:
    """Add `rederive` to the `cache` command's actions."""
    parser = actions.add_parser(
        "rederive", parents=[common],
        help="correct sender and header columns stored by an older Tradewind",
    )
    parser.set_defaults(handler=cmd_rederive)


def cmd_rederive(ctx: Context, args: argparse.Namespace) -> int:
    from client.store.derive import HEADER_VERSION
    from client.store.rederive import rederive_all

    totals = rederive_all(ctx.store())
    lines = [f"Corrected the sender and header columns of {totals.updated} message(s)."]
    if totals.waiting:
        lines.append(
            f"{totals.waiting} message(s) were listed from their header only; they are "
            "corrected when their body arrives (run `tradewind sync`)."
        )
    ctx.emit(
        {"rederived": totals.updated, "waiting": totals.waiting,
         "header_version": HEADER_VERSION},
        "\n".join(lines),
    )
    return ExitCode.OK
