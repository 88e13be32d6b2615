"""`tradewind mark | move | delete`: offline operations on cached messages.

Each command changes the local cache at once and queues the server change in the same
transaction (`client.ops.queue`); the next `tradewind sync` (or the app) replays it. Works with
the server unreachable. Unknown or malformed ids are refused before anything changes.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import UsageError
from client.cli.lookup import parse_ids, require_messages, resolve_folder

if TYPE_CHECKING:
    from client.ops.undo import Action
    from client.store.records import MessageRow


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `mark`, `move` and `delete`."""
    mark = subparsers.add_parser("mark", parents=[common], help="mark messages read/unread/flagged")
    seen = mark.add_mutually_exclusive_group()
    seen.add_argument("--read", dest="seen", action="store_const", const=True, help="mark read")
    seen.add_argument(
        "--unread", dest="seen", action="store_const", const=False, help="mark unread"
    )
    flag = mark.add_mutually_exclusive_group()
    flag.add_argument("--flag", dest="flagged", action="store_const", const=True, help="flag")
    flag.add_argument("--unflag", dest="flagged", action="store_const", const=False, help="unflag")
    mark.add_argument("ids", nargs="+", metavar="ID")
    mark.set_defaults(handler=cmd_mark)

    move = subparsers.add_parser("move", parents=[common], help="move messages to a folder")
    move.add_argument("ids", nargs="+", metavar="ID")
    move.add_argument("folder", metavar="FOLDER")
    move.set_defaults(handler=cmd_move)

    delete = subparsers.add_parser(
        "delete", parents=[common], help="delete messages (to Trash when the account has one)"
    )
    delete.add_argument("ids", nargs="+", metavar="ID")
    delete.add_argument("--for-good", action="store_true",
                        help="delete for good (expunge), also outside Trash")
    delete.set_defaults(handler=cmd_delete)


def _report(
    ctx: Context, action: str, rows: list[MessageRow], done: Action, summary: str
) -> int:
    from client.cli.triage_cmd import report  # the shape shared with copy/archive (undo_id)

    return report(ctx, action, rows, done.changed, summary, done.entry_id)


def cmd_mark(ctx: Context, args: argparse.Namespace) -> int:
    if args.seen is None and args.flagged is None:
        raise UsageError("Say what to mark: --read, --unread, --flag or --unflag.")
    from client.ops import undo

    store = ctx.store()
    rows = require_messages(store, parse_ids(args.ids))
    done = undo.mark(store, [r.id for r in rows], seen=args.seen, flagged=args.flagged)
    words = []
    if args.seen is not None:
        words.append("read" if args.seen else "unread")
    if args.flagged is not None:
        words.append("flagged" if args.flagged else "unflagged")
    return _report(
        ctx, "mark", rows, done, f"Marked {len(done.changed)} message(s) {' and '.join(words)}."
    )


def cmd_move(ctx: Context, args: argparse.Namespace) -> int:
    from client.ops import undo

    store = ctx.store()
    rows = require_messages(store, parse_ids(args.ids))
    account_ids = {r.account_id for r in rows}
    if len(account_ids) > 1:
        raise UsageError(
            "These messages belong to different accounts; move one account's at a time."
        )
    account = store.account(account_ids.pop())
    assert account is not None  # a message row always has its account (foreign key)
    _, folder = resolve_folder(store, args.folder, account.email)
    try:
        done = undo.move(store, [r.id for r in rows], folder.id)
    except ValueError as exc:  # e.g. a local-only folder ("Recovered (local)") as the target
        raise UsageError(str(exc)) from None
    return _report(ctx, "move", rows, done,
                   f"Moved {len(done.changed)} message(s) to {folder.name}.")


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    from client.ops import undo

    store = ctx.store()
    rows = require_messages(store, parse_ids(args.ids))
    done = undo.delete(store, [r.id for r in rows], for_good=args.for_good)
    return _report(ctx, "delete", rows, done, f"Deleted {len(done.changed)} message(s) "
                   f"({done.to_trash} to Trash, {done.for_good} for good).")
