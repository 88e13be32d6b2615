"""`tradewind save-attachment ID [PART...] [--dir DIR]`: attachments to files.

Attachments of messages over the cache cap stay on the server ("not downloaded" in `show`);
this command fetches them on demand (the account's password from the keyring) and keeps them
in the cache. File names are sanitised and existing files are never overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.lookup import parse_ids, require_messages


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    save = subparsers.add_parser(
        "save-attachment", parents=[common],
        help="save attachments of a message (downloading those not cached yet)",
    )
    save.add_argument("id", metavar="ID")
    save.add_argument("parts", nargs="*", metavar="PART", help="part ids from `show` (default: all)")
    save.add_argument("--dir", default=".", metavar="DIR", help="where to write (default: here)")
    save.set_defaults(handler=cmd_save)


def cmd_save(ctx: Context, args: argparse.Namespace) -> int:
    from client.attachment_files import attachment_content, free_path
    from client.cli.read_cmd import attachment_list
    from client.sync.attachments import NotDownloaded

    store = ctx.store()
    [row] = require_messages(store, parse_ids([args.id]))
    listed = attachment_list(store, row)
    wanted = [a for a in listed if not args.parts or a["part_id"] in args.parts]
    unknown = set(args.parts) - {a["part_id"] for a in listed}
    if unknown:
        raise UsageError(f"Message {row.id} has no attachment part {', '.join(sorted(unknown))}; "
                         f"`tradewind show {row.id}` lists them.")
    if not wanted:
        raise CliError(f"Message {row.id} has no attachments.", ExitCode.NOT_FOUND)
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for item in wanted:
        try:
            data = attachment_content(ctx.profile.database, row.id, item["part_id"])
        except NotDownloaded as exc:
            raise CliError(str(exc), ExitCode.KEYRING) from None
        path = free_path(folder, item["filename"])
        path.write_bytes(data)
        saved.append({"part_id": item["part_id"], "path": str(path), "size": len(data)})
    ctx.emit({"saved": saved}, "\n".join(f"{s['path']}  ({s['size']} bytes)" for s in saved))
    return int(ExitCode.OK)
