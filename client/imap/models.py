"""Plain value types shared by the IMAP adapter and its callers (frozen, thread-safe)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Security = Literal["ssl", "starttls", "insecure-plain"]
SECURITIES: tuple[Security, ...] = ("ssl", "starttls", "insecure-plain")


@dataclass(frozen=True)
class Endpoint:
    """Where and how to reach an IMAP server.

    ``security``: ``"ssl"`` (implicit TLS, the default), ``"starttls"`` (TLS required after
    STARTTLS, never a plaintext fallback) or ``"insecure-plain"`` (explicit user choice only).
    ``ca_file``: extra trust anchors (PEM) in addition to the system store (as for SMTP). ``pinned_sha256``: the
    fingerprint of a certificate the user approved; accepted in either ``AB:CD:...`` or plain hex.
    ``timeout``: seconds for connect and each read.
    ``auth``: ``"password"`` (LOGIN / AUTHENTICATE PLAIN) or ``"oauth2"`` (the password argument of
    the login is an OAuth2 access token, sent with AUTHENTICATE OAUTHBEARER or XOAUTH2, whichever
    the server advertises).
    """

    host: str
    port: int
    security: Security = "ssl"
    ca_file: str | None = None
    pinned_sha256: str | None = None
    timeout: float = 30.0
    auth: str = "password"


@dataclass(frozen=True)
class FolderInfo:
    """One mailbox from LIST. ``name`` is decoded Unicode (invalid modified UTF-7 is shown with
    the undecodable run kept verbatim, see ``utf7.decode_mailbox_name``) without the server's
    personal namespace prefix (``INBOX.Sent`` → ``Sent``, see ``namespace.shown_names``);
    ``raw_name`` is exactly what the server sent and what commands must use. ``mailbox_id``
    is the RFC 8474 MAILBOXID when the server has OBJECTID (stable across renames), else None.
    """

    name: str
    raw_name: str
    delimiter: str | None
    attrs: frozenset[str]
    role: str | None
    mailbox_id: str | None = None


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    uidnext: int
    messages: int
    unseen: int
    highestmodseq: int | None


@dataclass(frozen=True)
class MessageMeta:
    """FETCH metadata of one message. ``internaldate`` is None when the server sent none or
    one that cannot be read; ``warnings`` then says so in words (stored on the row)."""

    uid: int
    flags: frozenset[str]
    size: int
    internaldate: datetime | None
    modseq: int | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BodyPart:
    """One leaf of a BODYSTRUCTURE. ``section`` is the IMAP part number (``"1.2"``); ``size`` is
    the encoded size in octets; ``filename`` is the decoded disposition/name parameter or None."""

    section: str
    content_type: str
    size: int
    encoding: str
    charset: str | None = None
    filename: str | None = None
    content_id: str | None = None
    disposition: str | None = None


@dataclass(frozen=True)
class PartialMessage:
    """Result of ``ImapSession.fetch_header_and_text``.

    ``header``: the top-level header bytes (``BODY[HEADER]``). ``texts``: ``(part, raw bytes)``
    for each text/plain or text/html leaf not larger than ``max_part``, raw as on the wire (still
    transfer-encoded; decode with ``part.encoding``/``part.charset``). ``others``: every leaf
    not fetched (attachments and oversize text), with sizes, to fetch later with
    ``fetch_section``.
    """

    meta: MessageMeta
    header: bytes
    texts: tuple[tuple[BodyPart, bytes], ...]
    others: tuple[BodyPart, ...] = field(default_factory=tuple)
