"""`tradewind copy | archive | undo`: the rest of the triage commands (issue 11).

`copy ID... FOLDER` and `archive ID... [--create]` change the cache at once and queue the
server change, like `move`/`delete` (`client.cli.ops_cmd`); every one of them is recorded in
the undo history (`client.ops.undo`), which `undo` walks back one action at a time, offline
too. `archive --create` creates the archive folder when the account has none: at once in the
cache, its CREATE queued before the moves (`client.ops.folder_create`), offline too; the next
sync creates it on the server. Ids are checked before anything changes; bad input exits 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import ExitCode, UsageError
from client.cli.lookup import parse_ids, require_messages, resolve_folder

if TYPE_CHECKING:
    from client.store.db import Store
    from client.store.records import Account, MessageRow


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `copy`, `archive` and `undo`."""
    copy = subparsers.add_parser("copy", parents=[common], help="copy messages to a folder")
    copy.add_argument("ids", nargs="+", metavar="ID")
    copy.add_argument("folder", metavar="FOLDER")
    copy.set_defaults(handler=cmd_copy)

    archive = subparsers.add_parser(
        "archive", parents=[common], help="move messages to the account's archive folder")
    archive.add_argument("ids", nargs="+", metavar="ID")
    archive.add_argument("--create", action="store_true",
                         help="create the archive folder on the server when the account has none")
    archive.set_defaults(handler=cmd_archive)

    undo = subparsers.add_parser(
        "undo", parents=[common], help="undo the last move, copy, archive, delete or mark")
    undo.add_argument("--list", action="store_true", help="show the undo history instead")
    undo.set_defaults(handler=cmd_undo)


def one_account(store: Store, rows: list[MessageRow], verb: str) -> Account:
    """The one account all ``rows`` belong to (usage error otherwise)."""
    account_ids = {r.account_id for r in rows}
    if len(account_ids) > 1:
        raise UsageError(
            f"These messages belong to different accounts; {verb} one account's at a time.")
    account = store.account(account_ids.pop())
    assert account is not None  # a message row always has its account (foreign key)
    return account


def report(ctx: Context, action: str, rows: list[MessageRow], changed: list[int],
           summary: str, entry: int | None, extra: dict[str, Any] | None = None,
           unchanged: list[int] | None = None) -> int:
    """The shared output of the triage commands (the `mark|move|delete` shape plus `undo_id`);
    ``unchanged`` defaults to the requested ids not in ``changed``."""
    from client.ops import queue

    store = ctx.store()
    if unchanged is None:
        unchanged = [r.id for r in rows if r.id not in changed]
    queued = sum(len(queue.pending(store, a)) for a in {r.account_id for r in rows})
    lines = [summary]
    if unchanged:
        lines.append(f"Already so, nothing to do for: {', '.join(str(i) for i in unchanged)}.")
    lines.append(
        f"{queued} change(s) wait for the server; `tradewind sync` sends them."
        if queued else "Nothing waits for the server.")
    if entry is not None:
        lines.append("`tradewind undo` puts it back.")
    document = {"action": action, "changed": changed, "unchanged": unchanged,
                "pending_ops": queued, "undo_id": entry, **(extra or {})}
    ctx.emit(document, "\n".join(lines))
    return ExitCode.OK


def cmd_copy(ctx: Context, args: argparse.Namespace) -> int:
    from client.ops import undo

    store = ctx.store()
    rows = require_messages(store, parse_ids(args.ids))
    account = one_account(store, rows, "copy")
    _, folder = resolve_folder(store, args.folder, account.email)
    try:
        done = undo.copy(store, [r.id for r in rows], folder.id)
    except ValueError as exc:  # a local-only folder as the target
        raise UsageError(str(exc)) from None
    skipped = [r.id for r in rows if r.folder_id == folder.id]  # already in that folder
    return report(ctx, "copy", rows, done.changed,
                  f"Copied {len(done.changed)} message(s) to {folder.name}.", done.entry_id,
                  unchanged=skipped)


def cmd_archive(ctx: Context, args: argparse.Namespace) -> int:
    from client.ops import archive, folder_create, undo

    store = ctx.store()
    rows = require_messages(store, parse_ids(args.ids))
    account = one_account(store, rows, "archive")
    folder = archive.archive_folder(store, account.id)
    created = False
    if folder is None:
        if not args.create:
            raise UsageError(
                f"The account {account.email} has no archive folder. Run again with --create "
                f"to create “{archive.ARCHIVE_NAME}” on the server, or use `tradewind move`.")
        folder = folder_create.queue_create(store, account.id, archive.ARCHIVE_NAME, role="archive")
        created = folder_create.is_pending(folder)  # else one of that name was given the role
    done = undo.archive(store, [r.id for r in rows], folder.id)
    return report(ctx, "archive", rows, done.changed,
                  f"Archived {len(done.changed)} message(s) in {folder.name}.", done.entry_id,
                  {"folder": folder.name, "created_folder": created,
                   "folder_pending": folder_create.is_pending(folder)})


_WORDS = {"move": "move", "copy": "copy", "archive": "archiving", "delete": "deletion",
          "purge": "deletion for good", "flags": "flag change"}


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    from client.ops import undo

    store = ctx.store()
    if args.list:
        entries = undo.history(store)
        lines = [f"{e.id}  {e.kind:<8} {len(e.items):>4} message(s)"
                 f"{'  (undone)' if e.undone else ''}" for e in entries]
        ctx.emit({"history": [e.to_json() for e in entries]},
                 "\n".join(lines) or "Nothing to undo.")
        return ExitCode.OK
    result = undo.undo_last(store)
    if result is None:
        ctx.emit({"undone": None}, "Nothing to undo.")
        return ExitCode.OK
    what = _WORDS.get(result.entry.kind, result.entry.kind)
    lines = [f"Undid the {what} of {len(result.entry.items)} message(s); "
             f"{len(result.restored)} put back.", *result.notes]
    ctx.emit({"undone": result.to_json()}, "\n".join(lines))
    return ExitCode.OK
