"""Create follow-up reminders from the cache and clear the answered ones.

`refresh_followups(store, now) -> RefreshReport(created, answered, superseded)`, in one
transaction, idempotent:
1. *answered*: an open reminder whose thread (or a message naming the sent mail in its
   References / In-Reply-To) has a message from someone who is not the rep (not an address
   of the profile's accounts or identities) dated after the send, or whose quote is answered;
   a quote won, lost or expired closes its reminder as `done`;
2. *superseded*: an open reminder whose thread has a later mail from the rep (the rep wrote
   again, usually the follow-up itself) is `done`, and that later mail gets its own reminder
   (same kind, quote and working days);
3. *created*: a quote in state `sent` (its mail's Message-ID and send time known), and an
   inquiry conversation (a thread with a message tagged by an inquiry channel, table
   `message_tags`, empty until the channels' rules run) whose newest message is the rep's,
   sent within `MAX_AGE_DAYS`, get a reminder unless one exists for that mail. The working
   days are the conversation's channel rule (`rules.set_rule`: table `followup_rules`, by
   tag), else the setting `followups.working_days` (default 3); the calendar is the buyer's
   (`client.customers.local_time.buyer_zone`, else UTC with a Saturday–Sunday weekend).
Called by `client.jobs.after_sync.after_sync`, the `followups` command and the app's check.
Caller's Store and thread; no network.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from client import settings
from client.customers.build import own_addresses
from client.customers.local_time import buyer_zone
from client.followups.clock import due_after
from client.store.db import Store

MAX_AGE_DAYS = 60


@dataclass
class RefreshReport:
    created: list[int] = field(default_factory=list)
    answered: list[int] = field(default_factory=list)
    superseded: list[int] = field(default_factory=list)


def _zone_for(store: Store, address: str) -> tuple[str, str | None]:
    choice = buyer_zone(store, address) if address else None
    if choice is None:
        return "UTC", None
    return choice.zone, choice.country


def _insert(store: Store, conn: Any, *, kind: str, message_id: str, thread_id: int | None,
            account_id: int | None, quote_number: str | None, reply_row: int | None,
            buyer: str, subject: str, lang: str, sent_at: float, days: int,
            now: float) -> int | None:
    if conn.execute("SELECT 1 FROM followups WHERE sent_message_id = ?",
                    (message_id,)).fetchone():
        return None
    zone, country = _zone_for(store, buyer)
    due = due_after(sent_at, zone, country, days).timestamp()
    cur = conn.execute(
        "INSERT INTO followups (kind, sent_message_id, thread_id, account_id, quote_number,"
        " reply_row, buyer_email, subject, lang, sent_at, working_days, zone, country, due_at,"
        " state, created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'waiting',?)",
        (kind, message_id, thread_id, account_id, quote_number, reply_row, buyer.lower(),
         subject, lang, sent_at, days, zone, country, due, now))
    return int(cur.lastrowid or 0)


def _outside(own: set[str], address: object) -> bool:
    return bool(address) and str(address).strip().lower() not in own


def _answered(conn: Any, own: set[str], thread_id: int | None, message_id: str,
              sent_at: float, answered_row: int | None) -> bool:
    """Whether someone else wrote after the mail; `answered_row`, the buyer's message the
    mail answers, never counts (its Date may be off: a demo or a wrong clock)."""
    for (who,) in conn.execute(
            "SELECT m.from_email FROM message_refs r JOIN messages m ON m.id = r.message_id"
            " WHERE r.ref = ? AND m.deleted = 0", (message_id,)):
        if _outside(own, who):
            return True
    if thread_id is None:
        return False
    return any(_outside(own, who) for (who,) in conn.execute(
        "SELECT from_email FROM messages WHERE thread_id = ? AND deleted = 0 AND draft = 0"
        " AND sort_date > ? AND id IS NOT ?", (thread_id, sent_at, answered_row)))


def _latest_own(conn: Any, own: set[str], thread_id: int,
                after: float) -> tuple[str, float, str, int] | None:
    """(Message-ID, date, subject, account) of the rep's newest mail in the thread after
    `after`, or None."""
    best = None
    for mid, date, who, subject, account in conn.execute(
            "SELECT message_id, sort_date, from_email, subject, account_id FROM messages"
            " WHERE thread_id = ? AND deleted = 0 AND draft = 0 AND sort_date > ?"
            " AND message_id IS NOT NULL ORDER BY sort_date DESC", (thread_id, after)):
        if str(who or "").strip().lower() in own:
            best = (str(mid), float(date), str(subject), int(account))
            break
    return best


def _buyer_message(conn: Any, own: set[str], thread_id: int | None) -> tuple[int, str] | None:
    """The newest message of the buyer's in the thread: (row, address)."""
    if thread_id is None:
        return None
    for row, who in conn.execute(
            "SELECT id, from_email FROM messages WHERE thread_id = ? AND deleted = 0"
            " ORDER BY sort_date DESC", (thread_id,)):
        if _outside(own, who):
            return int(row), str(who).lower()
    return None


def _thread_days(conn: Any, thread_id: int | None, rules: dict[str, int],
                 default: int) -> int:
    """The working days for a conversation: its channel's rule (`followup_rules`, the first
    tag by name), else the default."""
    if thread_id is None or not rules:
        return default
    row = conn.execute("SELECT MIN(t.tag) FROM message_tags t JOIN messages m"
                       " ON m.id = t.message_row WHERE m.thread_id = ?", (thread_id,)).fetchone()
    return rules.get(str(row[0]), default) if row and row[0] is not None else default


def refresh_followups(store: Store, now: float | None = None) -> RefreshReport:
    """See the module docstring."""
    moment = time.time() if now is None else now
    own = own_addresses(store)
    days = int(settings.read(store, "followups.working_days"))
    report = RefreshReport()
    with store.transaction() as conn:
        rules = {str(t): int(d) for t, d in conn.execute(
            "SELECT tag, working_days FROM followup_rules")}
        open_rows = conn.execute(
            "SELECT id, kind, sent_message_id, thread_id, sent_at, quote_number, working_days,"
            " buyer_email, reply_row, lang FROM followups"
            " WHERE state IN ('waiting', 'snoozed')").fetchall()
        for (fid, kind, mid, thread, sent_at, number, wdays, buyer, reply_row,
             lang) in open_rows:
            quote_state = None
            if number:
                found = conn.execute("SELECT state FROM quotes WHERE number = ?",
                                     (number,)).fetchone()
                quote_state = found[0] if found else None
            if quote_state in ("won", "lost", "expired"):
                conn.execute("UPDATE followups SET state = 'done', closed_at = ? WHERE id = ?",
                             (moment, fid))
                report.answered.append(int(fid))
                continue
            if quote_state == "answered" or _answered(conn, own, thread, str(mid),
                                                      float(sent_at), reply_row):
                conn.execute("UPDATE followups SET state = 'answered', closed_at = ?"
                             " WHERE id = ?", (moment, fid))
                report.answered.append(int(fid))
                continue
            later = _latest_own(conn, own, thread, float(sent_at)) if thread else None
            if later is not None and later[0] != mid:
                conn.execute("UPDATE followups SET state = 'done', closed_at = ? WHERE id = ?",
                             (moment, fid))
                report.superseded.append(int(fid))
                new = _insert(store, conn, kind=str(kind), message_id=later[0],
                              thread_id=thread, account_id=later[3], quote_number=number,
                              reply_row=reply_row, buyer=str(buyer), subject=later[2],
                              lang=str(lang), sent_at=later[1], days=int(wdays), now=moment)
                if new:
                    report.created.append(new)
        for (number, mid, sent_at, buyer, lang, inquiry_row, account, qthread,
             subject) in conn.execute(
                "SELECT q.number, q.message_id, q.sent_at, q.buyer_email, q.lang,"
                " q.inquiry_row, q.account_id, COALESCE(m.thread_id, i.thread_id, q.thread_id),"
                " COALESCE(m.subject, i.subject, '') FROM quotes q"
                " LEFT JOIN messages m ON m.id = (SELECT id FROM messages"
                "   WHERE message_id = q.message_id LIMIT 1)"
                " LEFT JOIN messages i ON i.id = q.inquiry_row"
                " WHERE q.state = 'sent' AND q.message_id IS NOT NULL"
                " AND q.sent_at IS NOT NULL").fetchall():
            if _answered(conn, own, qthread, str(mid), float(sent_at), inquiry_row):
                continue  # already answered: nothing to remind of
            new = _insert(store, conn, kind="quote", message_id=str(mid), thread_id=qthread,
                          account_id=account, quote_number=str(number), reply_row=inquiry_row,
                          buyer=str(buyer), subject=str(subject), lang=str(lang or "en"),
                          sent_at=float(sent_at), days=_thread_days(conn, qthread, rules, days),
                          now=moment)
            if new:
                report.created.append(new)
        horizon = moment - MAX_AGE_DAYS * 86400
        threads = conn.execute(
            "SELECT m.thread_id, MIN(m.sort_date) FROM message_tags t JOIN messages m"
            " ON m.id = t.message_row WHERE m.deleted = 0 AND m.thread_id IS NOT NULL"
            " GROUP BY m.thread_id").fetchall()
        for thread, first in threads:
            latest = conn.execute(
                "SELECT from_email FROM messages WHERE thread_id = ? AND deleted = 0"
                " AND draft = 0 ORDER BY sort_date DESC LIMIT 1", (thread,)).fetchone()
            if latest is None or _outside(own, latest[0]):
                continue  # the buyer wrote last: the first-reply clock, not a follow-up
            mine = _latest_own(conn, own, int(thread), float(first))
            buyer = _buyer_message(conn, own, thread)
            if mine is None or buyer is None or mine[1] < horizon:
                continue
            new = _insert(store, conn, kind="inquiry", message_id=mine[0], thread_id=thread,
                          account_id=mine[3], quote_number=None, reply_row=buyer[0],
                          buyer=buyer[1], subject=mine[2], lang="", sent_at=mine[1],
                          days=_thread_days(conn, int(thread), rules, days), now=moment)
            if new:
                report.created.append(new)
    return report
