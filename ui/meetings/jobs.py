"""The meetings UI's work off the GUI thread: each function opens its own Store.

Called through ``ui.qt.tasks.run_in_background`` (a pool thread), never on the GUI thread;
each returns plain data or raises the core's errors (``InviteError``, ``ComposeError``,
``CalendarError``, ``CalDavError``, ``ZoneError``) whose text the caller shows in words.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from client.calendar.calendar_store import CalendarStore, EventRow, ImportResult
from client.meetings.contact_zones import remember_zone, resolve_zone
from client.meetings.grid import Grid, hours_grid
from client.meetings.ical_out import Meeting, new_uid
from client.meetings.planner import Attendee, Plan, plan
from client.meetings.rep_zone import RepZone, rep_zone, set_rep_zone
from client.meetings.zones import country_of_address, country_of_zone
from client.store.address_book import AddressBook, load_address_book
from client.store.db import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Guess:
    """An attendee's zone as the planner first shows it (editable)."""

    address: str
    zone: str
    source: str  # remembered / date-offsets / domain / rep (no guess: the rep's zone)
    country: str | None


@dataclass(frozen=True)
class Setup:
    """What the planner needs when it opens."""

    organizer: str  # the rep's address ("" without an account)
    account_id: int | None
    zone: RepZone
    book: AddressBook
    guesses: list[Guess]


def _guess(store: Store, address: str, fallback: str) -> Guess:
    choice = resolve_zone(store, address)
    if choice is None:
        return Guess(address, fallback, "rep", country_of_address(address))
    return Guess(address, choice.zone, choice.source,
                 choice.country or country_of_zone(choice.zone))


def planner_setup(db_path: Path, addresses: list[str]) -> Setup:
    """The rep's zone and address, the address book, and a zone guess for `addresses`."""
    with Store.open(db_path) as store:
        zone = rep_zone(store)
        accounts = store.list_accounts()
        mine = {a.email.lower() for a in accounts}
        guesses = [_guess(store, a, zone.zone) for a in dict.fromkeys(
            x.strip().lower() for x in addresses if "@" in x) if a not in mine]
        return Setup(accounts[0].email if accounts else "",
                     accounts[0].id if accounts else None, zone,
                     load_address_book(store), guesses)


def guess(db_path: Path, address: str) -> Guess:
    """One attendee's zone guess (remembered, Date offsets, country domain)."""
    with Store.open(db_path) as store:
        return _guess(store, address.strip().lower(), rep_zone(store).zone)


def remember(db_path: Path, address: str, zone: str) -> None:
    """The rep changed an attendee's zone: remember it for the next meeting."""
    with Store.open(db_path) as store:
        remember_zone(store, address, zone, source="user")


def participants(db_path: Path, message_row: int) -> list[str]:
    """The other people of a cached message (From, To, Cc), the rep's own addresses left out."""
    with Store.open(db_path) as store:
        row = store.get_message(message_row)
        if row is None:
            return []
        mine = {a.email.lower() for a in store.list_accounts()}
        people = [row.from_email, *(email for _, email in (*row.to, *row.cc))]
        return [p for p in dict.fromkeys(x.lower() for x in people if x) if p not in mine]


def compute(attendees: list[Attendee], organizer_zone: str, first_day: date, days: int,
            duration: timedelta, step: timedelta) -> tuple[Plan, Grid]:
    """The ranked slots (`planner.plan`, as `tradewind meet plan`) and the grid's cells."""
    return (plan(attendees, organizer_zone=organizer_zone, first_day=first_day, days=days,
                 duration=duration, step=step, limit=10),
            hours_grid(attendees, organizer_zone=organizer_zone, first_day=first_day,
                       days=days, step=step))


def send(db_path: Path, account_id: int, meeting: Meeting, language: str) -> str | None:
    """Queue the invitation (as `tradewind meet invite`: company signature, the entry saved;
    raises `InviteError`/`ComposeError` and then nothing is queued), then send the account's
    outbox now. None when that went, "" when the account has no server or password here (it
    waits in the outbox), else the server's reason it waits (queued either way)."""
    from client.calendar.outgoing import send_invitation
    from ui.composer import jobs as composer_jobs

    with Store.open(db_path) as store:
        send_invitation(store, account_id, meeting, "REQUEST", language)
    try:
        report = composer_jobs.flush(db_path, account_id)
    except Exception as exc:  # noqa: BLE001 - the mail is queued; the next sync sends it
        log.warning("sending the invitation now failed (it stays queued): %s", exc)
        return str(exc)[:300]
    if report is None:
        return ""
    problems = [*report.failed.values(), *report.errors] + (
        [report.stopped] if report.stopped else [])
    return "; ".join(problems)[:300] if problems else None


def new_meeting_uid(organizer: str) -> str:
    return new_uid(organizer.rpartition("@")[2])


def agenda(db_path: Path, first: datetime, last: datetime
           ) -> tuple[str, list[tuple[EventRow, datetime, datetime]], bool]:
    """(the rep's zone, the entries' instances in [first, last), whether a CalDAV server is
    set)."""
    from client.calendar.caldav_sync import SETTING

    with Store.open(db_path) as store:
        server = store.get_setting(SETTING)
        return (rep_zone(store).zone, CalendarStore(store).between(first, last),
                isinstance(server, dict) and bool(server.get("url")))


def delete(db_path: Path, uid: str) -> int:
    """Delete an entry (a tombstone the next calendar sync mirrors when it is on the server)."""
    with Store.open(db_path) as store:
        return CalendarStore(store).delete(uid)


def import_file(db_path: Path, path: Path) -> ImportResult:
    """`tradewind calendar import`: raises `OSError` / `CalendarError` in words."""
    data = path.read_bytes()
    with Store.open(db_path) as store:
        return CalendarStore(store).import_ics(data)


def export_file(db_path: Path, path: Path) -> int:
    """`tradewind calendar export`; the number of entries written."""
    with Store.open(db_path) as store:
        calendar = CalendarStore(store)
        path.write_bytes(calendar.export_ics())
        return len(calendar.all())


def sync(db_path: Path) -> object:
    """`tradewind calendar sync` (network I/O); its `SyncReport`."""
    from client.calendar.caldav_sync import sync_calendar

    with Store.open(db_path) as store:
        return sync_calendar(store)


def set_zone(db_path: Path, zone: str | None) -> RepZone:
    with Store.open(db_path) as store:
        return set_rep_zone(store, zone)


def day_start(day: date, zone: str) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone))
