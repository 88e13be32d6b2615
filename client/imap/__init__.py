"""The IMAP adapter: one connection per ``ImapSession`` under Tradewind's TLS policy.

Public API (the sync engine and CLI rely on it): ``Endpoint``, ``Security``, ``ImapSession``,
the value types ``FolderInfo``, ``FolderStatus``, ``MessageMeta``, ``BodyPart``,
``PartialMessage`` and the errors ``ImapError`` > ``ServerUnavailable``,
``TLSVerificationError``, ``AuthenticationError`` (> ``PasswordNotSaved``), ``ProtocolError``
(> ``OversizedResponse``), each with a stable ``code`` (``client.imap.errors``).
"""

from client.imap.errors import (
    AuthenticationError,
    ImapError,
    OversizedResponse,
    PasswordNotSaved,
    ProtocolError,
    ServerUnavailable,
    TLSVerificationError,
)
from client.imap.models import (
    BodyPart,
    Endpoint,
    FolderInfo,
    FolderStatus,
    MessageMeta,
    PartialMessage,
    Security,
)
from client.imap.session import ImapSession

__all__ = [
    "AuthenticationError",
    "BodyPart",
    "Endpoint",
    "FolderInfo",
    "FolderStatus",
    "ImapError",
    "ImapSession",
    "MessageMeta",
    "OversizedResponse",
    "PartialMessage",
    "ProtocolError",
    "Security",
    "ServerUnavailable",
    "PasswordNotSaved",
    "TLSVerificationError",
]
