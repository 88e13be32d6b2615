"""`tradewind calendar [--from D] [--to D] | import FILE | export FILE | apply ID | delete UID
| sync`.

Lists the calendar entries in the cache (recurring ones expanded, bounded) between two UTC
days; imports and exports .ics files; `apply MESSAGE_ID` applies a cached invitation, update,
cancellation or answer when the iTIP rules allow (else says why and changes nothing); `sync`
runs a two-way CalDAV sync with the account set by `calendar server`. Bad input exits 2 in
words; JSON shapes in docs/cli.md. Main thread.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import safe_text

if TYPE_CHECKING:
    from client.calendar.calendar_store import EventRow

MAX_DAYS = 3660


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `calendar` command group."""
    cal = subparsers.add_parser("calendar", parents=[common], help="the rep's calendar")
    cal.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first UTC day (today)")
    cal.add_argument("--to", dest="last", metavar="YYYY-MM-DD",
                     help="day after the last one (default: 30 days after --from)")
    cal.set_defaults(handler=cmd_list)
    sub = cal.add_subparsers(dest="calendar_command", metavar="ACTION")
    imp = sub.add_parser("import", parents=[common], help="import an .ics file")
    imp.add_argument("file", metavar="FILE.ics")
    imp.set_defaults(handler=cmd_import)
    exp = sub.add_parser("export", parents=[common], help="write every entry to an .ics file")
    exp.add_argument("file", metavar="FILE.ics")
    exp.set_defaults(handler=cmd_export)
    apply = sub.add_parser("apply", parents=[common],
                           help="apply a cached invitation, update, cancellation or answer")
    apply.add_argument("message", metavar="MESSAGE_ID")
    apply.set_defaults(handler=cmd_apply)
    delete = sub.add_parser("delete", parents=[common],
                            help="delete an entry (and, at the next sync, its server copy)")
    delete.add_argument("uid", metavar="UID")
    delete.set_defaults(handler=cmd_delete)
    sync = sub.add_parser("sync", parents=[common], help="two-way sync with the CalDAV server")
    sync.set_defaults(handler=cmd_sync)
    server = sub.add_parser("server", parents=[common],
                            help="set the CalDAV server (password read from stdin)")
    server.add_argument("url", metavar="URL")
    server.add_argument("--user", required=True)
    server.add_argument("--calendar", default="Tradewind", help="calendar name (Tradewind)")
    server.set_defaults(handler=cmd_server)


def _day(text: str | None, default: date, option: str) -> datetime:
    if text is None:
        value = default
    else:
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{option} {safe_text(text, 30)!r} is not a date (YYYY-MM-DD)"
                             ) from None
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def event_json(row: EventRow, start: datetime, end: datetime) -> dict[str, Any]:
    return {"uid": row.uid, "summary": row.summary, "start": _iso(start), "end": _iso(end),
            "zone": row.zone, "organizer": row.organizer, "status": row.status,
            "partstat": row.partstat, "sequence": row.sequence, "message_id": row.message_id,
            "all_day": row.all_day, "recurrence_id": row.recurrence_id or None,
            "link": row.link or None, "conflict": row.conflict_ical is not None}


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.calendar_store import CalendarStore

    first = _day(args.first, datetime.now(UTC).date(), "--from")
    last = _day(args.last, (first + timedelta(days=30)).date(), "--to")
    if not first < last <= first + timedelta(days=MAX_DAYS):
        raise UsageError(f"--to must be after --from, at most {MAX_DAYS} days")
    listed = CalendarStore(ctx.store()).between(first, last)
    events = [event_json(row, start, end) for row, start, end in listed]

    def text() -> str:
        if not events:
            return "No calendar entries in that period."
        return "\n".join(f"{e['start'][:16].replace('T', ' ')} UTC  {e['summary']}"
                         f"{'  [cancelled]' if e['status'] == 'CANCELLED' else ''}"
                         f"  ({e['uid']})" for e in events)

    ctx.emit({"events": events}, text)
    return int(ExitCode.OK)


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.calendar_store import CalendarStore
    from client.meetings.ical_in import MAX_BYTES, CalendarError

    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"{path.name} is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        result = CalendarStore(ctx.store()).import_ics(data)
    except CalendarError as exc:
        raise UsageError(f"{path.name}: {exc}") from exc
    for line in result.refused:
        ctx.notice(f"Not imported: {line}")
    ctx.emit({"imported": result.saved, "refused": result.refused,
              "warnings": result.warnings},
             f"Imported {result.saved} event(s); {len(result.refused)} refused.")
    return int(ExitCode.OK)


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.calendar_store import CalendarStore

    removed = CalendarStore(ctx.store()).delete(args.uid)
    if not removed:
        raise UsageError(f"there is no calendar entry {safe_text(args.uid)!s}")
    ctx.emit({"uid": args.uid, "deleted": removed},
             f"Deleted {safe_text(args.uid)} ({removed} entr{'y' if removed == 1 else 'ies'}).")
    return int(ExitCode.OK)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.calendar_store import CalendarStore

    calendar = CalendarStore(ctx.store())
    data = calendar.export_ics()
    path = Path(args.file)
    try:
        temp = path.with_name(path.name + ".part")
        temp.write_bytes(data)
        temp.replace(path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    count = len(calendar.all())
    ctx.emit({"exported": count, "file": str(path)}, f"Wrote {count} event(s) to {path}.")
    return int(ExitCode.OK)


def cmd_apply(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.receive import ReceiveError, apply_invitation, read_invitation
    from client.meetings.rep_zone import rep_zone

    try:
        row_id = int(args.message)
    except ValueError:
        raise UsageError(f"{safe_text(args.message, 30)!r} is not a message id") from None
    store = ctx.store()
    try:
        invitation = read_invitation(store, row_id, rep_zone(store).zone)
    except ReceiveError as exc:
        raise CliError(str(exc), ExitCode.NOT_FOUND if "no message" in str(exc)
                       else ExitCode.USAGE) from exc
    applied = apply_invitation(store, invitation)
    event = invitation.event
    doc = {
        "method": invitation.method, "uid": event.uid, "summary": event.summary,
        "sequence": event.sequence, "organizer": event.organizer, "sender": invitation.sender,
        "applied": applied, "reason": invitation.verdict.reason,
        "start": _iso(event.start) if event.start else None,
        "end": _iso(event.end) if event.end else None,
        "rep_time": [t.isoformat(timespec="minutes") for t in invitation.rep_time]
        if invitation.rep_time else None,
        "organizer_time": [t.isoformat(timespec="minutes") for t in invitation.organizer_time]
        if invitation.organizer_time else None,
        "organizer_zone": invitation.organizer_zone, "link": event.link or None,
        "conflicts": [{"uid": c.uid, "summary": c.summary, "start": _iso(c.start),
                       "end": _iso(c.end)} for c in invitation.conflicts],
        "warnings": invitation.warnings,
    }
    verb = "Applied" if applied else "Not applied"
    ctx.emit(doc, f"{verb}: {invitation.method} {event.summary} ({invitation.verdict.reason}).")
    return int(ExitCode.OK)


def cmd_server(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.caldav_sync import CalDavError, set_server

    password = ctx.stdin.readline().rstrip("\r\n")
    if not password:
        raise UsageError("give the CalDAV password on standard input")
    try:
        set_server(ctx.store(), args.url, args.user, password, args.calendar)
    except CalDavError as exc:
        raise UsageError(str(exc)) from exc
    ctx.emit({"url": args.url, "user": args.user, "calendar": args.calendar},
             f"CalDAV server set: {args.url} ({args.user}).")
    return int(ExitCode.OK)


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.caldav_sync import CalDavError, sync_calendar

    try:
        report = sync_calendar(ctx.store())
    except CalDavError as exc:
        codes = {"usage": ExitCode.USAGE, "auth": ExitCode.AUTH, "network": ExitCode.NETWORK,
                 "keyring": ExitCode.KEYRING}
        raise CliError(str(exc), codes.get(exc.kind, ExitCode.GENERAL)) from exc
    ctx.emit(report.as_json(), report.text())
    return int(ExitCode.OK)
