"""Addresses the rep has corresponded with, for completion in the composer's To/Cc/Bcc fields.

``load_address_book(store)`` reads every distinct address of the cache (senders, To and Cc of
every message, deleted ones excluded) with how often it appears and the most recent display name
seen, in two grouped queries (about half a second at 100,000 messages: call it off the GUI
thread, once per composer). ``AddressBook.matches(prefix, limit)`` then answers each keystroke
from memory: case-insensitive prefix match on the address, on the whole name or on any word of
the name, most frequent first. A display name that holds an address or invisible characters is
not kept (`client.mime.sender_checks.suspicious_name`), so a spoofer's name cannot complete to
the spoofer's address. Pure reads on the caller's ``Store``; any thread that owns it.
"""

from __future__ import annotations

from dataclasses import dataclass

from client.mime.sender_checks import suspicious_name
from client.store.db import Store

# One row per (address, name) pair; the newest message's name wins for an address.
_SENDERS = """
SELECT lower(from_email), from_name, count(*), max(sort_date) FROM messages
WHERE deleted = 0 AND from_email IS NOT NULL AND from_email != ''
GROUP BY lower(from_email), from_name
"""
_RECIPIENTS = """
SELECT lower(json_extract(j.value, '$[1]')), json_extract(j.value, '$[0]'), count(*),
       max(m.sort_date)
FROM messages AS m, json_each(m.{column}) AS j
WHERE m.deleted = 0 AND m.{column} IS NOT NULL AND m.{column} != '[]'
GROUP BY 1, 2
"""


@dataclass(frozen=True, slots=True)
class AddressEntry:
    """One correspondent: the address (lower case), the display name last seen, a use count."""

    email: str
    name: str
    count: int

    def formatted(self) -> str:
        """``Name <email>`` (quoted when the name holds a comma or a quote), or the address."""
        if not self.name:
            return self.email
        name = self.name
        if any(c in name for c in ',;"<>@()'):
            name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{name} <{self.email}>"


class AddressBook:
    """Distinct addresses, most frequent first; immutable after construction (thread-safe)."""

    def __init__(self, entries: list[AddressEntry]) -> None:
        self.entries = sorted(entries, key=lambda e: (-e.count, e.email))
        self._keys = [_keys(e) for e in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    def matches(self, prefix: str, limit: int = 10) -> list[AddressEntry]:
        """Entries whose address, name or a word of the name starts with ``prefix``."""
        wanted = prefix.strip().casefold()
        if not wanted:
            return []
        found: list[AddressEntry] = []
        for entry, keys in zip(self.entries, self._keys, strict=True):
            if any(key.startswith(wanted) for key in keys):
                found.append(entry)
                if len(found) >= limit:
                    break
        return found


def _keys(entry: AddressEntry) -> tuple[str, ...]:
    name = entry.name.casefold()
    words = tuple(w.strip("\"'()") for w in name.replace(",", " ").split())
    return (entry.email, name, *words)


def load_address_book(store: Store) -> AddressBook:
    """Every correspondent in the cache (see module docstring)."""
    counts: dict[str, int] = {}
    names: dict[str, tuple[float, str]] = {}
    queries = [_SENDERS] + [_RECIPIENTS.format(column=c) for c in ("to_json", "cc_json")]
    for query in queries:
        for email, name, count, newest in store.conn.execute(query):
            if not email or "@" not in email:
                continue
            counts[email] = counts.get(email, 0) + int(count)
            name = (name or "").strip()
            if suspicious_name(name, email):
                name = ""  # a name holding an address must not complete to this address (I1)
            when = float(newest or 0.0)
            if name and (email not in names or when >= names[email][0]):
                names[email] = (when, name)
    return AddressBook([
        AddressEntry(email, names.get(email, (0.0, ""))[1], count)
        for email, count in counts.items()
    ])


_SENT_RECIPIENTS = """
SELECT json_extract(j.value, '$[0]'), lower(json_extract(j.value, '$[1]'))
FROM messages AS m JOIN folders AS f ON f.id = m.folder_id, json_each(m.{column}) AS j
WHERE f.role = 'sent' AND m.deleted = 0 AND m.{column} LIKE ? ESCAPE '\\'
"""


def name_key(name: str) -> str:
    """How display names are compared: whitespace collapsed, casefolded."""
    return " ".join(name.split()).casefold()


_ALL_SENT_RECIPIENTS = """
SELECT json_extract(j.value, '$[0]'), lower(json_extract(j.value, '$[1]'))
FROM messages AS m JOIN folders AS f ON f.id = m.folder_id, json_each(m.{column}) AS j
WHERE f.role = 'sent' AND m.deleted = 0
"""


def sent_contacts_by_name(store: Store) -> dict[str, set[str]]:
    """{name_key(shown name): addresses} of every To/Cc recipient of mail in a Sent folder:
    `contact_addresses_named` for every name at once, in one scan (for callers that ask about
    many names, such as the risk pass of a sync: one scan instead of two per name, which cost
    about 64 ms a name at 50,000 messages). Any thread that owns `store`; a pure read."""
    found: dict[str, set[str]] = {}
    for column in ("to_json", "cc_json"):
        for shown, email in store.conn.execute(_ALL_SENT_RECIPIENTS.format(column=column)):
            if shown and email and "@" in email:
                key = name_key(str(shown))
                if key:
                    found.setdefault(key, set()).add(str(email))
    return found


def contact_addresses_named(store: Store, names: list[str]) -> dict[str, set[str]]:
    """{name_key(name): addresses} for each of `names` that the rep has written to under that
    name (To/Cc of mail in a Sent folder): the contacts a spoofer's display name can imitate.
    Names only ever seen on incoming mail do not count. Any thread that owns `store`."""
    found: dict[str, set[str]] = {}
    for name in dict.fromkeys(name_key(n) for n in names if n.strip()):
        words = name.split()
        escaped = "%".join(w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                           for w in words)
        for column in ("to_json", "cc_json"):
            for shown, email in store.conn.execute(_SENT_RECIPIENTS.format(column=column),
                                                   (f"%{escaped}%",)):
                if email and "@" in email and name_key(shown or "") == name:
                    found.setdefault(name, set()).add(email)
    return found
