"""Who the rep corresponds with, from the cache (B1, B2, B7): the input of the risk score.

``history(store, account_id) -> History``: the registrable domains and addresses the rep has
written to (To/Cc of mail in a Sent folder) or received replies from (the sender of a message
answering one of the rep's), the account's own domain, and when each address and domain first
sent mail. Read in a few grouped queries and kept per ``Store`` until the cache holds other
messages (the largest row id or the row count changed), so scoring many messages reads it
once (with the contacts a display name can imitate, ``History.contacts_named``, read in
one scan of the Sent recipients). ``thread_domains(store, row)`` are the sender domains of
the earlier messages of a row's thread. Caller's ``Store``, on its thread; pure reads.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, field
from functools import cached_property

from client.security.lookalike import domain_of
from client.store.address_book import name_key, sent_contacts_by_name
from client.store.db import Store
from client.store.records import MessageRow

_SENT = """
SELECT lower(json_extract(j.value, '$[1]'))
FROM messages AS m JOIN folders AS f ON f.id = m.folder_id, json_each(m.{column}) AS j
WHERE f.role = 'sent' AND m.deleted = 0 AND m.account_id = ?
"""
_SENT_IDS = """
SELECT m.message_id FROM messages AS m JOIN folders AS f ON f.id = m.folder_id
WHERE f.role = 'sent' AND m.account_id = ? AND m.message_id IS NOT NULL
"""
_FIRST = """
SELECT lower(from_email), min(sort_date) FROM messages
WHERE account_id = ? AND from_email != '' GROUP BY lower(from_email)
"""
_REPLIES = """
SELECT lower(from_email), in_reply_to FROM messages
WHERE account_id = ? AND in_reply_to IS NOT NULL AND from_email != ''
"""


@dataclass
class History:
    """The rep's correspondents for one account (see module docstring)."""

    own_domain: str
    written_to: set[str] = field(default_factory=set)  # addresses
    replied: set[str] = field(default_factory=set)  # addresses that answered the rep
    first_seen: dict[str, float] = field(default_factory=dict)  # address -> earliest date
    domain_first_seen: dict[str, float] = field(default_factory=dict)

    @property
    def known_addresses(self) -> set[str]:
        return self.written_to | self.replied

    #: {name key: addresses} of every Sent recipient, read on the first ``contacts_named``
    #: (the same cache life as the history)
    named: dict[str, set[str]] | None = None

    @cached_property
    def known_domains(self) -> set[str]:
        found = {domain_of(a) for a in self.known_addresses} | {self.own_domain}
        return {d for d in found if d}

    def contacts_named(self, store: Store, names: list[str]) -> dict[str, set[str]]:
        """``client.store.address_book.contact_addresses_named`` from one scan of the Sent
        folders' recipients per history (``sent_contacts_by_name``), so judging many messages
        costs one scan, not two per sender name."""
        if self.named is None:
            self.named = sent_contacts_by_name(store)
        keys = dict.fromkeys(name_key(n) for n in names if n.strip())
        return {k: set(self.named[k]) for k in keys if k in self.named}

    def first_time_sender(self, address: str, when: float) -> bool:
        """No earlier mail from ``address`` and the rep never wrote to it."""
        address = address.lower()
        return address not in self.known_addresses and self.first_seen.get(address, when) >= when

    def first_time_domain(self, address: str, when: float) -> bool:
        """No earlier mail from the address's domain and it is not a known correspondent's."""
        domain = domain_of(address)
        return (domain not in self.known_domains
                and self.domain_first_seen.get(domain, when) >= when)


_cache: weakref.WeakKeyDictionary[Store, dict[int, tuple[tuple[int, int], History]]] = (
    weakref.WeakKeyDictionary())
_lock = threading.Lock()  # each thread has its own Store, but they share this dict


def history(store: Store, account_id: int) -> History:
    """The (cached) history of one account; see the module docstring."""
    stamp_row = store.conn.execute("SELECT coalesce(max(id), 0), count(*) FROM messages").fetchone()
    stamp = (int(stamp_row[0]), int(stamp_row[1]))
    with _lock:
        per_store = _cache.setdefault(store, {})
        hit = per_store.get(account_id)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    account = store.account(account_id)
    result = History(domain_of(account.email) if account else "")
    for column in ("to_json", "cc_json"):
        result.written_to |= {r[0] for r in store.conn.execute(_SENT.format(column=column),
                                                              (account_id,)) if r[0]}
    sent_ids = {r[0] for r in store.conn.execute(_SENT_IDS, (account_id,))}
    for address, parent in store.conn.execute(_REPLIES, (account_id,)):
        if parent in sent_ids:
            result.replied.add(address)
    for address, first in store.conn.execute(_FIRST, (account_id,)):
        when = float(first or 0.0)
        result.first_seen[address] = when
        domain = domain_of(address)
        if domain and when < result.domain_first_seen.get(domain, float("inf")):
            result.domain_first_seen[domain] = when
    with _lock:
        per_store[account_id] = (stamp, result)
    return result


def thread_domains(store: Store, row: MessageRow, own_domain: str) -> set[str] | None:
    """The sender domains of the earlier messages of ``row``'s thread other than the rep's
    own, or None when the message does not continue a thread with other correspondents."""
    if row.thread_id is None:
        return None
    earlier = [m for m in store.thread_messages(row.thread_id)
               if m.id != row.id and m.sort_date <= row.sort_date]
    domains: set[str] = set()
    for message in earlier:
        for address in [message.from_email, *(a[1] for a in message.to + message.cc)]:
            domain = domain_of(address or "")
            if domain and domain != own_domain:
                domains.add(domain)
    return domains or None
