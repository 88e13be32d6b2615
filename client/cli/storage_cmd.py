"""`tradewind storage add | list | test | remove`: link storages of an account.

The storage's password, app password or secret key comes from stdin (`--secret-stdin`, one
line) or a no-echo prompt on a terminal, never from an argument, and goes only to the keyring.
Bad input exits 2 in words; JSON shapes are in docs/cli.md. Main thread; `test` blocks on the
network.
"""

from __future__ import annotations

import argparse
import getpass
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import UsageError
from client.cli.output import safe_text
from client.cli.uploads_errors import guarded
from client.uploads.provider import KINDS

if TYPE_CHECKING:
    from client.uploads.config import StorageConfig


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `storage` command group."""
    storage = subparsers.add_parser("storage", parents=[common],
                                    help="link storages for large attachments")
    sub = storage.add_subparsers(dest="storage_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", parents=[common], help="add a link storage to an account")
    add.add_argument("--account", required=True, metavar="EMAIL")
    add.add_argument("--kind", required=True, choices=KINDS)
    add.add_argument("--url", required=True, metavar="URL",
                     help="WebDAV folder, Nextcloud server root, or S3 endpoint")
    add.add_argument("--public-url", metavar="PREFIX",
                     help="WebDAV: the anonymous download address of the same folder")
    add.add_argument("--bucket", metavar="B", help="S3: the bucket")
    add.add_argument("--region", metavar="R", help="S3: the region (default us-east-1)")
    who = add.add_mutually_exclusive_group()
    who.add_argument("--username", metavar="U", help="WebDAV/Nextcloud user name")
    who.add_argument("--access-key", metavar="K", help="S3 access key id")
    add.add_argument("--secret-stdin", action="store_true",
                     help="read the password or secret key from standard input")
    add.add_argument("--expiry-days", type=int, default=7, metavar="N",
                     help="days a link stays valid (7; S3 at most 7)")
    add.add_argument("--keep-expired", action="store_true",
                     help="keep files of expired links (default: purge-expired deletes them)")
    add.set_defaults(handler=cmd_add)

    listing = sub.add_parser("list", parents=[common], help="list link storages")
    listing.add_argument("--account", metavar="EMAIL")
    listing.set_defaults(handler=cmd_list)

    test = sub.add_parser("test", parents=[common], help="check a storage's address and secret")
    test.add_argument("id", type=int, metavar="ID")
    test.set_defaults(handler=cmd_test)

    remove = sub.add_parser("remove", parents=[common], help="forget a storage and its secret")
    remove.add_argument("id", type=int, metavar="ID")
    remove.set_defaults(handler=cmd_remove)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _read_secret(ctx: Context, args: argparse.Namespace) -> str:
    if args.secret_stdin:
        text = ctx.stdin.readline().rstrip("\n").rstrip("\r")
        if not text:
            raise UsageError("--secret-stdin was given but standard input held no secret.")
        return text
    if not _isatty(ctx.stdin):
        raise UsageError("No secret given: pipe it in with --secret-stdin, or run the command on "
                         "a terminal to be asked for it. Secrets are never accepted as arguments.")
    secret = getpass.getpass("Storage password or secret key: ", stream=ctx.stderr)
    if not secret:
        raise UsageError("No secret entered.")
    return secret


def _text(item: StorageConfig) -> str:
    where = item.bucket and f" bucket {item.bucket}" or ""
    return (f"{item.id}\t{item.account_email}\t{item.kind}\t{safe_text(item.url)}{where}\t"
            f"{item.expiry_days} days")


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import config  # keyring and HTTP code: only for this command

    spec = config.StorageSpec(
        kind=args.kind, url=args.url.strip(), public_url=(args.public_url or "").strip() or None,
        bucket=args.bucket, region=args.region, username=args.username or args.access_key,
        expiry_days=args.expiry_days, delete_expired=not args.keep_expired)
    guarded(lambda: config.validate(spec))
    secret = _read_secret(ctx, args)
    item = guarded(lambda: config.add_storage(ctx.store(), args.account, spec, secret))
    ctx.emit({"storage": item.describe()}, f"Added link storage {item.id} ({item.kind}) to "
             f"{item.account_email}. Check it with `tradewind storage test {item.id}`.")
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import config  # keyring and HTTP code: only for this command

    items = config.list_storages(ctx.store(), args.account)
    ctx.emit({"storages": [i.describe() for i in items]},
             lambda: "\n".join(_text(i) for i in items) or "No link storages.")
    return 0


def cmd_test(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import config  # keyring and HTTP code: only for this command

    item = guarded(lambda: config.get_storage(ctx.store(), args.id))
    text = guarded(lambda: config.open_provider(item).test())
    ctx.emit({"storage": item.describe(), "ok": True, "message": text}, text)
    return 0


def cmd_remove(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import config  # keyring and HTTP code: only for this command

    guarded(lambda: config.remove_storage(ctx.store(), args.id))
    ctx.emit({"removed": args.id}, f"Removed link storage {args.id} and its secret.")
    return 0
