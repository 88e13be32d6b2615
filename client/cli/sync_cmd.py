"""`tradewind sync [--account E] [--folder F]`: replay queued changes, then fetch what is new.

Holds the profile's writer lock for the whole run. Each account syncs on a worker thread while
the main thread draws progress and turns Ctrl-C into a clean cancel (the engine stops between
batches; nothing half-written is kept). Exit code: 0 when every account and folder synced,
else the code of the first failure (3 auth, 4 network, 5 TLS, 8 keyring, 1 other).
"""

from __future__ import annotations

import argparse
import threading
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode
from client.cli.lookup import accounts_in_scope
from client.cli.output import Progress, safe_text
from client.i18n import _

if TYPE_CHECKING:
    from client.events import SyncProgress
    from client.store.records import Account
    from client.sync.engine import SyncReport

_CODE_BY_STATUS = {
    "auth-failed": ExitCode.AUTH,
    "offline": ExitCode.NETWORK,
    "untrusted-certificate": ExitCode.TLS,
}
_JOIN_POLL_S = 0.2


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `sync`."""
    sync = subparsers.add_parser(
        "sync", parents=[common], help="send queued changes and fetch new mail"
    )
    sync.add_argument("--account", metavar="EMAIL", help="only this account")
    sync.add_argument(
        "--folder",
        action="append",
        metavar="FOLDER",
        help="only this folder (name or role; repeat for several)",
    )
    sync.set_defaults(handler=cmd_sync)


def report_json(email: str, report: SyncReport) -> dict[str, Any]:
    """The stable JSON shape of one account's sync."""
    return {
        "email": email,
        "ok": report.ok,
        "status": report.status,
        "error": report.error,
        "cancelled": report.cancelled,
        "replayed": report.replayed,
        "replay_notes": list(report.replay_notes),
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "indexed": report.indexed,
        "seconds": round(report.seconds, 3),
        "created_folders": list(report.created_folders),
        "renamed_folders": [{"from": old, "to": new} for old, new in report.renamed_folders],
        "removed_folders": list(report.removed_folders),
        "folders": [
            {
                "name": f.name,
                "plan": f.plan,
                "added": f.added,
                "updated": f.updated,
                "removed": f.removed,
                "error": f.error,
                "unreadable": [{"uid": uid, "reason": why}
                               for uid, why in sorted(f.unreadable.items())],
            }
            for f in report.folders
        ],
    }


def _summary(email: str, report: SyncReport) -> list[str]:
    if report.error and not report.cancelled:
        hint = ""
        if report.status == "untrusted-certificate":
            hint = " " + _("Run `tradewind account test {email}` to see how to trust it.",
                           email=email)
        elif report.status == "auth-failed":
            hint = " " + _("Remove and add the account again with the right password.")
        return [_("{email}: sync failed: {error}", email=email,
                  error=safe_text(report.error, 400)) + hint]
    lines = [
        f"{email}: {len(report.folders)} folder(s), {report.added} new, {report.updated} "
        f"updated, {report.removed} removed, {report.replayed} queued change(s) sent "
        f"({report.seconds:.1f} s)."
    ]
    if report.cancelled:
        lines.append(f"{email}: cancelled; the next sync continues where this one stopped.")
    lines += [f"{email}: {safe_text(note, 300)}" for note in report.replay_notes]
    lines += [
        f"{email}: folder {safe_text(f.name)}: {safe_text(f.error, 300)}"
        for f in report.folders
        if f.error
    ]
    return lines


def _failure_code(report: SyncReport) -> ExitCode | None:
    if report.cancelled:
        return ExitCode.INTERRUPTED
    if report.error:
        return _CODE_BY_STATUS.get(report.status, ExitCode.GENERAL)
    if not report.ok:
        return ExitCode.GENERAL
    return None


def _run_one(
    ctx: Context,
    account: Account,
    password: str,
    folders: list[str] | None,
    progress: Progress,
    cancel: threading.Event,
) -> SyncReport:
    from client.sync.engine import sync_account

    def on_progress(event: SyncProgress) -> None:
        progress.update(f"{event.folder} ({account.email})", event.done, event.total)

    from client.settings import attachment_cap_bytes

    cap = attachment_cap_bytes(ctx.store())
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["report"] = sync_account(
                ctx.profile.database,
                account,
                password,
                folders=folders,
                progress=on_progress,
                cancel=cancel,
                attachment_cap=cap,
            )
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which decides
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"sync {account.email}", daemon=True)
    try:
        worker.start()
        while worker.is_alive():
            worker.join(_JOIN_POLL_S)
    except KeyboardInterrupt:
        # A second Ctrl-C while waiting ends the process; SQLite rolls back the open batch.
        cancel.set()
        progress.line("Cancelling after the current batch…")
        if worker.ident is not None:
            worker.join()
        else:
            raise
    if "error" in outcome:
        raise outcome["error"]
    report: SyncReport = outcome["report"]
    return report


def _no_password_json(email: str, message: str) -> dict[str, Any]:
    return {
        "email": email, "ok": False, "status": "error", "error": message, "cancelled": False,
        "replayed": 0, "replay_notes": [], "added": 0, "updated": 0, "removed": 0, "indexed": 0,
        "seconds": 0.0, "created_folders": [], "renamed_folders": [], "removed_folders": [],
        "folders": [], "outbox": None, "calendar": None,
    }  # fmt: skip


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    from client.oauth.credentials import secret_for
    from client.oauth.errors import OAuthError

    store = ctx.store()
    accounts = accounts_in_scope(store, args.account)
    if not accounts:
        raise CliError(
            "There are no accounts to sync. Add one with: tradewind account add --email E",
            ExitCode.NOT_FOUND,
        )
    progress = ctx.progress()
    cancel = threading.Event()
    results: list[dict[str, Any]] = []
    lines: list[str] = []
    first_failure: ExitCode | None = None
    with ctx.profile.writer_lock():
        for account in accounts:
            if cancel.is_set():
                break
            try:
                password = secret_for(account, store)
            except OAuthError as exc:  # sign in again: the account's status says so
                message = f"{account.email}: {exc}"
                results.append(_no_password_json(account.email, message))
                _error(ctx, message)
                first_failure = first_failure or ExitCode.AUTH
                continue
            if password is None:
                message = (
                    f"{account.email}: no password in the keyring; remove and add the account "
                    "again."
                )
                results.append(_no_password_json(account.email, message))
                _error(ctx, message)
                first_failure = first_failure or ExitCode.KEYRING
                continue
            report = _run_one(ctx, account, password, args.folder, progress, cancel)
            if report.status == "auth-failed" and account.auth == "oauth2":
                # the server refused the token: refresh once and try once more, never a loop
                try:
                    password = secret_for(account, store, force_refresh=True) or password
                    report = _run_one(ctx, account, password, args.folder, progress, cancel)
                except OAuthError as exc:
                    report.error = str(exc)
            progress.finish()
            document = report_json(account.email, report)
            document["outbox"], document["calendar"] = _send_pending(
                ctx, account, password, report, lines)
            results.append(document)
            failure = _failure_code(report)
            for line in _summary(account.email, report):
                if failure is not None and failure != ExitCode.INTERRUPTED:
                    _error(ctx, line)
                else:
                    lines.append(line)
            first_failure = first_failure or failure
    ctx.emit({"accounts": results}, "\n".join(lines))
    return int(first_failure) if first_failure is not None else ExitCode.OK


def _send_pending(
    ctx: Context, account: Account, password: str, report: SyncReport, lines: list[str]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Once the account is reachable: outbox, drafts, signature policy and received
    invitations (`after_sync`); returns the outbox's and the calendar's JSON. Never fails the
    sync; problems are reported in the document and in words."""
    if not report.ok or report.cancelled:
        return None, None
    from client.jobs.after_sync import after_sync

    done = after_sync(ctx.store(), account, password)
    flushed = done.flush
    if flushed.sent or flushed.failed or flushed.uncertain:
        lines.append(
            f"{account.email}: sent {len(flushed.sent)}, refused {len(flushed.failed)}, "
            f"uncertain {len(flushed.uncertain)} from the outbox."
        )
    received = done.calendar
    for item in received.applied:
        lines.append(f"{account.email}: calendar: applied {item.method} {item.summary!r}"
                     f" ({item.reason}).")
    for item in received.shown:
        lines.append(f"{account.email}: calendar: shown, not applied: {item.method or 'message'}"
                     f" {item.summary!r} ({item.reason}).")
    lines.extend(f"  {problem}" for problem in done.problems)
    return flushed.as_json(), received.as_json()


def _error(ctx: Context, line: str) -> None:
    """A failure in words on stderr (also in --json mode, where the document has it too)."""
    ctx.stderr.write(f"tradewind: {line}\n")
    ctx.stderr.flush()
