"""The durable outbox: messages the rep pressed Send on, until they are sent and filed.

States and their meaning:
- `scheduled`: send later: the message waits, unclaimed, until `send_at` (UTC epoch); no flush
  sends it early, not even a manual one. `schedule` puts a `queued` message there (call it in
  the queueing transaction, so no flusher ever sees it `queued`); `release_due` (every flush,
  first) moves those whose time came to `queued`, due at once; one whose time passed while no
  Tradewind ran is released the same way and reported as late (`Released.late_s`);
- `uploading`: its big files go out as links and are not all uploaded yet (`link_files`, the
  JSON of `client.uploads.outgoing`); never claimed or sent. `finish_uploads` puts the body
  with the real links in and moves it to `queued` in one compare-and-set; a failed upload
  leaves it here with the reason in `last_error` (`retry` clears it);
- `queued`: committed to disk (synchronous=FULL) before anyone says "queued"; automatic
  flushes wait for `next_attempt` (backoff after a 4xx or a dropped line), a manual one (the
  rep's `outbox flush`, Send now) tries it at once (`queued()`);
- `sending`: one flusher has *claimed* it (`claim`, see "Claims" below) and is sending it;
  `handed_over_at` is set once the server said 354 and the bytes go out (`hand_over`). An
  abandoned claim (its claimant is gone) is recovered by the next flush: not handed over →
  back to `queued` (nothing was sent); handed over → checked against Sent by Message-ID;
- `uncertain`: the line dropped (or the app died) after the hand-over and the message is not in
  Sent: it may or may not have gone out. Never resent automatically; the rep decides
  (`outbox retry ID`) — a duplicate is possible, a loss is not;
- `failed`: a permanent refusal (5xx, too large, bad address); the server's reason is kept in
  words, the message stays editable and can be retried;
- `sent`: accepted by the server, the copy for Sent not yet appended (retried, never resent);
- `filed`: done (kept for the record until pruned).

Claims (never send twice when two flushers run at once, in threads or processes):
- `claim(item)` is one durable ``BEGIN IMMEDIATE`` transaction that moves the row from
  `queued` to `sending` only if it is still `queued` at the `version` the caller read (and due,
  for an automatic flush), writing the claimant (pid, process start time, random token, time).
  Exactly one caller wins; the others get None and skip the message.
- Every change of state, content or claimant bumps `version`; a claimant's own changes
  (`hand_over`, `mark_sent`, `retry_later`, ...) are compare-and-set on its token and raise
  `ClaimLost` when the row is no longer its own. `hand_over` is the point of no return: if it
  fails, the message bytes are not sent.
- The claim lasts through `sending` and `sent` (filing to Sent) and ends when the message
  leaves them. A claim is *live* while its process runs (same pid and start time; in this
  process: while the claiming thread works on it, `client.smtp.claim`). Only a claim that is
  not live may be taken over (`take_over`, compare-and-set on state and version), so a live
  claimant is never overtaken, and of two flushers recovering one dead claim exactly one wins.
- Rows without a claimant in `queued`, `failed`, `uncertain` and `filed`; the rep's actions
  (`retry`, `replace`, `discard`) apply only to unclaimed rows.

All methods run on the calling thread with the caller's `Store` (one per thread). Writes are
durable transactions; they raise `StoreWriteError` when the disk refuses.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from client.mime.msgid import normalize_msgid
from client.smtp import claim as claims
from client.store.db import Store
from client.store.updates import marks, update_sql

STATES = ("scheduled", "uploading", "queued", "sending", "uncertain", "failed", "sent", "filed")
BACKOFF_BASE_S = 30.0
BACKOFF_CAP_S = 3600.0
#: The columns a state change may set (``update_sql``'s allow-list); never id, account or Message-ID.
_CHANGING = frozenset({
    "state", "attempts", "next_attempt", "last_error", "waiting_for", "refused_json", "sent_at",
    "raw", "size", "recipients_json", "subject", "link_files_json", "claim_pid", "claim_started",
    "claim_token", "claimed_at", "handed_over_at", "send_at",
})


class OutboxError(Exception):
    """An outbox action is not possible (unknown id, wrong state); `str()` says why."""


class ClaimLost(OutboxError):
    """The message is no longer held by this claim (another flusher recovered it, or it
    changed); the caller must stop working on it and, above all, not hand it over."""


@dataclass(frozen=True, slots=True)
class Claim:
    """This process's hold on one outbox message (see "Claims" in the module docstring)."""

    item_id: int
    token: str

    def forget(self) -> None:
        """This thread stops working on the message (idempotent): if the row still holds the
        claim, it is abandoned from now on and the next flush recovers it."""
        claims.forget(self.token)


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
    version: int = 0
    claim_pid: int | None = None
    claim_started: float | None = None
    claim_token: str | None = None
    claimed_at: float | None = None
    handed_over_at: float | None = None
    link_files: str | None = None
    send_at: float | None = None

    @property
    def handed_over(self) -> bool:
        """The server said 354 and the bytes went (or were going) out: it may have been sent."""
        return self.handed_over_at is not None

    def claim_is_live(self) -> bool:
        """Whether a flusher that may still be working holds this message."""
        return claims.is_live(self.claim_pid, self.claim_started, self.claim_token)

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id, "account_id": self.account_id, "message_id": self.message_id,
            "from": self.sender, "to": list(self.recipients), "subject": self.subject,
            "size": self.size, "state": self.state, "attempts": self.attempts,
            "next_attempt": self.next_attempt, "last_error": self.last_error,
            "refused": {k: list(v) for k, v in self.refused.items()},
            "created": self.created, "sent_at": self.sent_at,
            "send_at": _utc_iso(self.send_at),
        }


def _utc_iso(epoch: float | None) -> str | None:
    """`2027-01-05T08:00:00Z` (UTC, ISO 8601), or None."""
    if epoch is None:
        return None
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class Released:
    """A scheduled message whose time came (`release_due`); `late_s` > 0 when its time passed
    while no flush ran (the laptop was closed): it goes out now, and the caller says so."""

    item_id: int
    send_at: float
    late_s: float


_COLUMNS = (
    "id, account_id, message_id, sender, recipients_json, subject, size, state, attempts, "
    "next_attempt, last_error, refused_json, reply_to_row, forward_of_row, created, sent_at, "
    "version, claim_pid, claim_started, claim_token, claimed_at, handed_over_at, "
    "link_files_json, send_at"
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
        version=int(row[16]), claim_pid=None if row[17] is None else int(row[17]),
        claim_started=None if row[18] is None else float(row[18]),
        claim_token=None if row[19] is None else str(row[19]),
        claimed_at=None if row[20] is None else float(row[20]),
        handed_over_at=None if row[21] is None else float(row[21]),
        link_files=None if row[22] is None else str(row[22]),
        send_at=None if row[23] is None else float(row[23]),
    )


class Outbox:
    """Durable queue over the `outbox` table of one `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- queueing -------------------------------------------------------------------------
    def enqueue(
        self, account_id: int, raw: bytes, *, message_id: str, sender: str,
        recipients: list[str], subject: str = "", reply_to_row: int | None = None,
        forward_of_row: int | None = None, link_files: str | None = None,
    ) -> int:
        """Commit the message durably and return its outbox id. Only then may a UI say "queued".
        With `link_files` (JSON of `client.uploads.outgoing`) it waits as `uploading`."""
        if not recipients:
            raise OutboxError("The message has no recipient.")
        now = time.time()
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                "INSERT INTO outbox (account_id, message_id, sender, recipients_json, subject, raw,"
                " size, state, attempts, next_attempt, refused_json, reply_to_row, forward_of_row,"
                " created, link_files_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '{}', ?, ?, ?, ?)",
                (account_id, normalize_msgid(message_id) or "", sender, json.dumps(recipients), subject, raw,
                 len(raw), "uploading" if link_files else "queued", now, reply_to_row,
                 forward_of_row, now, link_files),
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

    # -- claims ---------------------------------------------------------------------------
    def claim(self, item: OutboxItem, *, due_by: float | None = None) -> Claim | None:
        """Take a queued message for sending: one durable transaction moves it to `sending`
        with this process as claimant, only if it is still `queued` at `item.version` (and,
        with `due_by`, due by then). None: another flusher took it or it changed; skip it.
        The caller must end with a transition or `Claim.forget()`."""
        me = claims.new_claimant()
        claims.register(me.token)  # live before any other thread can see the row
        try:
            with self.store.transaction(durable=True) as conn:
                cur = conn.execute(
                    "UPDATE outbox SET state = 'sending', version = version + 1, claim_pid = ?,"
                    " claim_started = ?, claim_token = ?, claimed_at = ?, handed_over_at = NULL"
                    " WHERE id = ? AND state = 'queued' AND version = ?"
                    " AND (? IS NULL OR next_attempt <= ?)",
                    (me.pid, me.started, me.token, time.time(), item.id, item.version, due_by,
                     due_by),
                )
                won = cur.rowcount == 1
        except BaseException:
            claims.forget(me.token)
            raise
        if not won:
            claims.forget(me.token)
            return None
        return Claim(item.id, me.token)

    def take_over(self, item: OutboxItem) -> Claim | None:
        """Recover an abandoned claim on a `sending` or `sent` message (its claimant is not
        live): compare-and-set on state and `item.version`, this process becomes the claimant.
        None when the claimant may still be working or the row changed since `item` was read
        (then someone else recovered it). Handed-over state is kept: check it on `item`."""
        if item.state not in ("sending", "sent") or item.claim_is_live():
            return None
        me = claims.new_claimant()
        claims.register(me.token)
        try:
            with self.store.transaction(durable=True) as conn:
                cur = conn.execute(
                    "UPDATE outbox SET version = version + 1, claim_pid = ?, claim_started = ?,"
                    " claim_token = ?, claimed_at = ? WHERE id = ? AND state = ? AND version = ?",
                    (me.pid, me.started, me.token, time.time(), item.id, item.state,
                     item.version),
                )
                won = cur.rowcount == 1
        except BaseException:
            claims.forget(me.token)
            raise
        if not won:
            claims.forget(me.token)
            return None
        return Claim(item.id, me.token)

    def hand_over(self, claim: Claim) -> None:
        """The server said 354: record that the bytes go out now, only if this claim still
        holds the message. Raises `ClaimLost` otherwise: then the bytes must not be sent."""
        self._claimed(claim, ("sending",), {"handed_over_at": time.time()}, release=False,
                      condition=" AND handed_over_at IS NULL")

    def give_back(self, claim: Claim) -> None:
        """A claim that never reached the hand-over ends: back to `queued`, as it was (nothing
        was sent). Raises `ClaimLost` if the claim no longer holds it."""
        self._claimed(claim, ("sending",), {"state": "queued"}, release=True,
                      condition=" AND handed_over_at IS NULL")

    def _claimed(
        self, claim: Claim, states: tuple[str, ...], fields: dict[str, object], *,
        release: bool, condition: str = "",
    ) -> None:
        """Compare-and-set for the claimant: change the row only while `claim` holds it in one
        of `states`; `release` ends the claim. Raises `ClaimLost` (or `OutboxError`: no row)."""
        fields = dict(fields)
        if release:
            fields.update(claim_pid=None, claim_started=None, claim_token=None,
                          claimed_at=None, handed_over_at=None)
        sql, values = update_sql(
            "outbox", fields, _CHANGING, f"id = ? AND claim_token = ? AND state IN"
            f" ({marks(len(states))}){condition}", also=("version = version + 1",))
        try:
            with self.store.transaction(durable=True) as conn:
                cur = conn.execute(sql, (*values, claim.item_id, claim.token, *states))
                changed = cur.rowcount == 1
        finally:
            if release:
                claim.forget()
        if not changed:
            self.get(claim.item_id)  # OutboxError when the row is gone
            raise ClaimLost(f"Message {claim.item_id} is no longer held by this flush; "
                            "another Tradewind took it over.")

    # -- transitions ----------------------------------------------------------------------
    def _set(self, item_id: int, states: tuple[str, ...], **fields: object) -> bool:
        """Change an unclaimed row in one of `states`; False when none matched."""
        sql, values = update_sql(
            "outbox", fields, _CHANGING,
            f"id = ? AND claim_token IS NULL AND state IN ({marks(len(states))})",
            also=("version = version + 1",))
        with self.store.transaction(durable=True) as conn:
            return conn.execute(sql, (*values, item_id, *states)).rowcount == 1

    def mark_sent(self, claim: Claim, refused: dict[str, tuple[int, str]] | None = None) -> None:
        """The server accepted the message (final 250). The claim goes on while it is filed."""
        note = None
        if refused:
            note = "Not delivered to: " + "; ".join(f"{a} ({c} {t})" for a, (c, t) in refused.items())
        fields: dict[str, object] = {
            "state": "sent", "sent_at": time.time(), "last_error": note,
            "refused_json": json.dumps({k: list(v) for k, v in (refused or {}).items()}),
        }
        self._claimed(claim, ("sending",), fields, release=False)

    def mark_filed(self, claim: Claim) -> None:
        """The copy is in Sent (or the provider files it itself): done; the claim ends."""
        self._claimed(claim, ("sent",), {"state": "filed"}, release=True)

    def note_filing_problem(self, claim: Claim, reason: str) -> None:
        """Appending to Sent failed: stays `sent` (filed by a later flush), never resent; the
        claim ends."""
        self._claimed(claim, ("sent",),
                      {"last_error": f"Sent, but not yet saved to the Sent folder: {reason}"},
                      release=True)

    def retry_later(
        self, item_id: int, reason: str, now: float | None = None, *, network: bool = False,
        claim: Claim | None = None,
    ) -> float:
        """A temporary failure: back to `queued` with exponential backoff; returns the next time.

        With `claim`, the claimant's message in `sending` (the claim ends); without, an
        unclaimed `queued` one. `network=True` means the server could not be reached at all:
        such items are woken as soon as the account is seen online again
        (`wake_network_waits`). Raises `ClaimLost`/`OutboxError` when the row is not so.
        """
        item = self.get(item_id)
        at = time.time() if now is None else now
        delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * (2 ** item.attempts))
        fields: dict[str, object] = dict(
            state="queued", attempts=item.attempts + 1, next_attempt=at + delay,
            last_error=reason, waiting_for="network" if network else "server",
        )
        if claim is not None:
            self._claimed(claim, ("sending",), fields, release=True)
        elif not self._set(item_id, ("queued",), **fields):
            raise OutboxError(f"Message {item_id} is {self.get(item_id).state}; it is not "
                              "waiting to be sent.")
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

    def fail(self, item_id: int, reason: str, *, claim: Claim | None = None) -> None:
        """A permanent refusal: `failed` with the reason (the claim ends); without `claim`, an
        unclaimed `queued` message."""
        item = self.get(item_id)
        fields: dict[str, object] = dict(state="failed", attempts=item.attempts + 1,
                                         last_error=reason)
        if claim is not None:
            self._claimed(claim, ("sending",), fields, release=True)
        elif not self._set(item_id, ("queued",), **fields):
            raise OutboxError(f"Message {item_id} is {self.get(item_id).state}; it is not "
                              "waiting to be sent.")

    def mark_uncertain(self, item_id: int, reason: str, *, claim: Claim | None = None) -> None:
        """It may or may not have gone out: `uncertain`, never resent automatically. With
        `claim`, the claimant's message in `sending` (the claim ends); without, an unclaimed
        `queued` or `failed` one."""
        fields: dict[str, object] = {"state": "uncertain", "last_error": reason}
        if claim is not None:
            self._claimed(claim, ("sending",), fields, release=True)
        elif not self._set(item_id, ("queued", "failed"), **fields):
            raise OutboxError(f"Message {item_id} is {self.get(item_id).state}; it cannot be "
                              "marked uncertain.")

    # -- send later -----------------------------------------------------------------------
    def schedule(self, item_id: int, send_at: float) -> None:
        """Send later: a `queued`, unclaimed message (or a `scheduled` one, to move it) waits
        as `scheduled` until `send_at`. Raises `OutboxError` in words for any other state.
        Idempotent for the same time."""
        if not self._set(item_id, ("queued", "scheduled"), state="scheduled", send_at=send_at,
                         next_attempt=send_at, last_error=None):
            item = self.get(item_id)
            raise OutboxError(f"Message {item_id} is {item.state}; only a message waiting to "
                              "be sent can be scheduled.")

    def send_now(self, item_id: int) -> None:
        """The rep no longer waits: a `scheduled` message becomes `queued`, due at once."""
        if not self._set(item_id, ("scheduled",), state="queued", next_attempt=0.0,
                         send_at=None):
            item = self.get(item_id)
            raise OutboxError(f"Message {item_id} is {item.state}, not scheduled.")

    def next_scheduled(self, account_id: int | None = None) -> float | None:
        """The earliest `send_at` of a scheduled message (the app's timer), or None."""
        row = self.store.conn.execute(
            "SELECT MIN(send_at) FROM outbox WHERE state = 'scheduled'"
            " AND (? IS NULL OR account_id = ?)", (account_id, account_id)).fetchone()
        return None if row is None or row[0] is None else float(row[0])

    def release_due(self, account_id: int, now: float | None = None, *,
                    grace_s: float = 120.0) -> list[Released]:
        """Scheduled messages whose time came become `queued` and due at once, in one durable
        transaction (compare-and-set per row: of two flushers each message is released once).
        A message more than `grace_s` past its time is `late_s` > 0. Idempotent."""
        at = time.time() if now is None else now
        released: list[Released] = []
        with self.store.transaction(durable=True) as conn:
            rows = conn.execute(
                "SELECT id, send_at FROM outbox WHERE account_id = ? AND state = 'scheduled'"
                " AND send_at <= ? ORDER BY send_at, id", (account_id, at)).fetchall()
            for item_id, send_at in rows:
                cur = conn.execute(
                    "UPDATE outbox SET state = 'queued', next_attempt = 0, version = version + 1"
                    " WHERE id = ? AND state = 'scheduled' AND claim_token IS NULL", (item_id,))
                if cur.rowcount == 1:
                    late = at - float(send_at)
                    released.append(Released(int(item_id), float(send_at),
                                             late if late > grace_s else 0.0))
        return released

    # -- link uploads ---------------------------------------------------------------------
    def set_link_files(self, item_id: int, link_files: str) -> None:
        """Record the uploads of an `uploading` message (the queueing transaction)."""
        if not self._set(item_id, ("uploading",), link_files_json=link_files):
            raise OutboxError(f"Message {item_id} is not waiting for uploads.")

    def note_upload_problem(self, item_id: int, reason: str) -> None:
        """An upload of an `uploading` message failed: it stays there with the reason."""
        item = self.get(item_id)
        self._set(item_id, ("uploading",), last_error=reason, attempts=item.attempts + 1)

    def finish_uploads(self, item: OutboxItem, raw: bytes) -> bool:
        """Every upload has its link: store the body with the links and move the message to
        `queued`, only if it is still `uploading` at `item.version` (False otherwise)."""
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                "UPDATE outbox SET raw = ?, size = ?, state = 'queued', last_error = NULL,"
                " attempts = 0, next_attempt = 0, version = version + 1 WHERE id = ?"
                " AND state = 'uploading' AND version = ? AND claim_token IS NULL",
                (raw, len(raw), item.id, item.version),
            )
            return cur.rowcount == 1

    # -- the rep's actions ----------------------------------------------------------------
    def retry(self, item_id: int) -> None:
        """Send again now (failed or uncertain items, or a queued one waiting for backoff); an
        `uploading` one stays so with its reason cleared (its uploads run again)."""
        if self._set(item_id, ("uploading",), last_error=None):
            return
        if not self._set(item_id, ("queued", "failed", "uncertain"), state="queued",
                         next_attempt=0.0, waiting_for=None):
            item = self.get(item_id)
            raise OutboxError(f"Message {item_id} is {item.state}; only waiting, failed or "
                              "uncertain messages can be retried.")

    def replace(self, item_id: int, raw: bytes, recipients: list[str], subject: str) -> None:
        """Store an edited version (only while not being sent)."""
        if not self._set(item_id, ("queued", "scheduled", "failed", "uncertain"), raw=raw,
                         size=len(raw),
                         recipients_json=json.dumps(recipients), subject=subject):
            item = self.get(item_id)
            raise OutboxError(f"Message {item_id} is {item.state} and can no longer be edited.")

    def discard(self, item_id: int) -> None:
        """Delete a message that nobody is sending or filing right now."""
        with self.store.transaction(durable=True) as conn:
            cur = conn.execute(
                "DELETE FROM outbox WHERE id = ? AND claim_token IS NULL AND state != 'sending'",
                (item_id,),
            )
            if cur.rowcount == 1:
                return
        self.get(item_id)  # OutboxError when there is no such message
        raise OutboxError(f"Message {item_id} is being sent right now; try again in a moment.")
