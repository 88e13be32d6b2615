"""`tradewind followups [list] [--due] [--all]`, `followups snooze ID --until T | --days N`,
`followups done ID`, `followups dismiss ID`, `followups days ID N`, `followups draft ID`,
`followups rules`, `followups rule TAG N | TAG --remove` (working days per inquiry channel).

Every run first brings the reminders up to date from the cache
(`client.followups.refresh.refresh_followups`: new sent quotes and inquiry replies, answered
ones cleared). `--until` is an ISO 8601 local time read in the rep's zone (`meet.rep_zone`,
else the computer's) unless it carries its own offset; `--days N` counts the buyer's working
days. `draft ID` saves the suggested follow-up as a local draft (`tradewind drafts`). Bad input
exits 2 in words and changes nothing; an unknown id exits 6. JSON shapes: docs/cli.md. Main
thread.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from typing import Any

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import format_table, safe_text

ACTIONS = ("list", "snooze", "done", "dismiss", "days", "draft", "rules", "rule")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add `followups`."""
    cmd = subparsers.add_parser("followups", parents=[common],
                                help="follow-up reminders for unanswered quotes and replies")
    cmd.add_argument("action", nargs="?", default="list", choices=ACTIONS)
    cmd.add_argument("args", nargs="*", metavar="ID")
    cmd.add_argument("--due", action="store_true", help="list: only the reminders due now")
    cmd.add_argument("--all", action="store_true", help="list: closed reminders too")
    cmd.add_argument("--until", metavar="TIME", help="snooze: until this local time (ISO 8601)")
    cmd.add_argument("--days", type=int, metavar="N", help="snooze: N working days (buyer's)")
    cmd.add_argument("--remove", action="store_true", help="rule TAG: remove the channel's rule")
    cmd.set_defaults(handler=cmd_followups)


def _id(args: argparse.Namespace, count: int = 1) -> list[int]:
    if len(args.args) != count:
        raise UsageError(f"followups {args.action} takes {count} value"
                         f"{'s' if count > 1 else ''}: the reminder's id"
                         f"{' and a number of days' if count > 1 else ''}.")
    for text in args.args:
        if not text.strip().isdigit():
            raise UsageError(f"{text!r} is not a number (ids come from `tradewind followups`).")
    return [int(t) for t in args.args]


def _local(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_followups(ctx: Context, args: argparse.Namespace) -> int:
    from client.followups import records
    from client.followups.refresh import refresh_followups
    from client.followups.suggest import followup_draft

    store = ctx.store()
    now = time.time()
    refresh_followups(store, now)
    try:
        if args.action == "list":
            if args.args:
                raise UsageError("followups list takes no ids.")
            states = records.STATES if args.all else records.OPEN
            items = records.list_followups(store, now=now, due_only=args.due, states=states)
            ctx.emit({"followups": [f.as_json(now) for f in items]}, lambda: format_table(
                ("ID", "STATE", "DUE", "WAITING", "BUYER", "QUOTE", "SUBJECT"),
                [(f.id, f.state + ("*" if f.is_due(now) else ""), _local(f.due_at),
                  f"{f.days_waiting(now)}d", safe_text(f.buyer_email, 40),
                  f.quote_number or "-", safe_text(f.subject, 50)) for f in items])
                if items else "No follow-ups due." if args.due else "No follow-up reminders.")
            return ExitCode.OK
        if args.action == "snooze":
            (fid,) = _id(args)
            if (args.until is None) == (args.days is None):
                raise UsageError("Give --until TIME or --days N (one of them).")
            until = None
            if args.until is not None:
                from client.customers.send_time import SendTimeError, parse_at
                from client.meetings.rep_zone import rep_zone

                try:
                    until = parse_at(args.until, rep_zone(store).zone, now=now)
                except SendTimeError as exc:
                    raise UsageError(str(exc)) from None
            found = records.snooze(store, fid, until=until, days=args.days, now=now)
            ctx.emit({"followup": found.as_json(now)},
                     f"Follow-up {fid} snoozed until {_local(found.due_at)}.")
            return ExitCode.OK
        if args.action in ("done", "dismiss"):
            (fid,) = _id(args)
            state = "done" if args.action == "done" else "dismissed"
            found = records.close(store, fid, state, now=now)
            ctx.emit({"followup": found.as_json(now)}, f"Follow-up {fid}: {found.state}.")
            return ExitCode.OK
        if args.action in ("rules", "rule"):
            return _rules(ctx, args)
        if args.action == "days":
            fid, days = _id(args, 2)
            found = records.set_days(store, fid, days)
            ctx.emit({"followup": found.as_json(now)},
                     f"Follow-up {fid} waits {days} working days: due {_local(found.due_at)}.")
            return ExitCode.OK
        (fid,) = _id(args)
        from client.compose.actions import ComposeError
        from client.templates import TemplateError, load_library

        try:
            made = followup_draft(store, fid, load_library(ctx.profile, store=store))
        except (ComposeError, TemplateError) as exc:
            raise CliError(str(exc), ExitCode.USAGE) from None
        ctx.emit({"followup": fid, "draft_id": made.draft_id, "template": made.template,
                  "lang": made.lang},
                 f"Saved the follow-up as draft {made.draft_id} ({made.template}, {made.lang}).")
        return ExitCode.OK
    except records.FollowupNotFound as exc:
        raise CliError(str(exc), ExitCode.NOT_FOUND) from None
    except records.FollowupError as exc:
        raise UsageError(str(exc)) from None


def _rules(ctx: Context, args: argparse.Namespace) -> int:
    """`rules` lists; `rule TAG N` sets; `rule TAG --remove` removes."""
    from client.followups import rules

    store = ctx.store()
    if args.action == "rule":
        if args.remove and len(args.args) == 1:
            removed = rules.remove_rule(store, args.args[0])
            ctx.emit({"removed": removed, "rules": rules.list_rules(store)},
                     "Removed." if removed else "There was no rule for that channel.")
            return ExitCode.OK
        if args.remove or len(args.args) != 2 or not args.args[1].strip().isdigit():
            raise UsageError("followups rule takes a channel tag and a number of working "
                             "days (or the tag and --remove).")
        tag, days = rules.set_rule(store, args.args[0], int(args.args[1]))
        ctx.emit({"rules": rules.list_rules(store)},
                 f"Follow-ups for {tag} conversations wait {days} working days.")
        return ExitCode.OK
    found = rules.list_rules(store)
    ctx.emit({"rules": found}, lambda: format_table(("CHANNEL", "WORKING DAYS"),
                                                    sorted(found.items()))
             if found else "No channel rules: every follow-up waits the default days.")
    return ExitCode.OK
