"""Who may change a calendar entry by mail: the organizer/attendee rules of RFC 5546 §6 (C6).

`judge(method, event, sender, stored, own_addresses) -> Verdict(apply, reason)`:
- REQUEST: a new invitation is applied only when the mail's sender is its ORGANIZER; an update
  of a stored entry only from the stored organizer, with the same ORGANIZER, and a higher
  SEQUENCE (or the same SEQUENCE and a newer DTSTAMP).
- CANCEL: only from the stored organizer, SEQUENCE not lower than the stored one.
- REPLY: only for an entry the rep organizes, from the one ATTENDEE the reply names.
Anything else is shown, not applied (`apply=False`, `reason` in words). Pure, any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Stored:
    """What the rules need of a stored entry."""

    organizer: str
    sequence: int
    dtstamp: datetime | None


@dataclass(frozen=True)
class Incoming:
    uid: str
    organizer: str
    sequence: int
    dtstamp: datetime | None
    attendees: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    apply: bool
    reason: str


def _newer(incoming: Incoming, stored: Stored) -> bool:
    if incoming.sequence != stored.sequence:
        return incoming.sequence > stored.sequence
    return (incoming.dtstamp is not None and stored.dtstamp is not None
            and incoming.dtstamp > stored.dtstamp)


def judge(method: str, event: Incoming, sender: str, stored: Stored | None,
          own_addresses: frozenset[str] = frozenset()) -> Verdict:
    """Whether a received iTIP message may change the calendar; see the module docstring."""
    method = method.upper()
    sender = sender.strip().lower()
    organizer = event.organizer.strip().lower()
    if not event.uid:
        return Verdict(False, "the invitation has no UID")
    if method == "REQUEST":
        if not organizer:
            return Verdict(False, "the invitation names no organizer")
        if sender != organizer:
            return Verdict(False, f"sent by {sender}, not by the organizer {organizer}")
        if stored is None:
            return Verdict(True, "new invitation from its organizer")
        if organizer != stored.organizer.lower():
            return Verdict(False, f"the organizer changed from {stored.organizer} to "
                                  f"{organizer}; not applied")
        if not _newer(event, stored):
            return Verdict(False, f"not newer than the stored version (sequence "
                                  f"{event.sequence}, stored {stored.sequence})")
        return Verdict(True, "update from the organizer")
    if method == "CANCEL":
        if stored is None:
            return Verdict(False, "no such meeting in the calendar")
        if sender != stored.organizer.lower() or organizer != stored.organizer.lower():
            return Verdict(False, f"cancelled by {sender}, not by the organizer "
                                  f"{stored.organizer}")
        if event.sequence < stored.sequence:
            return Verdict(False, "older than the stored version")
        return Verdict(True, "cancelled by the organizer")
    if method == "REPLY":
        if stored is None:
            return Verdict(False, "no such meeting in the calendar")
        if stored.organizer.lower() not in own_addresses:
            return Verdict(False, "a reply to a meeting someone else organizes")
        if len(event.attendees) != 1:
            return Verdict(False, "a reply must name exactly one attendee")
        if event.attendees[0].lower() != sender:
            return Verdict(False, f"a reply for {event.attendees[0]} sent by {sender}")
        return Verdict(True, f"answer from {sender}")
    return Verdict(False, f"{method or 'no'} method: shown, not applied")
