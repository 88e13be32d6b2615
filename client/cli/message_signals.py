"""The security signals of a cached message (``client.security.signals``), read from the cache.

``signals_of_row(store, row, language=None)`` uses the caller's ``Store`` on its thread: the
stored raw message (one parse), the rep's contacts with the sender's name (an imitated contact),
the remote-content allow list, and for a message whose attachments stayed on the server the
names the sync recorded. An archive attachment of at most ``MAX_ARCHIVE_BYTES`` that is in the
cache is looked inside; nothing is downloaded. Returns None when the body is not stored yet.
"""

from __future__ import annotations

from client.i18n import get_language
from client.mime import attachment_bytes, parse_message
from client.security.attachments import MAX_ARCHIVE_BYTES
from client.security.remote_content import allowed_senders
from client.security.signals import SecuritySignals, message_signals
from client.store.address_book import contact_addresses_named
from client.store.db import Store
from client.store.records import MessageRow


def signals_of_row(store: Store, row: MessageRow, language: str | None = None,
                   for_message: bool = False) -> SecuritySignals | None:
    """See the module docstring."""
    try:
        raw = store.get_raw(row.id)
    except KeyError:
        return None
    parsed = parse_message(raw)
    contacts = contact_addresses_named(store, [a.name for a in parsed.headers.from_])
    names = None
    if row.body_state == "partial":
        from client.sync.attachments import server_parts

        names = [(p.part_id, p.filename) for p in server_parts(store, row.id)]
    sizes = {a.part_id: a.size for a in parsed.attachments}

    def data(part_id: str) -> bytes | None:
        if row.body_state != "full" or sizes.get(part_id, MAX_ARCHIVE_BYTES + 1) > MAX_ARCHIVE_BYTES:
            return None
        try:
            return attachment_bytes(raw, part_id)
        except KeyError:
            return None

    return message_signals(parsed, raw, contacts=contacts, allowed=allowed_senders(store),
                           for_message=for_message, language=language or get_language(),
                           attachment_names=names, attachment_data=data)
