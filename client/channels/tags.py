"""Reading the channel tags of messages, tagging by hand, and explaining a message.

`tags_for(store, row_ids) -> {row: [tag, ...]}` (sorted; rows without tags are absent; one
query per 500 ids). `set_tag(store, row_id, tag)` / `remove_tag` tag by hand (``rule_id``
NULL; idempotent). `explain(store, row_id) -> Explanation`: which enabled rules the message
matches now and why, and the tags it already carries with their reasons; raises `KeyError`
for an unknown row. Caller's Store and thread.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from client.channels.evaluate import Match, evaluate, facts_of_row
from client.channels.leads import on_list
from client.channels.rules import list_rules, normalise_tag
from client.customers.build import own_addresses
from client.store.db import Store


def tags_for(store: Store, row_ids: Sequence[int]) -> dict[int, list[str]]:
    """See the module."""
    out: dict[int, list[str]] = {}
    ids = list(row_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row, tag in store.conn.execute(
                f"SELECT message_row, tag FROM message_tags WHERE message_row IN ({marks})"
                " ORDER BY tag", chunk):
            out.setdefault(int(row), []).append(str(tag))
    return out


def set_tag(store: Store, row_id: int, tag: str, reason: str = "tagged by hand") -> str:
    """Tag a message by hand; returns the stored tag."""
    stored = normalise_tag(tag)
    with store.transaction(durable=True) as conn:
        conn.execute("INSERT OR IGNORE INTO message_tags (message_row, tag, rule_id, reason,"
                     " tagged_at) VALUES (?, ?, NULL, ?, ?)", (row_id, stored, reason,
                                                                time.time()))
    return stored


def remove_tag(store: Store, row_id: int, tag: str) -> bool:
    """Remove one tag of a message; True when it had it."""
    with store.transaction(durable=True) as conn:
        cur = conn.execute("DELETE FROM message_tags WHERE message_row = ? AND tag = ?",
                           (row_id, tag.strip().lower()))
    return bool(cur.rowcount)


@dataclass(frozen=True)
class Explanation:
    """What `rules test` says about one message."""

    row_id: int
    matches: list[Match]
    current: list[tuple[str, int | None, str]]  # (tag, rule id or None, reason) stored now
    own_mail: bool  # the rep's own message: rules never tag it

    def as_json(self) -> dict[str, object]:
        return {"id": self.row_id, "own_mail": self.own_mail,
                "matches": [m.as_json() for m in self.matches],
                "tags": [{"tag": t, "rule_id": r, "reason": why} for t, r, why in self.current]}


def explain(store: Store, row_id: int) -> Explanation:
    """See the module."""
    facts = facts_of_row(store, row_id)
    if facts is None:
        raise KeyError(row_id)
    own = facts.from_email.strip().lower() in own_addresses(store)
    matches = [] if own else evaluate(list_rules(store, enabled_only=True), facts,
                                      on_list(store))
    current = [(str(t), None if r is None else int(r), str(why)) for t, r, why in
               store.conn.execute("SELECT tag, rule_id, reason FROM message_tags"
                                  " WHERE message_row = ? ORDER BY tag", (row_id,))]
    return Explanation(row_id, matches, current, own)
