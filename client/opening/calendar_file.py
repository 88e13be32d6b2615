"""The events of an `.ics` file, read with `icalendar`, for a read-only summary.

Meetings (the invitation card) are not installed yet, so `tradewind invite.ics` shows each
event's summary, start, end and organizer. Pure, any thread. `read_events(raw)` raises
`CalendarFileError` in words for a file that is not a calendar; damaged values inside a
calendar become empty fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

MAX_EVENTS = 500
MAX_TEXT = 500


class CalendarFileError(ValueError):
    """The file is not an iCalendar file."""


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT: text fields cut to MAX_TEXT, times as ISO 8601 (None when absent)."""

    summary: str
    start: str | None
    end: str | None
    organizer: str
    location: str

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary, "start": self.start, "end": self.end,
                "organizer": self.organizer, "location": self.location}


def read_events(raw: bytes) -> tuple[CalendarEvent, ...]:
    """The first MAX_EVENTS events of every VCALENDAR in `raw`; raises `CalendarFileError`
    in words. A value icalendar cannot read (a damaged DTSTART) gives an empty field."""
    from icalendar import Calendar

    try:
        components = Calendar.from_ical(raw.decode("utf-8", errors="replace"), multiple=True)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError, KeyError, IndexError…
        raise CalendarFileError(f"This is not a readable calendar file ({_short(exc)}).") from None
    calendars = [c for c in components if getattr(c, "name", "") == "VCALENDAR"]
    if not calendars:
        raise CalendarFileError("This is not a calendar file (no VCALENDAR).")
    events: list[CalendarEvent] = []
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            if len(events) >= MAX_EVENTS:
                return tuple(events)
            events.append(CalendarEvent(
                summary=_text(_get(component, "SUMMARY")),
                start=_when(_get(component, "DTSTART")),
                end=_when(_get(component, "DTEND")),
                organizer=_organizer(_get(component, "ORGANIZER")),
                location=_text(_get(component, "LOCATION")),
            ))
    return tuple(events)


def _get(component: Any, name: str) -> Any:
    try:
        return component.get(name)
    except Exception:  # noqa: BLE001 - a damaged property reads as absent
        return None


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _text(value: Any) -> str:
    if value is None:
        return ""
    try:
        text = " ".join(str(value).split())
    except Exception:  # noqa: BLE001 - a damaged value reads as empty
        return ""
    cleaned = "".join(c for c in text if c.isprintable())
    return cleaned[:MAX_TEXT]


def _when(value: Any) -> str | None:
    try:
        moment = getattr(value, "dt", None)  # a broken property raises on access
    except Exception:  # noqa: BLE001 - icalendar's BrokenCalendarProperty and relatives
        return None
    if isinstance(moment, datetime | date):
        return moment.isoformat()
    return None


def _organizer(value: Any) -> str:
    if value is None:
        return ""
    address = str(value)
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:"):]
    name = ""
    params = getattr(value, "params", None)
    if params is not None:
        name = _text(params.get("CN"))
    address = _text(address)
    return f"{name} <{address}>" if name and address else (address or name)
