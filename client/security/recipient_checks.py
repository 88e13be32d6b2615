"""Before a message goes out: recipients a fraudster may have slipped in (issue 19, B1/B3).

``recipient_warnings(store, account_id, recipients, reply_to_row=None)`` returns a
``RecipientWarning(code, address, detail)`` per recipient address that is
- ``lookalike-recipient``: at a domain imitating one the rep corresponds with (``detail`` =
  that domain), or
- ``reply-diverted``: in a reply, at another domain than the one the original came from and
  not a domain the rep corresponds with, i.e. the original's Reply-To took the answer
  elsewhere (``detail`` = the original sender's domain).
Trusted addresses and domains ("this is really our buyer") raise nothing.
``ranked_address_book(store, account_id)`` is the composer's address book with the people the
rep has written to first and the addresses at lookalike domains last. Caller's ``Store`` on
its thread; pure reads; never raises for odd addresses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from client.security import risk_store
from client.security.history import history
from client.security.lookalike import domain_of, lookalike_of
from client.store.address_book import AddressBook, AddressEntry, load_address_book
from client.store.db import Store

LOOKALIKE_RECIPIENT, REPLY_DIVERTED = "lookalike-recipient", "reply-diverted"


@dataclass(frozen=True)
class RecipientWarning:
    code: str
    address: str
    detail: str


def recipient_warnings(store: Store, account_id: int, recipients: Iterable[str],
                       reply_to_row: int | None = None) -> list[RecipientWarning]:
    """See the module docstring; ``recipients`` are bare addresses."""
    past = history(store, account_id)
    known = past.known_domains
    trusted = risk_store.allowed(store)
    original = store.get_message(reply_to_row) if reply_to_row is not None else None
    source = domain_of(original.from_email) if original is not None else ""
    found: list[RecipientWarning] = []
    for address in dict.fromkeys(a.strip().lower() for a in recipients if "@" in a):
        domain = domain_of(address)
        if not domain or risk_store.is_allowed(trusted, address):
            continue
        look = lookalike_of(domain, known)
        if look is not None:
            found.append(RecipientWarning(LOOKALIKE_RECIPIENT, address, look.known))
        elif source and domain != source and domain not in known:
            found.append(RecipientWarning(REPLY_DIVERTED, address, source))
    return found


class _Ranked(AddressBook):
    """An address book whose order is given by ``rank`` first, then use count."""

    def __init__(self, entries: list[AddressEntry], rank: dict[str, int]) -> None:
        super().__init__(entries)
        order = sorted(range(len(self.entries)),
                       key=lambda i: (rank.get(self.entries[i].email, 1), i))
        self.entries = [self.entries[i] for i in order]
        self._keys = [self._keys[i] for i in order]


def ranked_address_book(store: Store, account_id: int | None) -> AddressBook:
    """The address book, people the rep has written to first, lookalike domains last."""
    book = load_address_book(store)
    if account_id is None:
        accounts = store.list_accounts()
        account_id = accounts[0].id if accounts else None
    if account_id is None:
        return book
    past = history(store, account_id)
    known = past.known_domains
    rank: dict[str, int] = {}
    for entry in book.entries:
        if entry.email in past.written_to:
            rank[entry.email] = 0
        elif lookalike_of(domain_of(entry.email), known) is not None:
            rank[entry.email] = 2
    return _Ranked(list(book.entries), rank)
