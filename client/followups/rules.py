"""Working days per inquiry channel: a follow-up for a conversation tagged `alibaba` may wait
2 working days while the default is 3.

`set_rule(store, tag, days)` (1–60; replaces), `remove_rule(store, tag) -> bool`,
`list_rules(store) -> {tag: days}`. Read by `refresh.refresh_followups` when it creates a
reminder (existing reminders keep their days: `records.set_days` changes one). One
transaction each; the caller's Store and thread; idempotent. `FollowupError` in words.
"""

from __future__ import annotations

from client.followups.clock import MAX_DAYS
from client.followups.records import FollowupError
from client.i18n import _
from client.store.db import Store


def _tag(tag: str) -> str:
    clean = tag.strip().lower()
    if not clean or len(clean) > 64 or any(ch.isspace() or not ch.isprintable() for ch in clean):
        raise FollowupError(_("A channel tag is one word such as alibaba or web-form."))
    return clean


def set_rule(store: Store, tag: str, days: int) -> tuple[str, int]:
    clean = _tag(tag)
    if not 1 <= days <= MAX_DAYS:
        raise FollowupError(_("Wait 1 to {max} working days.", max=MAX_DAYS))
    with store.transaction() as conn:
        conn.execute("INSERT INTO followup_rules (tag, working_days) VALUES (?, ?)"
                     " ON CONFLICT (tag) DO UPDATE SET working_days = excluded.working_days",
                     (clean, days))
    return clean, days


def remove_rule(store: Store, tag: str) -> bool:
    with store.transaction() as conn:
        return conn.execute("DELETE FROM followup_rules WHERE tag = ?",
                            (_tag(tag),)).rowcount > 0


def list_rules(store: Store) -> dict[str, int]:
    return {str(t): int(d) for t, d in store.conn.execute(
        "SELECT tag, working_days FROM followup_rules ORDER BY tag")}
