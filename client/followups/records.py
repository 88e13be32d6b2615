"""Follow-up reminders in the cache: list, snooze, done, dismiss, change the working days.

States: `waiting` (the clock runs; due at `due_at`), `snoozed` (the rep moved `due_at`
later), `done` (the rep followed up, or wrote again in the thread), `dismissed` (no follow-up
wanted), `answered` (the buyer's answer reached the cache: cleared automatically by
`refresh`). `waiting` and `snoozed` are open; an open reminder is *due* once `due_at <= now`.
Every change is one transaction on the caller's Store and thread; `snooze`/`done`/`dismiss`
are idempotent for the same arguments. Raise `FollowupNotFound` (unknown id) and
`FollowupError` (a closed reminder, a time in the past, bad days) with words for the rep.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from client.followups.clock import MAX_DAYS, due_after, working_days_between
from client.i18n import _
from client.store.db import Store

OPEN = ("waiting", "snoozed")
STATES = (*OPEN, "done", "dismissed", "answered")
COLUMNS = ("id, kind, sent_message_id, thread_id, account_id, quote_number, reply_row,"
           " buyer_email, subject, lang, sent_at, working_days, zone, country, due_at, state,"
           " fired_at, closed_at, created")


class FollowupError(ValueError):
    """A change the reminder cannot take; `str()` says why."""


class FollowupNotFound(LookupError):
    """No reminder with this id."""


@dataclass(frozen=True)
class Followup:
    id: int
    kind: str  # "quote" | "inquiry"
    sent_message_id: str
    thread_id: int | None
    account_id: int | None
    quote_number: str | None
    reply_row: int | None  # the buyer's message a follow-up answers
    buyer_email: str
    subject: str
    lang: str
    sent_at: float
    working_days: int
    zone: str
    country: str | None
    due_at: float
    state: str
    fired_at: float | None
    closed_at: float | None
    created: float

    @property
    def open(self) -> bool:
        return self.state in OPEN

    def is_due(self, now: float) -> bool:
        return self.open and self.due_at <= now

    def days_waiting(self, now: float) -> int:
        """Working days of the buyer's calendar the mail has waited so far."""
        return working_days_between(self.sent_at, now, self.zone, self.country)

    def as_json(self, now: float) -> dict[str, Any]:
        def iso(t: float | None) -> str | None:
            return None if t is None else datetime.fromtimestamp(t, UTC).isoformat()

        return {"id": self.id, "kind": self.kind, "state": self.state,
                "due": self.is_due(now), "due_at": iso(self.due_at),
                "sent_at": iso(self.sent_at), "working_days": self.working_days,
                "days_waiting": self.days_waiting(now), "zone": self.zone,
                "country": self.country, "buyer_email": self.buyer_email,
                "subject": self.subject, "quote": self.quote_number, "lang": self.lang,
                "thread_id": self.thread_id, "reply_row": self.reply_row,
                "sent_message_id": self.sent_message_id, "fired_at": iso(self.fired_at),
                "closed_at": iso(self.closed_at)}


def from_row(row: Sequence[Any]) -> Followup:
    (fid, kind, mid, thread, account, number, reply_row, buyer, subject, lang, sent_at, days,
     zone, country, due_at, state, fired_at, closed_at, created) = row
    return Followup(int(fid), str(kind), str(mid), thread, account, number, reply_row,
                    str(buyer), str(subject), str(lang), float(sent_at), int(days), str(zone),
                    country, float(due_at), str(state),
                    None if fired_at is None else float(fired_at),
                    None if closed_at is None else float(closed_at), float(created))


def get_followup(store: Store, followup_id: int) -> Followup:
    row = store.conn.execute(f"SELECT {COLUMNS} FROM followups WHERE id = ?",
                             (followup_id,)).fetchone()
    if row is None:
        raise FollowupNotFound(_("There is no follow-up reminder {id}.", id=followup_id))
    return from_row(row)


def list_followups(store: Store, *, now: float | None = None, due_only: bool = False,
                   states: Sequence[str] = OPEN) -> list[Followup]:
    """Reminders in `states` (open ones by default), soonest due first; `due_only` keeps
    those due at `now`."""
    moment = time.time() if now is None else now
    marks = ",".join("?" for _s in states) or "''"
    rows = store.conn.execute(
        f"SELECT {COLUMNS} FROM followups WHERE state IN ({marks}) ORDER BY due_at, id",
        tuple(states)).fetchall()
    found = [from_row(r) for r in rows]
    return [f for f in found if f.is_due(moment)] if due_only else found


def _open_one(store: Store, followup_id: int) -> Followup:
    found = get_followup(store, followup_id)
    if not found.open:
        raise FollowupError(_("Follow-up {id} is already closed ({state}).",
                              id=followup_id, state=found.state))
    return found


def snooze(store: Store, followup_id: int, *, until: float | None = None,
           days: int | None = None, now: float | None = None) -> Followup:
    """Move an open reminder to `until` (UTC epoch, in the future) or to `days` working days
    of the buyer's calendar from now (counted as the clock counts); exactly one is given."""
    moment = time.time() if now is None else now
    if (until is None) == (days is None):
        raise FollowupError(_("Say how long to snooze: a date and time or a number of days."))
    found = _open_one(store, followup_id)
    if days is not None:
        if not 1 <= days <= MAX_DAYS:
            raise FollowupError(_("Snooze for 1 to {max} working days.", max=MAX_DAYS))
        when = due_after(moment, found.zone, found.country, days).timestamp()
    else:
        assert until is not None
        if until <= moment:
            raise FollowupError(_("The snooze time has already passed; choose a later one."))
        when = until
    with store.transaction() as conn:
        conn.execute("UPDATE followups SET state = 'snoozed', due_at = ?, fired_at = NULL"
                     " WHERE id = ?", (when, followup_id))
    return get_followup(store, followup_id)


def close(store: Store, followup_id: int, state: str, now: float | None = None) -> Followup:
    """Mark a reminder `done` or `dismissed`; closing it again in the same way changes
    nothing."""
    if state not in ("done", "dismissed"):
        raise FollowupError(f"unknown closing state {state!r}")
    found = get_followup(store, followup_id)
    if found.state == state:
        return found
    _open_one(store, followup_id)
    with store.transaction() as conn:
        conn.execute("UPDATE followups SET state = ?, closed_at = ? WHERE id = ?",
                     (state, time.time() if now is None else now, followup_id))
    return get_followup(store, followup_id)


def set_days(store: Store, followup_id: int, days: int) -> Followup:
    """Wait `days` working days for this reminder instead (its due time counted again from
    the send)."""
    if not 1 <= days <= MAX_DAYS:
        raise FollowupError(_("Wait 1 to {max} working days.", max=MAX_DAYS))
    found = _open_one(store, followup_id)
    when = due_after(found.sent_at, found.zone, found.country, days).timestamp()
    with store.transaction() as conn:
        conn.execute("UPDATE followups SET working_days = ?, due_at = ?, state = 'waiting',"
                     " fired_at = NULL WHERE id = ?", (days, when, followup_id))
    return get_followup(store, followup_id)


def fire_due(store: Store, now: float | None = None,
             late_after: float = 600.0) -> list[tuple[Followup, bool]]:
    """The open reminders due at `now` not yet announced, each with `missed` (it fell due
    more than `late_after` seconds ago: the app was not running then); they are marked
    announced (`fired_at`) in the same transaction, so each fires once (until snoozed)."""
    moment = time.time() if now is None else now
    with store.transaction() as conn:
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM followups WHERE state IN ('waiting', 'snoozed')"
            " AND due_at <= ? AND fired_at IS NULL ORDER BY due_at, id", (moment,)).fetchall()
        conn.executemany("UPDATE followups SET fired_at = ? WHERE id = ?",
                         [(moment, r[0]) for r in rows])
    return [(f, moment - f.due_at > late_after) for f in map(from_row, rows)]
