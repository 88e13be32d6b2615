"""Plain, frozen records the store accepts and returns. Safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

#: An address as stored: (display name, email). ``client.mime.Address`` is compatible.
Addr = tuple[str, str]

FOLDER_ROLES = ("inbox", "sent", "drafts", "trash", "junk", "archive")

#: The attribute that marks a folder kept only in this cache (never on the server), such as
#: the "Recovered (local)" folder; a server's LIST cannot send it (it is no IMAP attribute).
LOCAL_FOLDER_ATTR = "\\X-Tradewind-Local"
#: Where ``remove_folder`` keeps the local-only rows of a folder that vanished from the server.
RECOVERED_FOLDER_NAME = "Recovered (local)"


@dataclass(frozen=True, slots=True)
class Account:
    """One row of ``accounts`` (never holds a secret)."""

    id: int
    email: str
    display_name: str
    imap_host: str
    imap_port: int
    smtp_host: str
    smtp_port: int
    security: str
    username: str
    ca_file: str | None
    pinned_sha256: str | None
    preset: str | None
    status: str
    last_error: str | None
    created: float
    #: the SMTP server's certificate pin; `pinned_sha256` is the IMAP server's (schema 7)
    smtp_pinned_sha256: str | None = None
    #: "password" or "oauth2" (schema 12): what the keyring holds for this account
    auth: str = "password"
    #: the OAuth2 provider's public settings as JSON (schema 12; no secret), or None
    oauth_provider: str | None = None


@dataclass(frozen=True, slots=True)
class FolderRecord:
    """What LIST tells us about a folder; input of ``Store.upsert_folder``."""

    name: str
    delimiter: str | None = "/"
    role: str | None = None
    attrs: tuple[str, ...] = ()
    subscribed: bool = True
    mailbox_id: str | None = None  # RFC 8474 MAILBOXID; None keeps the stored one


@dataclass(frozen=True, slots=True)
class Folder:
    """One row of ``folders`` including its sync state (None = unknown / never completed)."""

    id: int
    account_id: int
    name: str
    delimiter: str | None
    role: str | None
    attrs: tuple[str, ...]
    subscribed: bool
    uidvalidity: int | None
    uidnext: int | None
    highestmodseq: int | None
    exists_count: int | None
    synced_uid: int
    last_sync: float | None
    last_error: str | None
    mailbox_id: str | None = None  # the server's RFC 8474 MAILBOXID, when it has one

    @property
    def is_local(self) -> bool:
        """A folder that exists only in this cache (``LOCAL_FOLDER_ATTR``)."""
        return LOCAL_FOLDER_ATTR in self.attrs


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One message fetched from the server, input of ``Store.insert_messages``.

    ``raw`` is the whole message for ``body_state='full'``, or the header plus text parts for
    ``'partial'``. ``internaldate`` is a UTC epoch or an aware datetime. ``size`` defaults to
    ``len(raw)``. ``headers`` may carry ``client.store.derive.header_columns(raw)`` computed
    ahead (the sync parses on its fetch threads, off the single writer thread).
    ``warnings`` are added to the row's parse warnings (e.g. an unreadable INTERNALDATE).
    ``fetch_error`` makes it a placeholder for a message the server's reply did not let us
    read (checklist P6): stored only where the folder has no row for the UID yet, and replaced
    by the real message once a fetch succeeds.
    """

    uid: int
    raw: bytes
    flags: tuple[str, ...] = ()
    internaldate: float | datetime | None = None
    size: int | None = None
    modseq: int | None = None
    body_state: str = "full"
    headers: Any = None
    warnings: tuple[str, ...] = ()
    fetch_error: str | None = None


@dataclass(frozen=True, slots=True)
class MessageRow:
    """A message as the list, the reader and search see it (no body)."""

    id: int
    account_id: int
    folder_id: int
    uid: int | None
    message_id: str | None
    thread_id: int | None
    subject: str
    from_name: str
    from_email: str
    to: tuple[Addr, ...]
    cc: tuple[Addr, ...]
    reply_to: tuple[Addr, ...]
    date: datetime | None
    internaldate: datetime | None
    sort_date: float
    size: int
    flags: tuple[str, ...]
    seen: bool
    flagged: bool
    answered: bool
    draft: bool
    deleted: bool
    has_attachments: bool
    body_state: str
    preview: str
    in_reply_to: str | None
    references: tuple[str, ...]
    warnings: tuple[str, ...]
    modseq: int | None
    indexed: int
    thread_count: int = 1


@dataclass(frozen=True, slots=True)
class PendingOp:
    """One queued offline operation (see ``client.ops.queue`` for the rules)."""

    id: int
    account_id: int
    kind: str
    message_row: int | None
    folder_id: int | None
    uid: int | None
    target_folder_id: int | None
    payload: dict[str, Any] = field(default_factory=dict)
    created: float = 0.0
    attempts: int = 0
    last_error: str | None = None
    state: str = "pending"

    @property
    def message_id(self) -> str | None:
        """The RFC Message-ID of the message the op acts on (to find it if it moved)."""
        value = self.payload.get("message_id")
        return value if isinstance(value, str) else None
