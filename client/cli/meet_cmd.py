"""`tradewind meet plan | zone`: meeting slots across time zones, and zones per contact.

(`meet invite | update | cancel | reply` live in `client.cli.meet_invite`.)

`meet plan` ranks slots for the organizer and `--attendee ADDR[=ZONE][,HH:MM-HH:MM]` people
(zone: given, else remembered, else guessed from their cached mail's Date offsets and country
domain; a given zone is remembered unless `--no-remember`). `--weekly N` adds, per slot, the
dates when a weekly series moves for someone (DST). `meet zone [ADDR [ZONE]] [--forget]`
lists, shows, sets or forgets remembered zones. Bad input exits 2 in words. JSON shapes are in
docs/cli.md. Main thread; the cache is opened only when an address needs it.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from client.cli.context import Context
from client.cli.errors import UsageError
from client.cli.output import safe_text

if TYPE_CHECKING:
    from client.meetings.contact_zones import ZoneChoice
    from client.meetings.planner import Attendee, Plan, Slot
    from client.meetings.recurrence import DstShift

MAX_DAYS = 62
MAX_ATTENDEES = 100
_HOURS = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Add the `meet` command group."""
    meet = subparsers.add_parser("meet", parents=[common], help="plan meetings across time zones")
    sub = meet.add_subparsers(dest="meet_command", metavar="ACTION", required=True)

    plan = sub.add_parser("plan", parents=[common], help="ranked meeting slots for attendees")
    plan.add_argument("--attendee", action="append", default=[], metavar="ADDR[=ZONE][,HOURS]",
                      help="an attendee; ZONE like Asia/Shanghai, HOURS like 08:30-17:30")
    plan.add_argument("--organizer", metavar="ADDR", help="the organizer's address (optional)")
    plan.add_argument("--organizer-zone", metavar="ZONE",
                      help="the organizer's zone (default: this computer's)")
    plan.add_argument("--from", dest="first_day", metavar="YYYY-MM-DD",
                      help="first day, in the organizer's zone (default: today)")
    plan.add_argument("--days", type=int, default=14, metavar="N", help="days to search (14)")
    plan.add_argument("--duration", type=int, default=60, metavar="MINUTES",
                      help="meeting length in minutes (60)")
    plan.add_argument("--hours", default="09:00-18:00", metavar="HH:MM-HH:MM",
                      help="working hours of everyone without their own (09:00-18:00)")
    plan.add_argument("--step", type=int, default=15, metavar="MINUTES",
                      help="candidate start every N minutes (15)")
    plan.add_argument("--limit", type=int, default=10, metavar="N", help="slots to show (10)")
    plan.add_argument("--weekly", type=int, metavar="N",
                      help="also check a weekly series of N meetings for DST shifts")
    plan.add_argument("--no-remember", action="store_true",
                      help="do not remember the zones given with --attendee")
    plan.set_defaults(handler=cmd_plan)

    zone = sub.add_parser("zone", parents=[common],
                          help="list, show, set or forget contacts' time zones")
    zone.add_argument("address", nargs="?", metavar="ADDR")
    zone.add_argument("zone", nargs="?", metavar="ZONE")
    zone.add_argument("--forget", action="store_true", help="forget ADDR's remembered zone")
    zone.set_defaults(handler=cmd_zone)

    mine = sub.add_parser("my-zone", parents=[common],
                          help="show or set your own time zone (default: the computer's)")
    mine.add_argument("zone", nargs="?", metavar="ZONE")
    mine.add_argument("--computer", action="store_true",
                      help="forget the setting: use the computer's zone")
    mine.set_defaults(handler=cmd_my_zone)

    from client.cli import meet_invite

    meet_invite.register(sub, common)  # invite, update, cancel, reply


@dataclass
class _Spec:
    address: str
    zone: str | None
    hours: tuple[time, time] | None


def parse_hours(text: str) -> tuple[time, time]:
    """`HH:MM-HH:MM` → (start, end); raises `UsageError`. An end before the start runs
    past midnight; equal times are refused."""
    match = _HOURS.match(text.strip())
    if not match:
        raise UsageError(f"working hours {safe_text(text, 30)!r} are not HH:MM-HH:MM "
                         "(e.g. 09:00-18:00)")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise UsageError(f"working hours {safe_text(text, 30)!r} are not valid times")
    start = time(h1, m1)
    end = time(0, 0) if h2 == 24 else time(h2, m2)
    if start == end:
        raise UsageError("working hours must not start and end at the same time")
    return start, end


def parse_attendee(text: str) -> _Spec:
    """`ADDR[=ZONE][,HH:MM-HH:MM]` → a spec; raises `UsageError` in words."""
    from client.meetings.contact_zones import AddressError, normalise_address
    from client.meetings.zones import ZoneError, validate_zone

    value, hours = text, None
    if "," in value:
        value, _, hours_text = value.rpartition(",")
        hours = parse_hours(hours_text)
    address, equals, zone_text = value.partition("=")
    try:
        normal = normalise_address(address)
        zone = validate_zone(zone_text) if equals else None
    except (AddressError, ZoneError) as exc:
        raise UsageError(f"--attendee: {exc}") from exc
    return _Spec(normal, zone, hours)


def _attendees(ctx: Context, args: argparse.Namespace) -> tuple[list[Attendee], str]:
    """The organizer first, then each attendee once; zones resolved; errors in words."""
    from client.meetings.contact_zones import remember_zone, resolve_zone
    from client.meetings.planner import Attendee
    from client.meetings.zones import ZoneError, country_of_address, country_of_zone, validate_zone

    default_hours = parse_hours(args.hours)
    specs = [parse_attendee(text) for text in args.attendee]
    if len(specs) > MAX_ATTENDEES:
        raise UsageError(f"at most {MAX_ATTENDEES} attendees")
    organizer = parse_attendee(args.organizer) if args.organizer else None
    try:
        organizer_zone = validate_zone(args.organizer_zone) if args.organizer_zone else None
    except ZoneError as exc:
        raise UsageError(f"--organizer-zone: {exc}") from exc
    store = ctx.store() if (specs or organizer) else None

    def choose(spec: _Spec) -> ZoneChoice | None:
        from client.meetings.contact_zones import ZoneChoice

        if spec.zone is not None:
            if store is not None and not args.no_remember:
                remember_zone(store, spec.address, spec.zone, source="given")
            return ZoneChoice(spec.address, spec.zone, "given",
                              country_of_zone(spec.zone) or country_of_address(spec.address))
        return resolve_zone(store, spec.address)

    people: list[Attendee] = []
    if organizer is not None and organizer.zone is None and organizer_zone is not None:
        organizer.zone = organizer_zone
    org_choice = choose(organizer) if organizer is not None else None
    source = "given" if organizer_zone is not None else "computer"
    if organizer_zone is None and org_choice is not None:
        organizer_zone, source = org_choice.zone, org_choice.source
    if organizer_zone is None:
        from client.meetings.rep_zone import rep_zone

        mine = rep_zone(store if store is not None else ctx.store())
        organizer_zone, source = mine.zone, mine.source
    people.append(Attendee(
        organizer.address if organizer else None, organizer_zone,
        country_of_zone(organizer_zone)
        or (country_of_address(organizer.address) if organizer else None),
        (organizer.hours if organizer and organizer.hours else default_hours),
        source,
    ))
    seen = {organizer.address} if organizer else set()
    for spec in specs:
        if spec.address in seen:
            continue
        seen.add(spec.address)
        choice = choose(spec)
        if choice is None:
            raise UsageError(
                f"no time zone known for {spec.address}: give it as "
                f"{spec.address}=Area/City (for example America/New_York)")
        people.append(Attendee(spec.address, choice.zone, choice.country,
                               spec.hours or default_hours, choice.source))
    return people, organizer_zone


def cmd_plan(ctx: Context, args: argparse.Namespace) -> int:
    from client.meetings.planner import plan
    from client.meetings.recurrence import MAX_WEEKS, weekly_dst_shifts

    if not 1 <= args.days <= MAX_DAYS:
        raise UsageError(f"--days must be 1 to {MAX_DAYS}")
    if not 5 <= args.duration <= 24 * 60:
        raise UsageError("--duration must be 5 to 1440 minutes")
    if args.step not in (5, 10, 15, 20, 30, 60):
        raise UsageError("--step must be 5, 10, 15, 20, 30 or 60 minutes")
    if not 1 <= args.limit <= 200:
        raise UsageError("--limit must be 1 to 200")
    if args.weekly is not None and not 1 <= args.weekly <= MAX_WEEKS:
        raise UsageError(f"--weekly must be 1 to {MAX_WEEKS}")
    given_day: date | None = None
    if args.first_day:
        try:
            given_day = date.fromisoformat(args.first_day)
        except ValueError as exc:
            raise UsageError(f"--from {safe_text(args.first_day, 30)!r} is not a date "
                             "(YYYY-MM-DD)") from exc
        if not 1970 <= given_day.year <= 2200:
            raise UsageError("--from must be between the years 1970 and 2200")
    people, organizer_zone = _attendees(ctx, args)
    first_day = given_day or datetime.now(ZoneInfo(organizer_zone)).date()
    result = plan(people, organizer_zone=organizer_zone, first_day=first_day, days=args.days,
                  duration=timedelta(minutes=args.duration), step=timedelta(minutes=args.step),
                  limit=args.limit)
    shifts = {
        slot.start: weekly_dst_shifts(slot.start, organizer_zone, people, args.weekly)
        for slot in result.slots
    } if args.weekly else None
    document = plan_json(result, people, organizer_zone, first_day, args, shifts)
    ctx.emit(document,
             lambda: plan_text(result, people, organizer_zone, first_day, args, shifts))
    return 0


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _shift_json(shift: DstShift) -> dict[str, Any]:
    return {"address": shift.address, "zone": shift.zone, "date": shift.date.isoformat(),
            "from_local": shift.from_local, "to_local": shift.to_local}


def plan_json(result: Plan, people: list[Attendee], organizer_zone: str, first_day: date,
              args: argparse.Namespace,
              shifts: dict[datetime, list[DstShift]] | None) -> dict[str, Any]:
    """The stable `meet plan --json` document (docs/cli.md)."""
    slots = []
    for slot in result.slots:
        item: dict[str, Any] = {
            "start": _iso_utc(slot.start),
            "end": _iso_utc(slot.end),
            "outside_count": slot.outside_count,
            "attendees": [{
                "address": t.attendee.address,
                "zone": t.attendee.zone,
                "local_start": t.local_start.isoformat(),
                "local_end": t.local_end.isoformat(),
                "inside_hours": t.inside_hours,
                "reason": t.reason,
                "day_name": t.day_name,
                "estimated": t.estimated,
            } for t in slot.attendees],
        }
        if shifts is not None:
            item["dst_shifts"] = [_shift_json(s) for s in shifts[slot.start]]
        slots.append(item)
    return {
        "organizer_zone": organizer_zone,
        "from": first_day.isoformat(),
        "days": args.days,
        "duration_minutes": args.duration,
        "attendees": [{
            "address": p.address, "zone": p.zone, "zone_source": p.zone_source,
            "country": p.country,
            "hours": f"{p.hours[0].strftime('%H:%M')}-{p.hours[1].strftime('%H:%M')}",
        } for p in people],
        "slots": slots,
        "notes": result.notes,
    }


def _slot_text(number: int, slot: Slot) -> list[str]:
    outside = slot.outside_count
    verdict = "everyone inside working hours" if outside == 0 else (
        f"{outside} outside working hours")
    lines = [f"{number}. {slot.start:%a %Y-%m-%d %H:%M}–{slot.end:%H:%M} UTC  ({verdict})"]
    for t in slot.attendees:
        who = safe_text(t.attendee.address or "organizer", 40)
        when = f"{t.local_start:%a %d %b %H:%M}–{t.local_end:%H:%M}"
        extra = "" if t.inside_hours else f"  outside: {t.reason}"
        if t.day_name:
            extra += f" ({safe_text(t.day_name, 60)})"
        lines.append(f"     {who:<32} {t.attendee.zone:<24} {when}{extra}")
    return lines


_SOURCE_WORDS = {
    "given": "given",
    "remembered": "remembered",
    "date-offsets": "guessed from their mail's Date headers",
    "domain": "guessed from the country domain",
    "computer": "this computer's zone",
    "setting": "your time zone setting",
}


def plan_text(result: Plan, people: list[Attendee], organizer_zone: str, first_day: date,
              args: argparse.Namespace, shifts: dict[datetime, list[DstShift]] | None) -> str:
    """The readable form of `meet plan`."""
    lines = ["Attendees:"]
    for person in people:
        who = safe_text(person.address or "organizer", 40)
        how = _SOURCE_WORDS.get(person.zone_source, person.zone_source)
        hours = f"{person.hours[0]:%H:%M}-{person.hours[1]:%H:%M}"
        lines.append(f"     {who:<32} {person.zone:<24} {hours}  ({how})")
    lines.append(f"{args.duration}-minute slots over {args.days} days from {first_day} "
                 f"(organizer zone {organizer_zone}), best first:")
    for number, slot in enumerate(result.slots, 1):
        lines.extend(_slot_text(number, slot))
        for shift in (shifts or {}).get(slot.start, []):
            who = safe_text(shift.address or "organizer", 40)
            lines.append(f"     weekly: moves for {who} from {shift.date}: "
                         f"{shift.from_local} → {shift.to_local}")
    if not result.slots:
        lines.append("  (no slot fits in the window)")
    lines.extend(f"Note: {note}" for note in result.notes)
    return "\n".join(lines)


def cmd_zone(ctx: Context, args: argparse.Namespace) -> int:
    from client.meetings.contact_zones import (
        AddressError,
        forget_zone,
        normalise_address,
        remember_zone,
        remembered_zones,
        resolve_zone,
    )
    from client.meetings.zones import ZoneError

    store = ctx.store()
    if args.address is None:
        if args.zone or args.forget:
            raise UsageError("give the address whose zone to set or forget")
        records = remembered_zones(store)
        ctx.emit({"zones": [{"address": r.address, "zone": r.zone, "source": r.source}
                            for r in records]},
                 lambda: "\n".join(f"{safe_text(r.address, 60):<40} {r.zone}" for r in records)
                 or "No remembered zones.")
        return 0
    try:
        address = normalise_address(args.address)
        if args.forget:
            if args.zone:
                raise UsageError("--forget takes no ZONE")
            forgot = forget_zone(store, address)
            ctx.emit({"address": address, "forgotten": forgot},
                     f"Forgot the zone of {address}." if forgot
                     else f"No zone was remembered for {address}.")
            return 0
        if args.zone:
            record = remember_zone(store, address, args.zone)
            ctx.emit({"address": address, "zone": record.zone, "source": "remembered"},
                     f"{address}: {record.zone} (remembered)")
            return 0
        choice = resolve_zone(store, address)
    except (AddressError, ZoneError) as exc:
        raise UsageError(str(exc)) from exc
    if choice is None:
        ctx.emit({"address": address, "zone": None, "source": None},
                 f"{address}: no zone known (set one with `tradewind meet zone {address} "
                 "Area/City`)")
        return 0
    ctx.emit({"address": address, "zone": choice.zone, "source": choice.source,
              "country": choice.country},
             f"{address}: {choice.zone} ({choice.source})")
    return 0


def cmd_my_zone(ctx: Context, args: argparse.Namespace) -> int:
    """`meet my-zone [ZONE] [--computer]`: the rep's zone setting (client.meetings.rep_zone)."""
    from client.meetings.rep_zone import rep_zone, set_rep_zone
    from client.meetings.zones import ZoneError

    if args.zone and args.computer:
        raise UsageError("give a ZONE or --computer, not both")
    store = ctx.store()
    try:
        if args.computer:
            current = set_rep_zone(store, None)
        elif args.zone:
            current = set_rep_zone(store, args.zone)
        else:
            current = rep_zone(store)
    except ZoneError as exc:
        raise UsageError(f"ZONE: {exc}") from exc
    how = "your setting" if current.source == "setting" else "this computer's zone"
    ctx.emit({"zone": current.zone, "source": current.source},
             f"Your time zone: {current.zone} ({how}).")
    return 0
