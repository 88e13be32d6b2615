"""The mail that carries an invitation: body text with the time in every attendee's zone.

`invitation_fields(meeting, method, ical, sender, zones, language)` returns `DraftFields` for
`outgoing.pipeline.queue_message` (so the company signature is enforced as for any mail): the
text and HTML bodies list the meeting's time for the organizer (in `language`: en, zh_CN,
de…) and for each attendee in their zone and in the language of that zone's country
(`reader_language`: the one who reads that line), zone names from CLDR through babel, plus
location and link; `calendar` carries the iCalendar, which `compose.build` places as the last alternative
(`text/calendar; method=…`) and again as `invite.ics`, giving
`multipart/mixed{multipart/alternative{text/plain, text/html, text/calendar}, invite.ics}`.
`reply_fields(...)` is the same for a REPLY to the organizer. Pure, any thread; babel's
`UnknownLocaleError` becomes `InviteError`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_timezone_location, get_timezone_name

from client.compose.build import CalendarPart
from client.compose.drafts import DraftFields
from client.compose.headers import received_text
from client.meetings.ical_out import InviteError, Meeting

_SUBJECT_PREFIX = {"REQUEST": "", "CANCEL": "Cancelled: "}
_ANSWERS = {"ACCEPTED": "Accepted", "TENTATIVE": "Tentative", "DECLINED": "Declined"}


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language or "en")
    except (UnknownLocaleError, ValueError) as exc:
        raise InviteError(f"{language[:20]!r} is not a language") from exc


def reader_language(zone: str) -> str | None:
    """The language an attendee in `zone` most likely reads: the first official language of
    the zone's country as a locale (Asia/Shanghai → zh_CN), or None (UTC, unknown)."""
    from babel.languages import get_official_languages

    from client.meetings.zones import country_of_zone

    country = country_of_zone(zone)
    if not country:
        return None
    for language in get_official_languages(country, de_facto=True):
        try:
            Locale.parse(f"{language}_{country}")
        except (UnknownLocaleError, ValueError):
            continue
        return f"{language}_{country}"
    return None


def zone_label(zone: str, language: str = "en") -> str:
    """'Central European Time (Berlin)': the zone's long generic name and city, in `language`."""
    locale = _locale(language)
    tz = ZoneInfo(zone)
    name = get_timezone_name(tz, width="long", locale=locale)
    try:
        city = get_timezone_location(tz, locale=locale, return_city=True)
    except (KeyError, LookupError):
        city = ""
    return f"{name} ({city})" if city and city not in name else name


def time_line(start: datetime, end: datetime, zone: str, language: str = "en") -> str:
    """'Tuesday, 24 March 2026, 15:00–15:45 Central European Time (Berlin)' in `language`."""
    locale = _locale(language)
    tz = ZoneInfo(zone)
    day = format_date(start.astimezone(tz).date(), format="full", locale=locale)
    begin = format_time(start, format="short", tzinfo=tz, locale=locale)
    finish = format_time(end, format="short", tzinfo=tz, locale=locale)
    return f"{day}, {begin}–{finish} {zone_label(zone, language)}"


def _bodies(meeting: Meeting, zones: Mapping[str, str], language: str,
            cancelled: bool) -> tuple[str, str]:
    end = meeting.start + meeting.duration
    lines = [("Cancelled: " if cancelled else "") + meeting.summary, ""]
    lines.append(f"{meeting.organizer.email} (organizer): "
                 f"{time_line(meeting.start, end, meeting.zone, language)}")
    for person in meeting.attendees:
        zone = zones.get(person.email.lower())
        if zone:  # in the language of the one who reads this line
            reader = reader_language(zone) or language
            lines.append(f"{person.email}: {time_line(meeting.start, end, zone, reader)}")
    if meeting.rrule:
        lines.append(f"Repeats: {meeting.rrule}")
    if meeting.location:
        lines.append(f"Location: {meeting.location}")
    if meeting.link:
        lines.append(f"Join: {meeting.link}")
    if meeting.description:
        lines += ["", meeting.description]
    text = "\n".join(lines) + "\n"
    body = "".join(f"<p>{html.escape(line)}</p>" if line else "" for line in lines)
    return text, f"<html><body>{body}</body></html>"


def invitation_fields(meeting: Meeting, method: str, ical: bytes, sender_name: str = "",
                      zones: Mapping[str, str] | None = None,
                      language: str = "en") -> DraftFields:
    """Draft fields of a REQUEST (new or update) or CANCEL mail to every attendee."""
    text, html_body = _bodies(meeting, zones or {}, language, method == "CANCEL")
    return DraftFields(
        sender=meeting.organizer.email, sender_name=sender_name,
        to=", ".join(p.email for p in meeting.attendees),
        subject=_SUBJECT_PREFIX.get(method, "") + meeting.summary,
        text=text, html=html_body, calendar=CalendarPart(method, ical))


def reply_fields(attendee: str, organizer: str, summary: str, partstat: str, ical: bytes,
                 comment: str = "", sender_name: str = "") -> DraftFields:
    """Draft fields of a REPLY (Accepted/Tentative/Declined: SUMMARY) to the organizer."""
    word = _ANSWERS.get(partstat, partstat.title())
    summary = received_text(summary, "subject")  # received text: no line break into a header
    text = f"{attendee} answered {word.lower()}: {summary}\n" + (f"\n{comment}\n" if comment
                                                                 else "")
    return DraftFields(
        sender=attendee, sender_name=sender_name, to=organizer, subject=f"{word}: {summary}",
        text=text, html=None, calendar=CalendarPart("REPLY", ical))
