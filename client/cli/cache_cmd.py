"""`tradewind cache check [--quick]` and `tradewind cache rebuild [--yes]` (S3); `cache rederive`
lives in `cache_rederive.py`.

`check` runs SQLite's integrity check (`--quick`: quick_check) on the profile's cache: exit 0
when it is sound, 9 with words when it is damaged. `rebuild` holds the profile's writer lock
(like `sync`), then saves every local-only row still readable (drafts, outbox, queued changes,
local copies, identities, settings, accounts) to an export file that is kept, builds a fresh
cache with them and moves the damaged file aside (`client.store.recovery`); the next
`tradewind sync` fetches the mail again. It asks first on a terminal; otherwise `--yes` is
needed. Main thread only.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from client.cli import cache_rederive
from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import safe_text

if TYPE_CHECKING:
    from client.store.recovery import QuarantineResult

REPAIR_COMMAND = "tradewind cache rebuild"


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `cache check`, `cache rebuild` and `cache rederive`."""
    cache = subparsers.add_parser(
        "cache", parents=[common], help="check, rebuild or correct the local mail cache"
    )
    sub = cache.add_subparsers(dest="cache_command", metavar="ACTION", required=True)
    check = sub.add_parser("check", parents=[common], help="check the cache file for damage")
    check.add_argument(
        "--quick", action="store_true", help="faster check (quick_check: skips index contents)"
    )
    check.set_defaults(handler=cmd_check)
    rebuild = sub.add_parser(
        "rebuild", parents=[common],
        help="move a damaged cache aside and build a fresh one, keeping local work",
    )
    rebuild.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    rebuild.set_defaults(handler=cmd_rebuild)
    cache_rederive.register_action(sub, common)


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from client.store.check import check_cache

    ctx.profile.ensure()
    ctx.close()
    result = check_cache(ctx.profile.database, quick=args.quick)
    document = {
        "ok": result.ok,
        "path": str(result.path),
        "check": "quick" if args.quick else "integrity",
        "problems": list(result.problems[:50]),
        "repair_command": None if result.ok else REPAIR_COMMAND,
    }
    if result.ok:
        ctx.emit(document, f"The mail cache {result.path} is sound.")
        return ExitCode.OK
    shown = "; ".join(safe_text(p, 200) for p in result.problems[:3])
    ctx.emit(document, "")
    ctx.stderr.write(
        f"tradewind: The mail cache {result.path} is damaged ({len(result.problems)} "
        f"problem(s): {shown}). Run `{REPAIR_COMMAND}`: it keeps your drafts, outbox, queued "
        f"changes, identities and settings, moves the damaged file aside and fetches the mail "
        f"again from the server at the next sync.\n"
    )
    ctx.stderr.flush()
    return ExitCode.DATA


def _confirmed(ctx: Context, args: argparse.Namespace) -> bool:
    if args.yes:
        return True
    if not _isatty(ctx.stdin):
        raise UsageError(
            "`tradewind cache rebuild` moves the cache aside and builds a new one; add --yes "
            "to confirm (nothing was changed)."
        )
    ctx.stderr.write(
        f"Move the mail cache {ctx.profile.database} aside and build a fresh one? Drafts, "
        "outbox, queued changes, identities and settings are kept; the mail is fetched again "
        "by the next sync. [y/N] "
    )
    ctx.stderr.flush()
    return ctx.stdin.readline().strip().lower() in ("y", "yes")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _counts(counts: dict[str, int], labels: dict[str, str]) -> str:
    return ", ".join(f"{n} {labels.get(name, name)}" for name, n in counts.items()) or "nothing"


def _summary(result: QuarantineResult) -> list[str]:
    from client.store.recovery import labels

    words = labels()
    lines = []
    if result.moved_to.exists():
        lines.append(f"Moved the old cache file to {result.moved_to} (kept).")
    if result.export_path is not None:
        lines.append(f"Saved the local work to {result.export_path} (kept).")
    lines.append(f"Put back into the new cache: {_counts(result.imported, words)}.")
    lines.append("Run `tradewind sync` to fetch the mail again.")
    return lines


def _problems(result: QuarantineResult) -> list[str]:
    from client.store.recovery import labels

    words = labels()
    out = [
        f"The old file could not be read at all ({safe_text(reason, 200)}); only a fresh "
        f"cache was made." if table == "*" else
        f"Not all {words.get(table, table)} could be found in the damaged file "
        f"({safe_text(reason, 200)}); some may be missing."
        for table, reason in result.unreadable.items()
    ]
    out += [
        f"One of the {words.get(row.table, row.table)} (id {row.row_id}) could not be read "
        f"({safe_text(row.reason, 200)}); it is lost."
        for row in result.unreadable_rows
    ]
    out += [
        f"One of the {words.get(row.table, row.table)} (id {row.row_id}) is in the export but "
        f"was not put back: {safe_text(row.reason, 200)}."
        for row in result.skipped
    ]
    return out


def cmd_rebuild(ctx: Context, args: argparse.Namespace) -> int:
    from client.store.recovery import quarantine_and_rebuild

    database = ctx.profile.database
    if not database.exists():
        raise CliError(
            f"There is no mail cache at {database} yet: nothing to rebuild.", ExitCode.NOT_FOUND
        )
    if not _confirmed(ctx, args):
        raise CliError("Nothing was changed.", ExitCode.GENERAL)
    ctx.close()  # no Store of ours may hold the file while it is copied and moved
    with ctx.profile.writer_lock():
        result = quarantine_and_rebuild(database)
    document = result.as_json()
    document["next"] = "tradewind sync"
    ctx.emit(document, "\n".join(_summary(result)))
    for line in _problems(result):
        ctx.stderr.write(f"tradewind: {line}\n")
    ctx.stderr.flush()
    return ExitCode.OK
