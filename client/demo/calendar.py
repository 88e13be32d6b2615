"""The demo profile's calendar: a few entries and the contacts' zones (issue 13).

`install_demo_calendar(store, rep, anchor)` saves, relative to `anchor` (the demo's "today"):
a weekly call the rep organizes with Hamburg, Mumbai and Sydney (eight Tuesdays; the second
moved to Wednesday as an override row, RECURRENCE-ID), a one-off call with Riyadh and an
accepted showroom visit organized from Dubai; it remembers the zones of the demo's foreign
contacts (so the planner shows them at once) and sets the rep's zone to Asia/Shanghai (the
demo rep works in Ningbo). Local rows only (queue=False: the demo has no CalDAV server).
Idempotent: a profile that has calendar entries is left alone. The caller's Store and thread.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from client.calendar.calendar_store import CalendarStore
from client.meetings import ical_out
from client.meetings.contact_zones import remember_zone
from client.meetings.ical_in import parse_calendar
from client.meetings.ical_out import Meeting, Person
from client.meetings.rep_zone import set_rep_zone
from client.store.db import Store

SHANGHAI = ZoneInfo("Asia/Shanghai")
ZONES = {
    "hans.kraemer@kraemer-licht.example": "Europe/Berlin",
    "s.vogt@kraemer-licht.example": "Europe/Berlin",
    "priya@lumentraders.example": "Asia/Kolkata",
    "james@sunstate-electrical.example": "Australia/Sydney",
    "f.otaibi@alnoor-trading.example": "Asia/Riyadh",
    "omar.alfarsi@alnoor-hotels.example": "Asia/Dubai",
    "k.tanaka@toho-shomei.example": "Asia/Tokyo",
    "compras@iluminacion-ruiz.example": "Europe/Madrid",
    "sarah.mitchell@brighthome.example": "Europe/London",
    "d.sokolov@svettorg.example": "Europe/Moscow",
}


def _save(calendar: CalendarStore, data: bytes, partstat: str) -> None:
    for event in parse_calendar(data).events:
        calendar.save(event, partstat=partstat, queue=False)


def install_demo_calendar(store: Store, rep: str, anchor: date) -> None:
    """See the module docstring."""
    calendar = CalendarStore(store)
    if calendar.all():
        return
    for address, zone in ZONES.items():
        remember_zone(store, address, zone, source="user")
    set_rep_zone(store, "Asia/Shanghai")
    tuesday = anchor + timedelta(days=(1 - anchor.weekday()) % 7 or 7)
    weekly = Meeting(
        uid="demo-weekly-buyers-call@harbor-lighting.example",
        summary="Weekly buyers call: LED panels", zone="Asia/Shanghai",
        start=datetime.combine(tuesday, time(16, 30), tzinfo=SHANGHAI),
        duration=timedelta(minutes=45), organizer=Person(rep, "Mei Lin"),
        attendees=(Person("hans.kraemer@kraemer-licht.example", "Hans Krämer"),
                   Person("priya@lumentraders.example", "Priya"),
                   Person("james@sunstate-electrical.example", "James")),
        link="https://meet.google.com/hbl-weekly-call", rrule="FREQ=WEEKLY;COUNT=8",
        dtstamp=datetime.combine(anchor, time(9), tzinfo=SHANGHAI))
    _save(calendar, ical_out.request(weekly), "ACCEPTED")
    second = weekly.start + timedelta(days=7)
    moved = replace(weekly, start=second + timedelta(days=1, hours=1), rrule="",
                    recurrence_id=second, sequence=1)
    _save(calendar, ical_out.request(moved), "ACCEPTED")
    riyadh = Meeting(
        uid="demo-riyadh-tender@harbor-lighting.example", summary="Tender questions: Riyadh",
        zone="Asia/Shanghai",
        start=datetime.combine(anchor + timedelta(days=2), time(15), tzinfo=SHANGHAI),
        duration=timedelta(minutes=30), organizer=Person(rep, "Mei Lin"),
        attendees=(Person("f.otaibi@alnoor-trading.example"),),
        location="Phone", dtstamp=weekly.dtstamp)
    _save(calendar, ical_out.request(riyadh), "ACCEPTED")
    dubai = ZoneInfo("Asia/Dubai")
    visit = Meeting(
        uid="demo-dubai-showroom@alnoor-hotels.example", summary="Showroom visit: Al Noor",
        zone="Asia/Dubai",
        start=datetime.combine(anchor + timedelta(days=4), time(10), tzinfo=dubai),
        duration=timedelta(hours=2), organizer=Person("omar.alfarsi@alnoor-hotels.example",
                                                      "Omar Al-Farsi"),
        attendees=(Person(rep, "Mei Lin"),), location="Al Noor Dubai Marina",
        dtstamp=weekly.dtstamp)
    _save(calendar, ical_out.request(visit), "ACCEPTED")
