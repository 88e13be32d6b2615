"""Result types of the MIME parser: frozen, hashable, safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Address:
    """One mailbox. `email` has a lower-cased domain and is '' when the item had no address."""

    name: str
    email: str


@dataclass(frozen=True)
class ParsedHeaders:
    """The headers the list, threading and search need, decoded to Unicode."""

    subject: str
    from_: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    bcc: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    date: datetime | None  # timezone-aware UTC, None if missing or unparseable
    message_id: str | None  # without angle brackets
    in_reply_to: str | None
    references: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Attachment:
    """One attachment. `part_id` is an IMAP section number ("2", "1.3"); parts extracted
    from a TNEF winmail.dat have ids like "2#1" (see `attachment_bytes`)."""

    part_id: str
    filename: str
    content_type: str
    size: int
    content_id: str | None
    inline: bool
    is_message: bool
    from_tnef: bool = False


@dataclass(frozen=True)
class BodyPart:
    """One displayable body part, decoded: ``kind`` is "html" or "text". A multipart/alternative
    gives one part (its HTML if any). ``refused_charset`` names the charset of an HTML part
    shown as text because browsers dropped it for HTML (UTF-7…, checklist H7)."""

    part_id: str
    kind: str
    content: str
    refused_charset: str = ""


@dataclass(frozen=True)
class ParsedMessage:
    headers: ParsedHeaders
    text: str | None  # every text part, joined
    html: str | None  # every HTML part, joined: never display it (use ``parts``, H6)
    attachments: tuple[Attachment, ...]
    warnings: tuple[str, ...]
    truncated: bool
    parts: tuple[BodyPart, ...] = ()  # the body parts in message order, each on its own


@dataclass(frozen=True)
class Limits:
    """Caps that keep parsing bounded on hostile input (checklist M6)."""

    max_header_value: int = 64 * 1024  # bytes kept of one header value
    max_header_block: int = 1024 * 1024  # bytes scanned for the header block
    max_header_fields: int = 2000
    max_addresses: int = 2000  # per address header
    max_depth: int = 32  # multipart nesting
    max_parts: int = 1000
    max_decode_bytes: int = 128 * 1024 * 1024  # total decoded body bytes per message
    max_text_chars: int = 4 * 1024 * 1024  # text + HTML characters kept per message
    # False: attachment sizes are estimated from the encoded length instead of decoding
    # them (search indexing needs only names and bodies; the reader decodes on demand).
    decode_attachments: bool = True


DEFAULT_LIMITS = Limits()
