"""The demo profile's follow-ups and analytics: countries and channel tags on the demo mail,
so the Statistics window has groups to show, and the follow-up reminders of the demo quotes.

`install_demo_desk2(store)` (called by `build_demo_profile` after the customers): sets the
country of the demo companies (`COUNTRIES`, by domain; the `.example` addresses have no
country of their own), tags the demo inquiries as the inquiry-channel rules would (`TAGS`:
subject words → tag, the first message of a thread from outside that the demo's channel
rules (`client.demo.channels`) left untagged; table `message_tags`) and
brings the follow-ups up to date (`refresh_followups`: the two demo quotes sent a week and
four weeks ago without an answer are due, with the newest unanswered inquiry reply; older
inquiry reminders are closed as done, as if the rep had followed up, so a couple are due). Idempotent (setting `demo.followups`); the
caller's Store and thread; no network.
"""

from __future__ import annotations

import time

from client.customers.build import own_addresses
from client.followups.refresh import refresh_followups
from client.store.db import Store

KEY = "demo.followups"
COUNTRIES = {
    "distribuidora-andina.example": "PE", "accra-electricals.example": "GH",
    "shenzhen-jianzhu.example": "CN", "lumentraders.example": "IN", "almaty-svet.example": "KZ",
    "alpenlicht.example": "AT", "electromex.example": "MX", "saigon-lighting.example": "VN",
    "sunstate-electrical.example": "AU", "elektrosnab.example": "RU", "hk-lighting.example": "HK",
    "elektro-weiss.example": "DE", "osaka-denki.example": "JP", "svettorg.example": "RU",
    "emirates-power.example": "AE", "iluminacion-ruiz.example": "ES",
    "kraemer-licht.example": "DE", "alnoor-hotels.example": "AE", "toho-shomei.example": "JP",
    "nordljus.example": "SE", "gulf-contracting.example": "QA", "lakeside-supply.example": "US",
}
#: (word in the subject, tag), first match wins
TAGS = (("RFQ", "alibaba"), ("Price request", "alibaba"), ("Inquiry", "web-form"),
        ("询价", "web-form"), ("Anfrage", "trade-show"), ("Solicitud", "trade-show"),
        ("Consulta", "referral"), ("Запрос", "referral"))


def install_demo_desk2(store: Store, now: float | None = None) -> None:
    """See the module docstring."""
    if store.get_setting(KEY):
        return
    own = own_addresses(store)
    with store.transaction() as conn:
        for domain, country in COUNTRIES.items():
            conn.execute("UPDATE customers SET country = ? WHERE domain = ? AND country IS NULL",
                         (country, domain))
        firsts = conn.execute(
            "SELECT m.id, m.subject, m.from_email FROM messages m WHERE m.deleted = 0"
            " AND m.sort_date = (SELECT MIN(o.sort_date) FROM messages o"
            "   WHERE o.thread_id = m.thread_id)").fetchall()
        for row, subject, sender in firsts:
            if str(sender or "").lower() in own or conn.execute(
                    "SELECT 1 FROM message_tags WHERE message_row = ?", (row,)).fetchone():
                continue  # the rep's own, or tagged already by the demo's channel rules
            tag = next((t for word, t in TAGS if word.casefold() in str(subject).casefold()),
                       None)
            if tag is not None:
                conn.execute("INSERT OR IGNORE INTO message_tags (message_row, tag, rule_id,"
                             " reason, tagged_at) VALUES (?, ?, NULL, 'demo', ?)",
                             (row, tag, time.time()))
    moment = time.time() if now is None else now
    refresh_followups(store, moment)
    with store.transaction() as conn:  # a couple due: the quotes' and the newest inquiry's
        due = conn.execute("SELECT id FROM followups WHERE kind = 'inquiry' AND due_at <= ?"
                           " ORDER BY sent_at DESC", (moment,)).fetchall()
        conn.executemany("UPDATE followups SET state = 'done', closed_at = ? WHERE id = ?",
                         [(moment, fid) for (fid,) in due[1:]])
    store.set_setting(KEY, True)
