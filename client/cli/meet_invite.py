"""`tradewind meet invite | update | cancel | reply`: invitations through the outbox.

`invite` writes a METHOD:REQUEST (new UID, SEQUENCE 0) for `--to` attendees, saves the entry
in the rep's calendar and queues the mail (company signature enforced); `update UID` sends the
stored meeting again with the given changes and SEQUENCE + 1; `cancel UID` sends METHOD:CANCEL
with SEQUENCE + 1 and marks the entry cancelled; with `--occurrence` both change one
occurrence of a recurring meeting only (an exception carrying RECURRENCE-ID, its own row); `reply MESSAGE_ID accept|tentative|decline`
answers a cached invitation with METHOD:REPLY. Each flushes the account's outbox unless
`--queue-only`. Bad input exits 2 in words; JSON shapes in docs/cli.md. Main thread.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from client.cli.context import Context
from client.cli.errors import CliError, ExitCode, UsageError
from client.cli.output import safe_text

if TYPE_CHECKING:
    from client.calendar.outgoing import SentInvitation
    from client.calendar.receive import Invitation
    from client.meetings.ical_out import Meeting
    from client.outgoing.message import QueuedMessage
    from client.store.db import Store
    from client.store.records import Account


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add invite/update/cancel/reply to the `meet` group's sub-parsers."""
    invite = sub.add_parser("invite", parents=[common], help="send a meeting invitation")
    invite.add_argument("--from", dest="sender", metavar="ADDR",
                        help="the organizer (one of your addresses; default: the only account)")
    invite.add_argument("--to", action="append", default=[], required=True, metavar="ADDR")
    invite.add_argument("--start", required=True, metavar="YYYY-MM-DDTHH:MM")
    invite.add_argument("--zone", required=True, metavar="ZONE",
                        help="zone of --start, e.g. Asia/Shanghai")
    invite.add_argument("--duration", type=int, required=True, metavar="MINUTES")
    invite.add_argument("--title", required=True)
    _common_details(invite)
    invite.set_defaults(handler=cmd_invite)

    update = sub.add_parser("update", parents=[common], help="send a changed meeting")
    update.add_argument("uid", metavar="UID")
    update.add_argument("--to", action="append", default=[], metavar="ADDR",
                        help="replace the attendees")
    update.add_argument("--start", metavar="YYYY-MM-DDTHH:MM")
    update.add_argument("--zone", metavar="ZONE")
    update.add_argument("--duration", type=int, metavar="MINUTES")
    update.add_argument("--title")
    update.add_argument("--occurrence", metavar="YYYY-MM-DDTHH:MM",
                        help="change only this occurrence of a recurring meeting (its "
                             "original start, in the meeting's zone)")
    _common_details(update)
    update.set_defaults(handler=cmd_update)

    cancel = sub.add_parser("cancel", parents=[common], help="cancel a meeting you organize")
    cancel.add_argument("uid", metavar="UID")
    cancel.add_argument("--occurrence", metavar="YYYY-MM-DDTHH:MM",
                        help="cancel only this occurrence (its original start, in the "
                             "meeting's zone)")
    cancel.add_argument("--lang", default="en", metavar="LANG")
    cancel.add_argument("--queue-only", action="store_true")
    cancel.set_defaults(handler=cmd_cancel)

    reply = sub.add_parser("reply", parents=[common], help="answer a received invitation")
    reply.add_argument("message", metavar="MESSAGE_ID", help="the cached message's id")
    reply.add_argument("answer", choices=["accept", "tentative", "decline"])
    reply.add_argument("--comment", default="", metavar="TEXT")
    reply.add_argument("--queue-only", action="store_true")
    reply.set_defaults(handler=cmd_reply)


def _common_details(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--location", metavar="L")
    parser.add_argument("--link", metavar="URL", help="online-meeting link (https)")
    parser.add_argument("--rrule", metavar="RULE", help="e.g. FREQ=WEEKLY;COUNT=10")
    parser.add_argument("--exdate", action="append", default=[], metavar="YYYY-MM-DDTHH:MM",
                        help="an occurrence to leave out (in --zone)")
    parser.add_argument("--lang", default="en", metavar="LANG",
                        help="language of the mail's times and zone names (en, zh_CN…)")
    parser.add_argument("--queue-only", action="store_true")


def _zone(text: str) -> str:
    from client.meetings.zones import ZoneError, validate_zone

    try:
        return validate_zone(text)
    except ZoneError as exc:
        raise UsageError(f"--zone: {exc}") from exc


def _local_time(text: str, zone: str, option: str) -> datetime:
    try:
        naive = datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        raise UsageError(f"{option} {safe_text(text, 30)!r} is not YYYY-MM-DDTHH:MM") from None
    tz = ZoneInfo(zone)
    aware = naive.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise UsageError(f"{option} {text} does not exist in {zone} (the clocks skip it)")
    return aware


def _duration(minutes: int) -> timedelta:
    if not 5 <= minutes <= 24 * 60:
        raise UsageError("--duration must be 5 to 1440 minutes")
    return timedelta(minutes=minutes)


def _people(addresses: list[str]) -> tuple[Any, ...]:
    from client.meetings.contact_zones import AddressError, normalise_address
    from client.meetings.ical_out import Person

    out = []
    for text in addresses:
        for part in text.split(","):
            if part.strip():
                try:
                    out.append(Person(normalise_address(part)))
                except AddressError as exc:
                    raise UsageError(f"--to: {exc}") from exc
    if not out:
        raise UsageError("give at least one attendee with --to")
    return tuple(dict.fromkeys(out))


def _account(store: Store, sender: str | None) -> tuple[Account, str]:
    from client.compose.identities import find_identity

    if sender:
        identity = find_identity(store, sender)
        if identity is None:
            raise CliError(f"{sender} is not an address of any account here.",
                           ExitCode.NOT_FOUND)
        account = store.account(identity.account_id)
        assert account is not None
        return account, identity.email
    accounts = store.list_accounts()
    if len(accounts) != 1:
        raise UsageError("give the organizer with --from (there is not exactly one account)")
    return accounts[0], accounts[0].email


def _account_of(store: Store, address: str) -> Account:
    account, _ = _account(store, address)
    return account


def _emit(ctx: Context, store: Store, account: Account, queued: QueuedMessage, extra: dict[str, Any],
          queue_only: bool, line: str) -> int:
    from client.cli.queue_tail import report_queued

    return report_queued(ctx, account, queued, queue_only=queue_only, extra=extra, headline=line)


def _send(ctx: Context, account: Account, meeting: Meeting, method: str, lang: str
          ) -> SentInvitation:
    from client.calendar.outgoing import send_invitation
    from client.meetings.ical_out import InviteError

    try:
        return send_invitation(ctx.store(), account.id, meeting, method, lang)
    except InviteError as exc:
        raise UsageError(str(exc)) from exc


def _exdates(texts: list[str], zone: str) -> tuple[datetime, ...]:
    return tuple(_local_time(t, zone, "--exdate") for t in texts)


def cmd_invite(ctx: Context, args: argparse.Namespace) -> int:
    from client.meetings.ical_out import Meeting, Person, new_uid

    zone = _zone(args.zone)
    start = _local_time(args.start, zone, "--start")
    duration = _duration(args.duration)
    attendees = _people(args.to)
    store = ctx.store()
    account, organizer = _account(store, args.sender)
    meeting = Meeting(
        uid=new_uid(organizer.rpartition("@")[2]), summary=args.title, start=start, zone=zone,
        duration=duration, organizer=Person(organizer), attendees=attendees,
        location=args.location or "", link=args.link or "", rrule=args.rrule or "",
        exdates=_exdates(args.exdate, zone))
    sent = _send(ctx, account, meeting, "REQUEST", args.lang)
    return _emit(ctx, store, account, sent.queued,
                 {"uid": sent.uid, "sequence": sent.sequence, "method": "REQUEST"},
                 args.queue_only, f"Invitation {sent.uid} queued.")


def _organized(store: Store, uid: str) -> Any:
    from client.calendar.calendar_store import CalendarStore
    from client.calendar.receive import own_addresses

    row = CalendarStore(store).get(uid)
    if row is None:
        raise CliError(f"there is no meeting {safe_text(uid, 80)!r} in the calendar",
                       ExitCode.NOT_FOUND)
    if row.organizer not in own_addresses(store):
        raise UsageError(f"{row.organizer} organizes this meeting, not you: "
                         "only the organizer can change or cancel it")
    return row


def _target(store: Store, uid: str, occurrence: str | None) -> tuple[Meeting, datetime | None]:
    """The meeting to change, SEQUENCE already raised above every row of the UID: the series,
    or with `occurrence` that one instance as an exception (RECURRENCE-ID)."""
    from client.calendar.outgoing import meeting_of, next_sequence, occurrence_of
    from client.meetings.ical_out import InviteError

    row = _organized(store, uid)
    try:
        meeting = replace(meeting_of(row), sequence=next_sequence(store, uid))
        if occurrence is not None:
            original = _local_time(occurrence, meeting.zone, "--occurrence")
            meeting = occurrence_of(store, row, original)
    except InviteError as exc:
        raise UsageError(str(exc)) from exc
    return meeting, meeting.recurrence_id


def _occurrence_json(when: datetime | None) -> str | None:
    return when.astimezone(UTC).isoformat(timespec="seconds") if when else None


def cmd_update(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.store()
    meeting, occurrence = _target(store, args.uid, args.occurrence)
    zone = _zone(args.zone) if args.zone else meeting.zone
    changes: dict[str, Any] = {"sequence": meeting.sequence, "zone": zone, "dtstamp": None}
    if args.start:
        changes["start"] = _local_time(args.start, zone, "--start")
    if args.duration is not None:
        changes["duration"] = _duration(args.duration)
    if args.title:
        changes["summary"] = args.title
    if args.to:
        changes["attendees"] = _people(args.to)
    if occurrence is not None and (args.rrule is not None or args.exdate):
        raise UsageError("--rrule and --exdate change the whole series, not one --occurrence")
    for name in ("location", "link", "rrule"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    if args.exdate:
        changes["exdates"] = _exdates(args.exdate, zone)
    kept = {p.email for p in changes.get("attendees", meeting.attendees)}
    dropped = tuple(p for p in meeting.attendees if p.email not in kept)
    meeting = replace(meeting, **changes)
    account = _account_of(store, meeting.organizer.email)
    sent = _send(ctx, account, meeting, "REQUEST", args.lang)
    if dropped:  # people taken off the meeting are told it is cancelled for them
        from client.calendar.outgoing import send_invitation

        send_invitation(store, account.id, replace(meeting, attendees=dropped), "CANCEL",
                        args.lang, save=False)
    return _emit(ctx, store, account, sent.queued,
                 {"uid": sent.uid, "sequence": sent.sequence, "method": "REQUEST",
                  "occurrence": _occurrence_json(occurrence),
                  "dropped": [p.email for p in dropped]},
                 args.queue_only, f"Update {sent.sequence} of {sent.uid} queued.")


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.calendar_store import CalendarStore

    store = ctx.store()
    meeting, occurrence = _target(store, args.uid, args.occurrence)
    meeting = replace(meeting, dtstamp=None)
    account = _account_of(store, meeting.organizer.email)
    sent = _send(ctx, account, meeting, "CANCEL", args.lang)
    if occurrence is None:  # one occurrence's CANCEL saved its own row as cancelled
        CalendarStore(store).mark_cancelled(meeting.uid)
    return _emit(ctx, store, account, sent.queued,
                 {"uid": sent.uid, "sequence": sent.sequence, "method": "CANCEL",
                  "occurrence": _occurrence_json(occurrence)},
                 args.queue_only, f"Cancellation of {sent.uid} queued.")


def invitation_of(store: Store, message: str) -> tuple[int, Invitation]:
    """The invitation in the cached message whose id is the argument ``message``, read in the
    rep's zone; ``UsageError``/``CliError`` (not found, not an invitation) in words."""
    from client.calendar.receive import ReceiveError, read_invitation
    from client.meetings.rep_zone import rep_zone

    try:
        row_id = int(message)
    except ValueError:
        raise UsageError(f"{safe_text(message, 30)!r} is not a message id") from None
    try:
        return row_id, read_invitation(store, row_id, rep_zone(store).zone)
    except ReceiveError as exc:
        raise CliError(str(exc), ExitCode.NOT_FOUND if "no message" in str(exc)
                       else ExitCode.USAGE) from exc


def cmd_reply(ctx: Context, args: argparse.Namespace) -> int:
    from client.calendar.outgoing import send_reply
    from client.meetings.ical_out import InviteError

    store = ctx.store()
    row_id, invitation = invitation_of(store, args.message)
    message = store.get_message(row_id)
    assert message is not None
    account = store.account(message.account_id)
    assert account is not None
    try:
        queued = send_reply(store, account.id, invitation, args.answer, args.comment)
    except InviteError as exc:
        raise UsageError(str(exc)) from exc
    return _emit(ctx, store, account, queued,
                 {"uid": invitation.event.uid, "sequence": invitation.event.sequence,
                  "method": "REPLY", "answer": args.answer,
                  "applied": invitation.verdict.apply, "reason": invitation.verdict.reason},
                 args.queue_only, f"Answer '{args.answer}' to {invitation.event.summary} queued.")
