"""Received invitations applied after a sync, as `tradewind calendar apply` would.

`apply_received(store, account_id) -> ReceivedReport` looks at the account's cached messages
not looked at before (message rows above the one named by the setting
`calendar.received_upto.ACCOUNT`: `{"upto": row, "message_id": its Message-ID}`; when that
row is gone or holds another message, every cached message is looked at again), takes
those whose body is cached and carries a text/calendar part, and for each runs
`receive.read_invitation` + `receive.apply_invitation`: the iTIP rules of `itip.judge` decide
(only the organizer adds, updates or cancels an entry; only the named attendee answers).
What was applied and what was only shown (with the verdict's reason) is reported; nothing
else changes. Messages the rep sent (From one of the rep's addresses) are skipped: the
outgoing side already saved them. Rows in order, so a REQUEST is applied before its later
CANCEL. Idempotent: the mark only moves forward, and a second look at the same message would
be refused as "not newer" anyway. A message whose body was not cached yet at that sync is
left to the reader's card or `calendar apply`. Caller's thread (a Store); never raises for one
bad message (it is reported as shown, with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from client.store.db import Store

SETTING = "calendar.received_upto."


@dataclass(frozen=True)
class ReceivedItem:
    message_row: int
    method: str
    uid: str
    summary: str
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"message": self.message_row, "method": self.method, "uid": self.uid,
                "summary": self.summary, "reason": self.reason}


@dataclass
class ReceivedReport:
    """Invitations, updates, cancellations and answers applied, and those only shown."""

    applied: list[ReceivedItem] = field(default_factory=list)
    shown: list[ReceivedItem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"applied": [i.as_json() for i in self.applied],
                "shown": [i.as_json() for i in self.shown]}


def apply_received(store: Store, account_id: int) -> ReceivedReport:
    """Apply what the account's newly cached invitations allow; see the module docstring."""
    key = f"{SETTING}{account_id}"
    upto = _mark(store, store.get_setting(key))
    rows = store.conn.execute(
        "SELECT m.id, m.from_email, b.message_id IS NOT NULL FROM messages m"
        " LEFT JOIN bodies b ON b.message_id = m.id"
        " WHERE m.account_id = ? AND m.id > ? AND m.deleted = 0 ORDER BY m.id",
        (account_id, upto)).fetchall()
    report = ReceivedReport()
    if not rows:
        return report
    # the iCalendar readers load only when there is new mail (a no-change sync, issue 17)
    from client.calendar.card import might_carry_calendar
    from client.calendar.receive import (
        ReceiveError,
        apply_invitation,
        own_addresses,
        read_invitation,
    )
    from client.meetings.ical_in import calendar_of_message

    mine = own_addresses(store)
    for row_id, sender, has_body in rows:
        if not has_body or str(sender or "").lower() in mine:
            continue
        raw = store.get_raw(int(row_id))
        if not might_carry_calendar(raw) or calendar_of_message(raw) is None:
            continue
        try:
            invitation = read_invitation(store, int(row_id), "UTC")
        except ReceiveError as exc:
            report.shown.append(ReceivedItem(int(row_id), "", "", "", str(exc)))
            continue
        event = invitation.event
        applied = apply_invitation(store, invitation)
        item = ReceivedItem(int(row_id), invitation.method, event.uid, event.summary,
                            invitation.verdict.reason)
        (report.applied if applied else report.shown).append(item)
    last = max(int(r[0]) for r in rows)
    found = store.conn.execute("SELECT message_id FROM messages WHERE id = ?", (last,)).fetchone()
    store.set_setting(key, {"upto": last, "message_id": str(found[0] or "") if found else ""})
    return report


def _mark(store: Store, saved: object) -> int:
    """The row the last look reached, or 0 (look at everything again) when that row is gone
    or now holds another message: row ids restart after `cache rebuild` and SQLite reuses the
    highest id once its row is deleted, so a new message could otherwise hide below the mark."""
    if not isinstance(saved, dict):
        return 0
    upto, message_id = int(saved.get("upto") or 0), str(saved.get("message_id") or "")
    row = store.conn.execute("SELECT message_id FROM messages WHERE id = ?", (upto,)).fetchone()
    if row is None or str(row[0] or "") != message_id:
        return 0
    return upto
