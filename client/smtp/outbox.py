"""The durable outbox: messages the rep pressed Send on, until they are sent and filed.

States and their meaning:
- `queued`: committed to disk (synchronous=FULL) before anyone says "queued"; automatic
  flushes wait for `next_attempt` (backoff after a 4xx or a dropped line), a manual one (the
  rep's `outbox flush`, Send now) tries it at once (`queued()`);
- `sending`: the server said 354 and the message is being handed over. Found in this state
  after a restart, the message is checked against Sent by Message-ID before anything else;
- `uncertain`: the line dropped (or the app died) after the hand-over and the message is not in
  Sent: it may or may not have gone out. Never resent automatically; the rep decides
  (`outbox retry ID`) — a duplicate is possible, a loss is not;
- `failed`: a permanent refusal (5xx, too large, bad address); the server's reason is kept in
  words, the message stays editable and can be retried;
- `sent`: accepted by the server, the copy for Sent not yet appended (retried, never resent);
- `filed`: done (kept for the record until pruned).

All methods run on the calling thread with the caller's `Store` (one per thread).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from client.store.db import Store

STATES = ("queued", "sending", "uncertain", "failed", "sent", "filed")
BACKOFF_BASE_S = 30.0
BACKOFF_CAP_S = 3600.0


class OutboxError(Exception):
    """An outbox action is not possible (unknown id, wrong state); `str()` says why."""


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    account_id: int
    message_id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    size: int
    state: str
    attempts: int
    next_attempt: float
    last_error: str | None
    refused: dict[str, tuple[int, str]]
    reply_to_row: int | None
    forward_of_row: int | None
    created: float
    sent_at: float | None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "account_id": self.account_id, "message_id": self.message_id,
            "from": self.sender, "to": list(self.recipients), "subject": self.subject,
            "size": self.size, "state": self.state, "attempts": self.attempts,
            "next_attempt": self.next_attempt, "last_error": self.last_error,
            "refused": {k: list(v) for k, v in self.refused.items()},
            "created": self.created, "sent_at": self.sent_at,
        }


_COLUMNS = (
    "id, account_id, message_id, sender, recipients_json, subject, size, state, attempts, "
    "next_attempt, last_error, refused_json, reply_to_row, forward_of_row, created, sent_at"
)


def _item(row: tuple[Any, ...]) -> OutboxItem:
    refused = {k: (int(v[0]), str(v[1])) for k, v in json.loads(str(row[11])).items()}
    return OutboxItem(
        id=int(row[0]), account_id=int(row[1]), message_id=str(row[2]), sender=str(row[3]),
        recipients=tuple(json.loads(str(row[4]))), subject=str(row[5]), size=int(row[6]),
        state=str(row[7]), attempts=int(row[8]), next_attempt=float(row[9]),
        last_error=None if row[10] is None else str(row[10]), refused=refused,
        reply_to_row=None if row[12] is None else int(row[12]),
        forward_of_row=None if row[13] is None else int(row[13]),
        created=float(row[14]), sent_at=None if row[15] is None else float(row[15]),
    )


class Outbox:
    """Durable queue over the `outbox` table of one `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- queueing -------------------------------------------------------------------------
    def enqueue(
        self, account_id: int, raw: bytes, *, message_id: str, sender: str,
        recipients: list[str], subject: str = "", reply_to_row: int | None = None,
        forward_of_row: int | None = None,
    ) -> int:
        """Commit the message durably and return its outbox id. Only then may a UI say "queued"."""
        if not recipients:
            raise OutboxError("The message has no recipient.")
        now = time.time()
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                "INSERT INTO outbox (account_id, message_id, sender, recipients_json, subject, raw,"
                " size, state, attempts, next_attempt, refused_json, reply_to_row, forward_of_row,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, '{}', ?, ?, ?)",
                (account_id, message_id.strip("<>"), sender, json.dumps(recipients), subject, raw,
                 len(raw), now, reply_to_row, forward_of_row, now),
            )
            return int(cur.lastrowid or 0)

    # -- reading --------------------------------------------------------------------------
    def get(self, item_id: int) -> OutboxItem:
        row = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise OutboxError(f"There is no message {item_id} in the outbox.")
        return _item(row)

    def raw(self, item_id: int) -> bytes:
        row = self.store.conn.execute("SELECT raw FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise OutboxError(f"There is no message {item_id} in the outbox.")
        return bytes(row[0])

    def items(self, account_id: int | None = None, *, include_filed: bool = False) -> list[OutboxItem]:
        sql = f"SELECT {_COLUMNS} FROM outbox WHERE (? IS NULL OR account_id = ?)"
        if not include_filed:
            sql += " AND state != 'filed'"
        rows = self.store.conn.execute(sql + " ORDER BY id", (account_id, account_id)).fetchall()
        return [_item(r) for r in rows]

    def due(self, account_id: int, now: float | None = None) -> list[OutboxItem]:
        """Queued items whose time has come, oldest first."""
        at = time.time() if now is None else now
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE account_id = ? AND state = 'queued'"
            " AND next_attempt <= ? ORDER BY id", (account_id, at),
        ).fetchall()
        return [_item(r) for r in rows]

    def queued(self, account_id: int) -> list[OutboxItem]:
        """Every queued item, backoff or not, oldest first (what a manual flush sends)."""
        return self.in_state(account_id, "queued")

    def in_state(self, account_id: int, state: str) -> list[OutboxItem]:
        rows = self.store.conn.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE account_id = ? AND state = ? ORDER BY id",
            (account_id, state),
        ).fetchall()
        return [_item(r) for r in rows]

    # -- transitions ----------------------------------------------------------------------
    def _set(self, item_id: int, **fields: object) -> None:
        assignments = ", ".join(f"{key} = ?" for key in fields)
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                f"UPDATE outbox SET {assignments} WHERE id = ?", (*fields.values(), item_id)
            )
            if cur.rowcount == 0:
                raise OutboxError(f"There is no message {item_id} in the outbox.")

    def mark_sending(self, item_id: int) -> None:
        self._set(item_id, state="sending")

    def mark_sent(self, item_id: int, refused: dict[str, tuple[int, str]] | None = None) -> None:
        note = None
        if refused:
            note = "Not delivered to: " + "; ".join(f"{a} ({c} {t})" for a, (c, t) in refused.items())
        self._set(item_id, state="sent", sent_at=time.time(), last_error=note,
                  refused_json=json.dumps({k: list(v) for k, v in (refused or {}).items()}))

    def mark_filed(self, item_id: int) -> None:
        self._set(item_id, state="filed")

    def note_filing_problem(self, item_id: int, reason: str) -> None:
        """Appending to Sent failed: stays `sent` (retried later), never resent."""
        self._set(item_id, last_error=f"Sent, but not yet saved to the Sent folder: {reason}")

    def retry_later(
        self, item_id: int, reason: str, now: float | None = None, *, network: bool = False
    ) -> float:
        """A temporary failure: back to `queued` with exponential backoff; returns the next time.

        `network=True` means the server could not be reached at all: such items are woken as
        soon as the account is seen online again (`wake_network_waits`).
        """
        item = self.get(item_id)
        at = time.time() if now is None else now
        delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * (2 ** item.attempts))
        self._set(item_id, state="queued", attempts=item.attempts + 1, next_attempt=at + delay,
                  last_error=reason, waiting_for="network" if network else "server")
        return at + delay

    def wake_network_waits(self, account_id: int) -> int:
        """The account's server answered again: items that waited only for the line are due now."""
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                "UPDATE outbox SET next_attempt = 0 WHERE account_id = ? AND state = 'queued'"
                " AND waiting_for = 'network'", (account_id,),
            )
            return cur.rowcount

    def make_due(self, account_id: int) -> int:
        """The rep asked to send now: every queued item of the account is due at once (its
        backoff forgotten; a failure after this backs off again). Returns how many."""
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                "UPDATE outbox SET next_attempt = 0 WHERE account_id = ? AND state = 'queued'",
                (account_id,),
            )
            return cur.rowcount

    def fail(self, item_id: int, reason: str) -> None:
        item = self.get(item_id)
        self._set(item_id, state="failed", attempts=item.attempts + 1, last_error=reason)

    def mark_uncertain(self, item_id: int, reason: str) -> None:
        self._set(item_id, state="uncertain", last_error=reason)

    # -- the rep's actions ----------------------------------------------------------------
    def retry(self, item_id: int) -> None:
        """Send again now (failed or uncertain items, or a queued one waiting for backoff)."""
        item = self.get(item_id)
        if item.state not in ("queued", "failed", "uncertain"):
            raise OutboxError(f"Message {item_id} is {item.state}; only waiting, failed or "
                              "uncertain messages can be retried.")
        self._set(item_id, state="queued", next_attempt=0.0, waiting_for=None)

    def replace(self, item_id: int, raw: bytes, recipients: list[str], subject: str) -> None:
        """Store an edited version (only while not being sent)."""
        item = self.get(item_id)
        if item.state not in ("queued", "failed", "uncertain"):
            raise OutboxError(f"Message {item_id} is {item.state} and can no longer be edited.")
        self._set(item_id, raw=raw, size=len(raw), recipients_json=json.dumps(recipients),
                  subject=subject)

    def discard(self, item_id: int) -> None:
        item = self.get(item_id)
        if item.state == "sending":
            raise OutboxError(f"Message {item_id} is being sent right now; try again in a moment.")
        with self.store.transaction(durable=True) as conn:
            conn.execute("DELETE FROM outbox WHERE id = ?", (item_id,))
