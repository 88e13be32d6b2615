"""UTC offsets of a contact's past Date headers, read from the cache, for guessing their zone.

The store keeps only `messages.date_utc` (the offset is lost), so `date_offsets(store, address)`
reads the header of that sender's newest cached bodies: at most `MAX_MESSAGES` messages and
`HEADER_BYTES` of each. Only the first Date header counts (checklist M7); a missing or
unparseable Date, the "-0000" of RFC 5322 (zone unknown) and offsets beyond ±14 h are skipped.
Read-only, on the store's own thread; never raises for bad mail.
"""

from __future__ import annotations

import re
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import mktime_tz, parsedate_tz
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from client.store.db import Store

_UNKNOWN_ZONE = re.compile(r"-0000(?:\s*\(.*\))?\s*$")
MAX_MESSAGES = 30
HEADER_BYTES = 32 * 1024
MAX_OFFSET = 14 * 3600


def _header_block(raw: bytes) -> bytes:
    raw = raw[:HEADER_BYTES]
    for separator in (b"\r\n\r\n", b"\n\n"):
        end = raw.find(separator)
        if end >= 0:
            return raw[: end + len(separator)]
    return raw


def offset_of(raw: bytes) -> tuple[float, int] | None:
    """(UTC epoch, offset seconds) of the first Date header in `raw` (its first `HEADER_BYTES`
    only), or None."""
    try:
        headers = BytesHeaderParser(policy=compat32).parsebytes(_header_block(raw))
        values = headers.get_all("Date") or []
        text = str(values[0]) if values else ""
        parsed = parsedate_tz(text) if text else None
        if parsed is None or parsed[9] is None or abs(parsed[9]) > MAX_OFFSET:
            return None
        if parsed[9] == 0 and _UNKNOWN_ZONE.search(text):
            return None
        return float(mktime_tz(parsed)), int(parsed[9])
    except (ValueError, TypeError, OverflowError, IndexError):
        return None


def date_offsets(store: Store, address: str, limit: int = MAX_MESSAGES) -> list[tuple[float, int]]:
    """Offsets of the newest `limit` cached messages from `address` (case-insensitive)."""
    rows = store.conn.execute(
        "SELECT substr(b.raw, 1, ?) FROM messages m JOIN bodies b ON b.message_id = m.id "
        "WHERE m.from_email = ? COLLATE NOCASE ORDER BY m.sort_date DESC LIMIT ?",
        (HEADER_BYTES, address, max(1, min(limit, MAX_MESSAGES))),
    ).fetchall()
    found: list[tuple[float, int]] = []
    for (raw,) in rows:
        if isinstance(raw, bytes | bytearray | memoryview):
            offset = offset_of(bytes(raw))
            if offset is not None:
                found.append(offset)
    return found
