"""What the reader's invitation card shows for one cached message (Qt-free).

`card_for(store, message_row, raw, rep_zone) -> Card | None`: None when the message has no
text/calendar part; otherwise a `Card` with the `receive.Invitation` (times in the rep's and
the organizer's zone, join link, conflicts, iTIP verdict) and whether the entry is already in
the rep's calendar, or, when the calendar cannot be read, `error` in words and the raw .ics
(`raw_ics`) so the rep can still save it (checklist C5). HTML descriptions (X-ALT-DESC) are
never carried: the card shows none (C7). `answer(...)` and `add(...)` are the card's buttons:
the same core as `tradewind meet reply` / `calendar apply`. Caller's thread (a Store; the
reader's worker thread); `answer` raises `InviteError`/`ComposeError` in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from client.calendar.calendar_store import CalendarStore
from client.calendar.receive import Invitation, ReceiveError, apply_invitation, read_invitation
from client.meetings.ical_in import calendar_of_message
from client.store.db import Store

_HINT = re.compile(rb"text/calendar|application/ics|\.ics", re.IGNORECASE)


def might_carry_calendar(raw: bytes) -> bool:
    """False when `raw` cannot hold a calendar part (a byte search, so opening an ordinary
    mail never parses its MIME a second time)."""
    return _HINT.search(raw) is not None


@dataclass(frozen=True)
class Card:
    message_row: int
    invitation: Invitation | None
    in_calendar: bool  # the rep's calendar holds this version (or a newer one)
    partstat: str  # the rep's stored answer ("" when none)
    error: str = ""  # why the calendar could not be read ("" when it could)
    raw_ics: bytes = b""


def local_zone() -> str:
    """The computer's IANA zone (babel's reading of the OS), UTC when unknown."""
    from babel.localtime import get_localzone

    from client.meetings.zones import ZoneError, validate_zone

    try:
        return validate_zone(str(getattr(get_localzone(), "key", "")))
    except (ZoneError, LookupError, OSError, ValueError):
        return "UTC"


def card_for(store: Store, message_row: int, raw: bytes, rep_zone: str) -> Card | None:
    """The card of message `message_row` (its `raw` bytes), None without a calendar part."""
    if not might_carry_calendar(raw):
        return None
    data = calendar_of_message(raw)
    if data is None:
        return None
    try:
        invitation = read_invitation(store, message_row, rep_zone)
    except ReceiveError as exc:
        return Card(message_row, None, False, "", str(exc), data)
    event = invitation.event
    stored = CalendarStore(store).get(event.uid, event.recurrence_id)
    in_calendar = stored is not None and stored.sequence >= event.sequence and \
        stored.organizer.lower() == event.organizer.lower()
    if invitation.method == "CANCEL":
        in_calendar = stored is not None and stored.status == "CANCELLED"
    return Card(message_row, invitation, in_calendar, stored.partstat if stored else "")


def answer(store: Store, message_row: int, answer_word: str, rep_zone: str) -> str:
    """Queue the rep's REPLY (accept/tentative/decline) in the outbox; its Message-ID."""
    from client.calendar.outgoing import send_reply

    invitation = read_invitation(store, message_row, rep_zone)
    row = store.get_message(message_row)
    if row is None:
        raise ReceiveError(f"there is no message {message_row} in the cache")
    queued = send_reply(store, row.account_id, invitation, answer_word)
    return str(queued.message_id)


def add(store: Store, message_row: int, rep_zone: str) -> tuple[bool, str]:
    """Apply the invitation as `calendar apply` does: (applied, the verdict's reason)."""
    invitation = read_invitation(store, message_row, rep_zone)
    return apply_invitation(store, invitation), invitation.verdict.reason
