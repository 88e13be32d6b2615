"""The first-reply timer of inquiry conversations (for follow-ups and analytics).

An inquiry is a tagged incoming message (`inquiries`, written by `client.channels.apply`);
its conversation is the thread of that message as threading labels it now
(`messages.thread_id`, which may change when threads merge, so it is read at query time).
The conversation is open until the rep's first reply: the earliest message of the same thread
from one of the profile's addresses (Sent, or any folder) dated after the inquiry, or an
outbox message replying to a message of the thread and sent (`outbox.sent_at`).
`inquiry_threads(store, since=None, until=None) -> [InquiryThread]`: one per thread, with
the earliest inquiry's received time, its tags and the first reply (None while open).
Read-only; caller's Store and thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from client.customers.build import own_addresses
from client.store.db import Store


@dataclass(frozen=True)
class InquiryThread:
    thread_id: int
    first_row: int  # the earliest inquiry message of the thread
    account_id: int
    tags: tuple[str, ...]
    received_at: float  # UTC epoch
    first_reply_at: float | None  # UTC epoch; None: still open
    first_reply_row: int | None  # the reply's message row (None for an outbox-only reply)

    @property
    def open(self) -> bool:
        return self.first_reply_at is None

    def as_json(self) -> dict[str, object]:
        return {"thread_id": self.thread_id, "message": self.first_row,
                "account_id": self.account_id, "tags": list(self.tags),
                "received_at": self.received_at, "first_reply_at": self.first_reply_at,
                "first_reply_message": self.first_reply_row, "open": self.open}


def _first_reply(store: Store, thread_id: int, after: float,
                 own: set[str]) -> tuple[float | None, int | None]:
    best: tuple[float | None, int | None] = (None, None)
    for row_id, when, sender in store.conn.execute(
            "SELECT id, sort_date, lower(from_email)"
            " FROM messages WHERE thread_id = ? AND sort_date"
            " > ? ORDER BY 2, id", (thread_id, after)):
        if str(sender or "") in own:
            best = (float(when), int(row_id))
            break
    sent = store.conn.execute(
        "SELECT min(o.sent_at) FROM outbox o JOIN messages m ON m.id = o.reply_to_row"
        " WHERE m.thread_id = ? AND o.sent_at IS NOT NULL AND o.sent_at > ?"
        " AND o.state IN ('sent', 'filed')", (thread_id, after)).fetchone()[0]
    if sent is not None and (best[0] is None or float(sent) < best[0]):
        best = (float(sent), None)
    return best


def inquiry_threads(store: Store, since: float | None = None,
                    until: float | None = None) -> list[InquiryThread]:
    """See the module; ``since``/``until`` bound the received time (UTC epoch, until
    exclusive)."""
    where, params = ["m.deleted = 0"], []
    if since is not None:
        where.append("i.received_at >= ?")
        params.append(since)
    if until is not None:
        where.append("i.received_at < ?")
        params.append(until)
    rows = store.conn.execute(
        "SELECT coalesce(m.thread_id, m.id), i.message_row, i.account_id, i.received_at"
        " FROM inquiries i JOIN messages m ON m.id = i.message_row"
        f" WHERE {' AND '.join(where)} ORDER BY i.received_at, i.message_row", params)
    first: dict[int, tuple[int, int, float]] = {}
    for thread, row_id, account_id, received in rows:
        first.setdefault(int(thread), (int(row_id), int(account_id), float(received)))
    own = own_addresses(store)
    out: list[InquiryThread] = []
    for thread, (row_id, account_id, received) in first.items():
        tags = tuple(str(t) for (t,) in store.conn.execute(
            "SELECT DISTINCT t.tag FROM message_tags t JOIN messages m ON m.id = t.message_row"
            " WHERE coalesce(m.thread_id, m.id) = ? ORDER BY t.tag", (thread,)))
        at, reply_row = _first_reply(store, thread, received, own)
        out.append(InquiryThread(thread, row_id, account_id, tags, received, at, reply_row))
    return out
