"""On-demand download of attachments left out of 'partial' messages (over the size cap).

``download_attachment`` opens its own ``Store`` and IMAP connection, so call it from a
background thread (never the GUI thread). Idempotent: a part already downloaded is served
from the cache without touching the server.
"""

from __future__ import annotations

import os

from client.imap import ImapSession
from client.store import Account, Store
from client.sync.engine import endpoint_for
from client.sync.partial import fetch_attachment


def cached_attachment(store: Store, message_row: int, part_id: str) -> bytes | None:
    """The part's bytes if already downloaded, else None."""
    row = store.conn.execute(
        "SELECT data FROM parts WHERE message_id = ? AND part_id = ? AND downloaded = 1",
        (message_row, part_id),
    ).fetchone()
    return None if row is None or row[0] is None else bytes(row[0])


def download_attachment(
    store_path: str | os.PathLike[str], account: Account, password: str, message_row: int,
    part_id: str,
) -> bytes:
    """Fetch one attachment part (as on the wire, still transfer-encoded) and keep it.

    Raises ``KeyError`` (no such message/part, or the message is not on the server yet),
    ``ImapError`` (server trouble; nothing changed) and ``StoreWriteError`` (disk full).
    """
    with Store.open(store_path) as store:
        cached = cached_attachment(store, message_row, part_id)
        if cached is not None:
            return cached
        row = store.conn.execute(
            "SELECT f.name FROM messages m JOIN folders f ON f.id = m.folder_id "
            "WHERE m.id = ? AND m.account_id = ?",
            (message_row, account.id),
        ).fetchone()
        if row is None:
            raise KeyError(f"Message {message_row} is not in this account's cache.")
        with ImapSession.connect(endpoint_for(account), account.username, password) as session:
            session.select(str(row[0]))
            return fetch_attachment(store, session, message_row, part_id)
