"""Apply the channel rules to cached mail: tags, inquiries and buyers.

- `apply_new(store) -> ApplyReport`: the message rows above the setting
  `channels.applied_upto` (all rows when that row is gone), in id order; run after each sync
  (`client.jobs.after_sync`), before the customers are built, so a platform inquiry belongs to
  its buyer rather than to the platform.
- `run_rules(store, folder_id=None) -> ApplyReport`: every cached row (of one folder), for
  rules added later (`tradewind rules run`, the rule editor's "Run on existing mail").
A referral phrase is looked up in the search index for rows whose body is indexed (one
query per phrase and batch), else in the parsed text. Only incoming mail is tagged (not the rep's own: accounts and identities). For each matching
rule a `message_tags` row (`rule_id`, the reason); the message becomes an inquiry
(`inquiries`: its received time, the first tag, the buyer of a platform notification), and a
buyer with an address becomes a customer (`client.channels.buyers`). Existing tags are kept
(a tag set by hand is never replaced). Idempotent; one durable transaction per batch of
`BATCH` rows. Caller's Store and thread.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from client.channels.buyers import record_buyer
from client.channels.evaluate import LeadLookup, Match, evaluate, facts_of_rows
from client.channels.leads import on_list
from client.channels.rules import Rule, list_rules
from client.customers.build import own_addresses
from client.store.db import Store

UPTO_KEY = "channels.applied_upto"
BATCH = 1000


@dataclass
class ApplyReport:
    """Rows looked at, messages newly tagged, tags set by tag, customers given a buyer."""

    rows: int = 0
    tagged: int = 0
    tags: Counter[str] = field(default_factory=Counter)
    customers: set[int] = field(default_factory=set)

    def as_json(self) -> dict[str, object]:
        return {"rows": self.rows, "tagged": self.tagged, "tags": dict(sorted(self.tags.items())),
                "customers": sorted(self.customers)}


def _write(store: Store, row_id: int, account_id: int, received: float,
           matches: list[Match], report: ApplyReport) -> None:
    conn, now = store.conn, time.time()
    added = 0
    for match in matches:
        cur = conn.execute(
            "INSERT OR IGNORE INTO message_tags (message_row, tag, rule_id, reason, tagged_at)"
            " VALUES (?, ?, ?, ?, ?)", (row_id, match.tag, match.rule.id, match.reason, now))
        if cur.rowcount:
            added += 1
            report.tags[match.tag] += 1
    if added:
        report.tagged += 1
    buyer = next((m.buyer for m in matches if m.buyer is not None), None)
    platform = next((m.rule.match for m in matches if m.rule.kind == "platform"), None)
    conn.execute(
        "INSERT OR IGNORE INTO inquiries (message_row, account_id, tag, received_at, platform,"
        " buyer_email, buyer_name, buyer_company, buyer_country, product)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row_id, account_id, matches[0].tag, received, platform,
         buyer.email or None if buyer else None, buyer.name if buyer else "",
         buyer.company if buyer else "", (buyer.country or None) if buyer else None,
         buyer.product if buyer else ""))
    if buyer is not None:
        cid = record_buyer(store, row_id, buyer)
        if cid is not None:
            report.customers.add(cid)


def _phrase_hits(store: Store, rows: Sequence[tuple[int, int, str, float]],
                 rules: list[Rule]) -> dict[int, set[str]]:
    """Row -> the referral phrases the search index finds in its body, for the rows whose
    body is indexed (`indexed` = 1); the others are absent (their text is parsed)."""
    phrases = {r.match.lower() for r in rules if r.kind == "referral-phrase"}
    if not phrases:
        return {}
    from client.store.cjk import fts_term

    ids = [int(r[0]) for r in rows]
    marks = ",".join("?" * len(ids))
    hits: dict[int, set[str]] = {int(i): set() for (i,) in store.conn.execute(
        f"SELECT id FROM messages WHERE indexed = 1 AND id IN ({marks})", ids)}
    for phrase in phrases:
        term = fts_term(phrase, "body")
        if term is None:
            continue
        for (row,) in store.conn.execute(
                f"SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid IN ({marks})",
                (term, *ids)):
            if int(row) in hits:
                hits[int(row)].add(phrase)
    return hits


def _apply(store: Store, rows: Sequence[tuple[int, int, str, float]], rules: list[Rule],
           leads: LeadLookup, own: set[str], report: ApplyReport) -> None:
    hits = _phrase_hits(store, rows, rules)
    report.rows += len(rows)
    incoming = {int(r[0]): r for r in rows if r[2] and str(r[2]).lower() not in own}
    facts_list = facts_of_rows(store, list(incoming),
                               head=any(r.kind == "header" for r in rules))
    with store.transaction(durable=True):
        for facts in facts_list:
            row_id, account_id, _sender, received = incoming[facts.row_id]
            facts.phrases = hits.get(row_id)
            matches = evaluate(rules, facts, leads)
            if matches:
                _write(store, row_id, account_id, received, matches, report)


_SELECT = ("SELECT id, account_id, from_email, sort_date"
           " FROM messages WHERE id > ?")


def apply_new(store: Store) -> ApplyReport:
    """See the module."""
    report = ApplyReport()
    rules = list_rules(store, enabled_only=True)
    upto = int(store.get_setting(UPTO_KEY, 0) or 0)
    if upto and store.conn.execute("SELECT 1 FROM messages WHERE id = ?",
                                   (upto,)).fetchone() is None:
        upto = 0  # the row we stopped at is gone (cache rebuilt): look at every row again
    if not rules:  # nothing to look for: just move past the new rows
        last = store.conn.execute("SELECT max(id) FROM messages").fetchone()[0]
        if last is not None and int(last) > upto:
            store.set_setting(UPTO_KEY, int(last))
        return report
    leads, own = on_list(store), own_addresses(store)
    while True:
        rows = store.conn.execute(_SELECT + " ORDER BY id LIMIT ?", (upto, BATCH)).fetchall()
        if not rows:
            return report
        _apply(store, rows, rules, leads, own, report)
        upto = int(rows[-1][0])
        store.set_setting(UPTO_KEY, upto)


def run_rules(store: Store, folder_id: int | None = None) -> ApplyReport:
    """See the module."""
    report = ApplyReport()
    rules = list_rules(store, enabled_only=True)
    if not rules:
        return report
    leads, own = on_list(store), own_addresses(store)
    scope, params = ("", []) if folder_id is None else (" AND folder_id = ?", [folder_id])
    upto = 0
    while True:
        rows = store.conn.execute(_SELECT + scope + " ORDER BY id LIMIT ?",
                                  (upto, *params, BATCH)).fetchall()
        if not rows:
            return report
        _apply(store, rows, rules, leads, own, report)
        upto = int(rows[-1][0])
