"""What FETCH and STATUS answers may hold: a message's metadata from its FETCH items, and
folder numbers checked against RFC 3501's 32-bit limits. Split from ``session.py``. Pure, any
thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from client.i18n import _
from client.imap.connection import server_text
from client.imap.errors import ProtocolError
from client.imap.models import FolderStatus, MessageMeta
from client.imap.parse import (
    ResponseParseError,
    as_int,
    flags_of,
    modseq_of,
    parse_internaldate,
)

MAX_NZ_NUMBER = 2**32 - 1  # UIDs, UIDVALIDITY, UIDNEXT, EXISTS are 32-bit (RFC 3501 §9)


def meta_of_items(items: Mapping[str, object]) -> MessageMeta | None:
    """MessageMeta from FETCH items, or None for an unsolicited response lacking them.
    ``\\Recent`` is dropped: it belongs to one session, not to the message. An INTERNALDATE
    that cannot be read costs only the date (None, with a warning), not the message. Raises
    ``ResponseParseError`` for an unreadable UID, size, FLAGS or MODSEQ."""
    uid, flags, size, date = (items.get(k) for k in ("UID", "FLAGS", "RFC822.SIZE", "INTERNALDATE"))
    if uid is None or flags is None or size is None:
        return None
    number = as_int(uid)  # type: ignore[arg-type]
    if not 0 < number <= MAX_NZ_NUMBER:
        raise ResponseParseError(f"UID {number} is out of range")
    when: datetime | None = None
    warnings: tuple[str, ...] = ()
    if isinstance(date, bytes):
        try:
            when = parse_internaldate(date.decode("ascii", "replace"))
        except ResponseParseError:
            warnings = ("The server sent an arrival date (INTERNALDATE) that cannot be read; "
                        f"it was ignored: {server_text(date, 60)}",)
    modseq = items.get("MODSEQ")
    return MessageMeta(uid=number, flags=flags_of(flags) - {"\\Recent"}, size=as_int(size),  # type: ignore[arg-type]
                       internaldate=when, modseq=modseq_of(modseq) if modseq is not None else None,  # type: ignore[arg-type]
                       warnings=warnings)


def checked_status(status: FolderStatus, folder: str) -> FolderStatus:
    """``status`` when its numbers are possible (RFC 3501: 32-bit), else ``ProtocolError``."""
    for name, value in (("UIDVALIDITY", status.uidvalidity), ("UIDNEXT", status.uidnext),
                        ("EXISTS", status.messages)):
        low = 0 if name == "EXISTS" else 1
        if not low <= value <= MAX_NZ_NUMBER:
            raise ProtocolError(_("The server announced an impossible {name} ({value}) for "
                                  "{folder}; the folder was not synced.", name=name, value=value,
                                  folder=server_text(folder)))
    return status
