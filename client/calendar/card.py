"""What the reader's invitation card shows for one cached message (Qt-free).

`card_for(store, message_row, raw, rep_zone) -> Card | None`: None when the message has no
text/calendar part; otherwise a `Card` with the `receive.Invitation` (times in the rep's and
the organizer's zone, join link, conflicts, iTIP verdict) and whether the entry is already in
the rep's calendar, or, when the calendar cannot be read, `error` in words and the raw .ics
(`raw_ics`) so the rep can still save it (checklist C5). HTML descriptions (X-ALT-DESC) are
never carried: the card shows none (C7). `answer(...)` and `add(...)` are the card's buttons:
the same core as `tradewind meet reply` / `calendar apply`. Caller's thread (a Store; the
reader's worker thread); `answer` raises `InviteError`/`ComposeError` in words.

An `.ics` file the rep opens (`tradewind invite.ics`, a double-click) gets the same card from
`card_for_file(store, data, rep_zone)`: `message_row` is 0 and `file_data` holds the bytes.
The rep chose the file, so it is judged as coming from its organizer (as `calendar import`
would take it); `answer_file` sends the REPLY from the account whose address is invited and
`add_file` imports the file's events like `tradewind calendar import`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from client.calendar.calendar_store import CalendarStore
from client.calendar.receive import (
    Invitation,
    ReceiveError,
    apply_invitation,
    invitation_from_data,
    read_invitation,
)
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
    file_data: bytes = b""  # the .ics file's bytes when the card is of a file (message_row 0)


def local_zone() -> str:
    """This computer's IANA zone (UTC when unknown); the rep's chosen zone is
    `client.meetings.rep_zone.rep_zone(store)`."""
    from client.meetings.rep_zone import computer_zone

    return computer_zone()


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
    return _card(store, message_row, invitation)


def _card(store: Store, message_row: int, invitation: Invitation,
          file_data: bytes = b"") -> Card:
    event = invitation.event
    stored = CalendarStore(store).get(event.uid, event.recurrence_id)
    in_calendar = stored is not None and stored.sequence >= event.sequence and \
        stored.organizer.lower() == event.organizer.lower()
    if invitation.method == "CANCEL":
        in_calendar = stored is not None and stored.status == "CANCELLED"
    return Card(message_row, invitation, in_calendar, stored.partstat if stored else "",
                file_data=file_data)


def _file_invitation(store: Store, data: bytes, rep_zone: str) -> Invitation:
    from client.meetings.ical_in import CalendarError, parse_calendar

    try:
        parsed = parse_calendar(data)
    except CalendarError as exc:
        raise ReceiveError(f"could not read calendar data: {exc}") from exc
    first = next((e for e in parsed.events if not e.recurrence_id),
                 parsed.events[0] if parsed.events else None)
    organizer = first.organizer.lower() if first is not None else ""
    return invitation_from_data(store, data, sender=organizer, message_id="",
                                rep_zone=rep_zone, where="the file")


def card_for_file(store: Store, data: bytes, rep_zone: str) -> Card:
    """The card of an opened `.ics` file (see the module docstring); an unreadable file gives
    a card with `error` and the bytes to save, as for a message."""
    try:
        invitation = _file_invitation(store, data, rep_zone)
    except ReceiveError as exc:
        return Card(0, None, False, "", str(exc), data, file_data=data)
    return _card(store, 0, invitation, data)


def _account_of(store: Store, address: str) -> int:
    for account in store.list_accounts():
        if account.email.lower() == address.lower():
            return int(account.id)
    row = store.conn.execute("SELECT account_id FROM identities WHERE lower(email) = ?",
                             (address.lower(),)).fetchone()
    if row is None:
        raise ReceiveError(f"no account sends as {address or 'an invited address'}; the "
                           "invitation cannot be answered from here")
    return int(row[0])


def answer_file(store: Store, data: bytes, answer_word: str, rep_zone: str) -> str:
    """Queue the rep's REPLY to the invitation in an opened `.ics` file; its Message-ID.
    Raises `ReceiveError`/`InviteError` in words."""
    from client.calendar.outgoing import send_reply

    invitation = _file_invitation(store, data, rep_zone)
    account_id = _account_of(store, invitation.own_address)
    queued = send_reply(store, account_id, invitation, answer_word)
    return str(queued.message_id)


def add_file(store: Store, data: bytes) -> tuple[bool, str]:
    """Import the events of an opened `.ics` file, as `tradewind calendar import` does:
    (anything saved, the refusals in words)."""
    result = CalendarStore(store).import_ics(data)
    return result.saved > 0, "; ".join(result.refused)


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
