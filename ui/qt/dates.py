"""Dates for the message list, formatted with babel in the UI locale and the local time zone.

Pure functions (no Qt), any thread.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time


def babel_locale(name: str) -> Locale:
    """A babel Locale for a Qt/POSIX name like ``zh_CN`` or ``en-US``; English if unknown."""
    try:
        return Locale.parse(name.replace("-", "_") or "en")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def list_date(moment: datetime | None, now: datetime, locale: Locale, zone: tzinfo | None) -> str:
    """Time only for today, date only for earlier days; ``''`` when unknown."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    if local.date() == today:
        return format_time(local, format="short", locale=locale)
    return format_date(local.date(), format="medium", locale=locale)


def full_date(moment: datetime | None, locale: Locale, zone: tzinfo | None) -> str:
    """Date (medium) and time (short) for the reader header; ``''`` when unknown."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    pattern = locale.datetime_formats.get("medium", "{1} {0}")
    return str(pattern).format(
        format_time(local, format="short", locale=locale),
        format_date(local.date(), format="medium", locale=locale),
    )
