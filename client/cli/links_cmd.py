"""`tradewind links upload | list | uploads | retry | revoke | purge-expired`.

`upload FILE --account E` uploads now (resuming an unfinished upload of the same file, or
reusing an identical file already shared for `--recipient-domain`) and prints the link;
progress goes to stderr. A failed upload keeps its record (`links uploads` shows it with the
reason; `links retry ID` continues it). `revoke` deletes the share or object so the link stops
working; `purge-expired` ends expired links and deletes their files where the storage's policy
says so. Links are secrets: they are printed on stdout only, never logged. JSON shapes are in
docs/cli.md. Main thread; blocks on the network.
"""

from __future__ import annotations

import argparse
import time
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.output import safe_text
from client.cli.uploads_errors import as_cli_error, guarded

if TYPE_CHECKING:  # the upload code (keyring, HTTP, boto3) loads only for a `links` command
    from client.uploads.engine import Progress, UploadResult
    from client.uploads.links import LinkView


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `links` command group."""
    group = subparsers.add_parser("links", parents=[common],
                                  help="large files sent as links: upload, list, revoke")
    sub = group.add_subparsers(dest="links_command", metavar="ACTION", required=True)

    upload = sub.add_parser("upload", parents=[common], help="upload a file and print its link")
    upload.add_argument("file", metavar="FILE")
    upload.add_argument("--account", required=True, metavar="EMAIL")
    upload.add_argument("--storage", type=int, metavar="ID",
                        help="the storage to use (default: the account's newest)")
    upload.add_argument("--recipient-domain", metavar="D",
                        help="reuse a link already made for this domain if the file is the same")
    upload.set_defaults(handler=cmd_upload)

    listing = sub.add_parser("list", parents=[common], help="list links")
    listing.add_argument("--account", metavar="EMAIL")
    listing.set_defaults(handler=cmd_list)

    uploads = sub.add_parser("uploads", parents=[common],
                             help="list uploads with their state (failed ones with the reason)")
    uploads.set_defaults(handler=cmd_uploads)

    retry = sub.add_parser("retry", parents=[common], help="continue a failed upload")
    retry.add_argument("id", type=int, metavar="UPLOAD_ID")
    retry.set_defaults(handler=cmd_retry)

    revoke = sub.add_parser("revoke", parents=[common], help="make a link stop working")
    revoke.add_argument("id", type=int, metavar="ID")
    revoke.set_defaults(handler=cmd_revoke)

    purge = sub.add_parser("purge-expired", parents=[common],
                           help="end expired links and delete their files (per storage policy)")
    purge.set_defaults(handler=cmd_purge)

    from client.cli import link_settings_cmd

    link_settings_cmd.register(sub, common)


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _view(ctx: Context, link_id: int) -> LinkView:
    from client.uploads import links

    return next(v for v in links.list_links(ctx.store()) if v.id == link_id)


def _run(ctx: Context, action: Any, label: str) -> UploadResult:
    bar = ctx.progress()
    mib = 1024 * 1024

    def progress(p: Progress) -> None:
        bar.update(label, p.done // mib, max(1, p.total // mib))

    return action(progress)


def _emit_result(ctx: Context, result: UploadResult) -> None:
    view = _view(ctx, result.link.id)
    doc = {"link": view.to_json(), "upload_id": result.upload.id, "reused": result.reused}
    expires = view.to_json()["expires"] or "never"
    note = " (reused: the same file was already shared for this domain)" if result.reused else ""
    ctx.emit(doc, f"{view.url}\n{safe_text(view.file)}, {_size(view.size)}, expires {expires}, "
                  f"SHA-256 {view.sha256}{note}")


def cmd_upload(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import config
    from client.uploads.engine import UploadEngine

    store = ctx.store()
    storage = guarded(lambda: config.storage_for_account(store, args.account, args.storage))
    engine = UploadEngine(store)

    def attempt(progress: Any) -> UploadResult:
        return engine.upload(storage, args.file, recipient_domain=args.recipient_domain,
                             progress=progress)

    try:
        result = _run(ctx, attempt, "Uploading")
    except Exception as exc:
        known = as_cli_error(exc, getattr(exc, "upload_id", None))
        if known is None:
            raise
        raise known from None
    _emit_result(ctx, result)
    return 0


def cmd_retry(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads.engine import UploadEngine

    engine = UploadEngine(ctx.store())
    result = guarded(lambda: _run(ctx, lambda p: engine.run(args.id, progress=p), "Uploading"),
                      args.id)
    _emit_result(ctx, result)
    return 0


def _iso(stamp: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(stamp)) if stamp else "never"


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import links

    views = links.list_links(ctx.store(), account_email=args.account)

    def text() -> str:
        if not views:
            return "No links."
        return "\n".join(f"{v.id}\t{v.state}\t{safe_text(v.file, 60)}\t{_size(v.size)}\t"
                         f"expires {_iso(v.expires)}\t{v.provider}\t{v.url}" for v in views)

    ctx.emit({"links": [v.to_json() for v in views]}, text)
    return 0


def cmd_uploads(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import records

    items = records.uploads_where(ctx.store(), "1", ())
    docs = [{"id": u.id, "storage_id": u.storage_id, "file": u.file_name, "path": u.path,
             "size": u.size, "sha256": u.sha256, "state": u.state, "error": u.last_error,
             "attempts": u.attempts, "recipient_domain": u.recipient_domain,
             "outbox_id": u.outbox_id,
             "confirmed_bytes": sum(p.size for p in records.parts_of(ctx.store(), u.id).values())}
            for u in items]

    def text() -> str:
        if not docs:
            return "No uploads."
        return "\n".join(f"{d['id']}\t{d['state']}\t{safe_text(d['file'], 60)}\t"
                         f"{_size(int(str(d['size'])))}" + (f"\t{safe_text(d['error'])}" if d["error"] else "")
                         for d in docs)

    ctx.emit({"uploads": docs}, text)
    return 0


def cmd_revoke(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import links

    view = guarded(lambda: links.revoke(ctx.store(), args.id))
    ctx.emit({"link": view.to_json()}, f"Link {view.id} revoked: {safe_text(view.file)} is no "
             "longer reachable through it.")
    return 0


def cmd_purge(ctx: Context, args: argparse.Namespace) -> int:
    from client.uploads import links

    report = guarded(lambda: links.purge_expired(ctx.store()))
    ctx.emit({"expired": report.expired, "deleted": report.deleted, "problems": report.problems},
             f"{len(report.expired)} link(s) expired, {len(report.deleted)} file(s) deleted."
             + "".join(f"\n{safe_text(p)}" for p in report.problems))
    return 1 if report.problems else 0
