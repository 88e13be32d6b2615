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
    """The first MAX_EVENTS events of `raw`; raises `CalendarFileError` in words."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(raw.decode("utf-8", errors="replace"))
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError, KeyError, IndexError…
        raise CalendarFileError(f"This is not a readable calendar file ({_short(exc)}).") from None
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise CalendarFileError("This is not a calendar file (no VCALENDAR).")
    events = []
    for component in calendar.walk("VEVENT")[:MAX_EVENTS]:
        events.append(CalendarEvent(
            summary=_text(component.get("SUMMARY")),
            start=_when(component.get("DTSTART")),
            end=_when(component.get("DTEND")),
            organizer=_organizer(component.get("ORGANIZER")),
            location=_text(component.get("LOCATION")),
        ))
    return tuple(events)


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    cleaned = "".join(c for c in text if c.isprintable())
    return cleaned[:MAX_TEXT]


def _when(value: Any) -> str | None:
    moment = getattr(value, "dt", None)
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
