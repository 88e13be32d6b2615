"""On-demand download of attachments left out of 'partial' messages (over the size cap).

``download_attachment`` opens its own ``Store`` and IMAP connection, so call it from a
background thread (never the GUI thread). Idempotent: a part already downloaded is served
from the cache without touching the server.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from client.imap import ImapSession
from client.mime import attachment_bytes
from client.mime.transfer import decode_transfer
from client.store import Account, Store
from client.sync.engine import endpoint_for
from client.sync.partial import fetch_attachment


@dataclass(frozen=True)
class ServerPart:
    """An attachment of a 'partial' message (over the cache cap), and whether it is cached."""

    part_id: str
    filename: str
    content_type: str
    size: int
    downloaded: bool


def server_parts(store: Store, message_row: int) -> list[ServerPart]:
    """The attachments the sync left on the server for this message, in message order."""
    rows = store.conn.execute(
        "SELECT part_id, filename, content_type, size, downloaded FROM parts "
        "WHERE message_id = ? ORDER BY rowid", (message_row,),
    ).fetchall()
    return [
        ServerPart(str(p), f or "", c or "application/octet-stream", int(n or 0), bool(d))
        for p, f, c, n, d in rows
    ]


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


class NotDownloaded(Exception):
    """The attachment is still on the server and no password was given to fetch it."""


def attachment_data(
    store_path: str | os.PathLike[str], message_row: int, part_id: str,
    password_source: Callable[[Account], str | None] | None = None,
) -> bytes:
    """The decoded bytes of one attachment, wherever they are: in the cached raw message, in
    the parts cache, or (a 'partial' message over the size cap) fetched from the server now
    when `password_source` gives the account's password. Background thread only.

    Raises ``KeyError`` (unknown message or part), ``NotDownloaded`` (not cached, no password),
    ``ImapError`` (server trouble; nothing changed), ``StoreWriteError`` (disk full).
    """
    with Store.open(store_path) as store:
        row = store.get_message(message_row)
        if row is None:
            raise KeyError(f"There is no message {message_row} in the cache.")
        listed = store.conn.execute(
            "SELECT encoding FROM parts WHERE message_id = ? AND part_id = ?",
            (message_row, part_id),
        ).fetchone()
        if row.body_state != "partial" or listed is None:
            return attachment_bytes(store.get_raw(message_row), part_id)
        encoding = str(listed[0] or "7bit")
        cached = cached_attachment(store, message_row, part_id)
        account = store.account(row.account_id)
    if cached is None:
        password = password_source(account) if (password_source and account) else None
        if account is None or password is None:
            raise NotDownloaded(
                f"Attachment {part_id} of message {message_row} is not downloaded yet; it is "
                "fetched from the server when you are online."
            )
        cached = download_attachment(store_path, account, password, message_row, part_id)
    data, _warning = decode_transfer(cached, encoding)
    return data
