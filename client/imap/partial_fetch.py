"""The header and text parts of an oversize message, fetched without its attachments.

``fetch_header_and_text(session, uid, max_part)`` is ``ImapSession.fetch_header_and_text``:
two round trips (structure and header, then every readable text part up to ``max_part``
octets in one command). The selected folder's session; its thread; raises ``ProtocolError``
and ``ResponseParseError`` (the UID recorded in ``session.unreadable``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from client.i18n import _
from client.imap.bodystructure import is_readable_text, leaf_parts
from client.imap.errors import ProtocolError
from client.imap.fetch_values import meta_of_items
from client.imap.models import PartialMessage
from client.imap.parse import ResponseParseError

if TYPE_CHECKING:
    from client.imap.session import ImapSession


def fetch_header_and_text(session: ImapSession, uid: int, max_part: int) -> PartialMessage:
    """For oversize messages: the header, every text/plain or text/html part up to
    ``max_part`` octets (raw, still transfer-encoded) and the list of all other parts with
    sizes (see ``PartialMessage``). Two round trips: structure+header, then the texts in one
    command."""
    with session.guard():
        first = None
        for items in session._fetch_items(str(int(uid)),
                                       f"{session._meta_items()} BODYSTRUCTURE BODY.PEEK[HEADER]"):
            if items.get("UID") == str(int(uid)) and "BODYSTRUCTURE" in items:
                first = items
        if first is None:
            raise ProtocolError(_("Message {uid} is no longer on the server.", uid=uid))
        try:
            meta = meta_of_items(first)
        except ResponseParseError as exc:
            session.unreadable[int(uid)] = str(exc)
            raise
        header = first.get("BODY[HEADER]")
        if meta is None or not isinstance(header, bytes):
            raise ProtocolError(_("The server sent an incomplete reply for message {uid}.",
                                  uid=uid))
        try:
            parts = leaf_parts(first["BODYSTRUCTURE"])
        except ResponseParseError as exc:
            session.unreadable[int(uid)] = f"BODYSTRUCTURE: {exc}"
            raise
        wanted = [p for p in parts if is_readable_text(p) and p.size <= max_part]
        texts: list[tuple[object, bytes]] = []
        if wanted:
            items_arg = " ".join(f"BODY.PEEK[{p.section}]" for p in wanted)
            got: dict[str, bytes] = {}
            for items in session._fetch_items(str(int(uid)), f"UID {items_arg}"):
                for p in wanted:
                    value = items.get(f"BODY[{p.section}]")
                    if isinstance(value, bytes):
                        got[p.section] = value
            texts = [(p, got.get(p.section, b"")) for p in wanted]
    fetched = {p.section for p in wanted}
    return PartialMessage(
        meta=meta, header=header,
        texts=tuple((p, data) for p, data in texts),  # type: ignore[misc]
        others=tuple(p for p in parts if p.section not in fetched))
