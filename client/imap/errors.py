"""Errors raised by the IMAP adapter.

Every message is a sentence a sales rep can read. No message, ``repr`` or chained exception ever
contains the account password: the adapter raises these ``from None`` where the underlying
library error could carry command text. Messages are in the process's language
(``client.i18n``); callers tell the kinds apart by class or by the stable ``code`` attribute
("offline", "untrusted-certificate", "auth-failed", "protocol"), never by the words.
"""

from __future__ import annotations


class ImapError(Exception):
    """Base class of every error the IMAP adapter raises."""

    code = "error"


class ServerUnavailable(ImapError):
    """The server could not be reached, timed out, or dropped the connection."""

    code = "offline"


class TLSVerificationError(ImapError):
    """The server's certificate is not trusted (and not pinned).

    ``fingerprint`` is the SHA-256 of the server's DER certificate as colon-separated upper-case
    hex pairs (``"AB:CD:..."``), the form browsers and Thunderbird show; it is ``None`` when the
    certificate could not be obtained at all. ``reason`` is the verifier's explanation in words
    (``client.net.cert_reasons``).
    """

    code = "untrusted-certificate"

    def __init__(self, message: str, fingerprint: str | None, reason: str) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint
        self.reason = reason


class AuthenticationError(ImapError):
    """The server rejected the user name or password (NO to LOGIN/AUTHENTICATE).

    ``server_reply``: the server's own words (quoted, withheld when they repeat any part of the
    password), kept out of ``str()``; used to recognise a provider's "use an authorization
    code" refusal (``client.accounts.login_advice``)."""

    server_reply: str = ""

    code = "auth-failed"


class PasswordNotSaved(AuthenticationError):
    """No password for the account is in the keyring (nothing was sent to the server); the
    rep is asked for it. Watchers back off as for a refused password."""

    code = "no-password"


class ProtocolError(ImapError):
    """The server broke the protocol or the security policy (STARTTLS refused, PREAUTH on a TLS
    account, injected bytes, malformed or oversized responses, a command answered NO/BAD)."""

    code = "protocol"


class OversizedResponse(ProtocolError):
    """The server announced more literal bytes for one message than the cap; nothing was
    allocated for them and the connection is closed (the stream is out of step). ``uid`` is the
    message's UID when the refused response named it."""

    def __init__(self, message: str, uid: int | None) -> None:
        super().__init__(message)
        self.uid = uid
