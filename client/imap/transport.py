"""Opening an IMAP connection under Tradewind's TLS policy (checklist T1–T7, T12, P1, P2).

``open_client(endpoint)`` returns a connected, not yet authenticated imaplib client:
- ``ssl``: implicit TLS; ``starttls``: plaintext greeting, then STARTTLS is *required* (not
  offered, NO, BAD or a continuation → ``ProtocolError``; never a plaintext fallback). Bytes the
  server sends after ``OK Begin TLS`` and before the handshake are an injection and are
  rejected (T4); everything learned before TLS (capabilities, untagged data) is thrown away
  and CAPABILITY asked again (T5, T6). ``insecure-plain``: only when the user chose it.
- A PREAUTH greeting on a TLS or STARTTLS account is a ``ProtocolError`` (T3).
- Certificates are verified by ``client.net.tls.handshake_context`` (the system store plus
  ``endpoint.ca_file``, the same context SMTP uses). An untrusted certificate raises ``TLSVerificationError`` with its SHA-256 fingerprint, unless it
  equals ``endpoint.pinned_sha256`` (then, and only then, the connection is used: the pin
  replaces chain and host-name checks). A pin does not block a certificate the CA store trusts.
- Socket timeouts apply to connect and every read. The literals of one response (one
  message's FETCH reply) may add up to ``MAX_LITERAL`` bytes; a literal that would pass the
  cap is refused before any allocation (P1), the response line that announced it kept in
  ``refused_line``. A literal is read in 1 MiB chunks into one growing buffer that becomes the
  returned bytes without a copy (peak memory about the literal's size, not twice it), so a
  literal announced but never sent costs only what arrived. ``imaplib._MAXLINE`` is raised
  module-wide to ``MAX_LINE`` (P2). imaplib's debug log is disabled so no command text (the
  LOGIN password) is kept in memory.
Call from the thread that will own the connection.
"""

from __future__ import annotations

import imaplib
import io
import socket
import ssl
from typing import Any

import imap_tools  # noqa: F401  (sets imaplib defaults we then override below)

from client.i18n import _
from client.imap.errors import ImapError, ProtocolError, ServerUnavailable, TLSVerificationError
from client.imap.models import Endpoint
from client.net.cert_reasons import reason_in_words
from client.net.tls import TLSPolicy, display_fingerprint, handshake_context, same_fingerprint

MAX_LINE = 32 * 1024 * 1024
MAX_LITERAL = 512 * 1024 * 1024
_READ_CHUNK = 1024 * 1024

imaplib._MAXLINE = MAX_LINE  # type: ignore[attr-defined]
imaplib.Commands.setdefault("IDLE", ("AUTH", "SELECTED"))
imaplib.Commands.setdefault("ENABLE", ("AUTH",))
imaplib.Commands.setdefault("ID", ("NONAUTH", "AUTH", "SELECTED"))


class LiteralTooLarge(imaplib.IMAP4.abort):
    """The server announced a literal above the cap; the connection cannot continue."""


def _read_capped(client: Any, size: int) -> bytes:
    limit = getattr(client, "max_literal", MAX_LITERAL)
    used = getattr(client, "response_literal_bytes", 0)
    if not used:  # the first line of the response names the message (``* 3 FETCH (UID 9 ``)
        match = getattr(client, "mo", None)  # imaplib's match of the line announcing it
        line = getattr(match, "string", b"")
        client.response_head = line[:4096] if isinstance(line, bytes) else b""
    if size < 0 or size > limit - used:
        client.literal_refused = True  # imaplib re-wraps the abort; the session checks this
        client.refused_line = client.response_head
        raise LiteralTooLarge(f"server announced a {size}-byte literal after {used} bytes of "
                              f"the same response (limit {limit})")
    client.response_literal_bytes = used + size
    # BytesIO grows one buffer in place and getvalue() hands that buffer over without a copy.
    buffer = io.BytesIO()
    remaining = size
    while remaining:
        data = client.file.read(min(remaining, _READ_CHUNK))
        if not data:
            raise imaplib.IMAP4.abort("socket error: EOF inside a literal")
        buffer.write(data)
        remaining -= len(data)
        del data
    return buffer.getvalue()


class _CappedReads:
    """Mixin: literal cap per response (see the module docstring), no command log."""

    max_literal = MAX_LITERAL
    literal_refused = False
    refused_line = b""
    response_head = b""
    response_literal_bytes = 0

    def read(self, size: int) -> bytes:
        return _read_capped(self, size)

    def _get_response(self) -> Any:
        self.response_literal_bytes = 0  # one call reads one response with all its literals
        return super()._get_response()  # type: ignore[misc]

    def _log(self, line: str) -> None:  # never keep sent commands (passwords) around
        return None


class PlainClient(_CappedReads, imaplib.IMAP4):
    """imaplib client with capped literals and no command log."""


class SslClient(_CappedReads, imaplib.IMAP4_SSL):
    """imaplib implicit-TLS client with capped literals and no command log."""


def make_context(endpoint: Endpoint, verify: bool) -> ssl.SSLContext:
    """The shared IMAP/SMTP context (``verify=False`` only to compare the certificate with the
    pin)."""
    return handshake_context(TLSPolicy(endpoint.host, endpoint.ca_file, endpoint.pinned_sha256),
                             verify)


def has_buffered_input(client: Any) -> bool:
    """True when bytes are already waiting (in imaplib's buffer or the socket). Never blocks."""
    sock = client.sock
    old = sock.gettimeout()
    sock.settimeout(0)
    try:
        return bool(client.file.peek(1))
    except (BlockingIOError, ssl.SSLWantReadError, ssl.SSLWantWriteError):
        return False
    finally:
        sock.settimeout(old)


def _starttls(client: Any, endpoint: Endpoint, ctx: ssl.SSLContext) -> None:
    where = f"{endpoint.host}:{endpoint.port}"
    if "STARTTLS" not in client.capabilities:
        raise ProtocolError(_(
            "The server {where} does not offer STARTTLS, so a secure connection is impossible. "
            "Nothing was sent; check the port or choose SSL/TLS.", where=where))
    tag = client._command("STARTTLS")
    while client.tagged_commands.get(tag) is None:
        if client._get_response() is None:  # a '+' continuation is not an answer to STARTTLS
            raise ProtocolError(_("The server {where} answered STARTTLS with a continuation; "
                                  "the connection was closed without logging in.", where=where))
    typ = str(client.tagged_commands.pop(tag)[0])
    if typ != "OK":
        raise ProtocolError(_("The server {where} refused STARTTLS ({answer}); the connection "
                              "was closed without logging in.", where=where, answer=typ))
    if has_buffered_input(client):
        raise ProtocolError(_("The server {where} sent unexpected data right after agreeing to "
                              "STARTTLS (a possible injection attack); the connection was "
                              "closed.", where=where))
    client.sock = ctx.wrap_socket(client.sock, server_hostname=endpoint.host)
    client.file = client.sock.makefile("rb")
    client._tls_established = True
    client.untagged_responses = {}
    client.capabilities = ()
    client._get_capabilities()


def _connect_once(endpoint: Endpoint, verify: bool) -> imaplib.IMAP4:
    """One connection attempt; raises ssl/OS/imaplib errors untranslated."""
    if endpoint.security == "ssl":
        return SslClient(endpoint.host, endpoint.port, ssl_context=make_context(endpoint, verify),
                         timeout=endpoint.timeout)
    client = PlainClient(endpoint.host, endpoint.port, timeout=endpoint.timeout)
    if endpoint.security == "insecure-plain":
        return client
    try:
        if client.state != "NONAUTH":
            raise _preauth(endpoint)
        _starttls(client, endpoint, make_context(endpoint, verify))
    except BaseException:
        _close_quietly(client)
        raise
    return client


def _preauth(endpoint: Endpoint) -> ProtocolError:
    where = f"{endpoint.host}:{endpoint.port}"
    return ProtocolError(_(
        "The server {where} skipped login (PREAUTH) before a secure connection was set up; "
        "Tradewind refused to continue.", where=where))


def open_client(endpoint: Endpoint) -> imaplib.IMAP4:
    """Connect under the policy in the module docstring. Raises ``ServerUnavailable``,
    ``TLSVerificationError`` or ``ProtocolError``; never returns an unverified, unpinned TLS
    connection."""
    try:
        try:
            client = _connect_once(endpoint, verify=True)
        except ssl.SSLCertVerificationError as exc:
            client = _connect_pinned(endpoint, exc)
        if endpoint.security != "insecure-plain" and client.state != "NONAUTH":
            _close_quietly(client)
            raise _preauth(endpoint)
        return client
    except ImapError:
        raise
    except BaseException as exc:  # noqa: BLE001 - every connect failure becomes an ImapError in words
        raise translate_connect_error(endpoint, exc) from None


def _connect_pinned(endpoint: Endpoint, failure: ssl.SSLCertVerificationError) -> imaplib.IMAP4:
    reason = reason_in_words(failure)
    client = _connect_once(endpoint, verify=False)
    der = client.sock.getpeercert(binary_form=True) if isinstance(client.sock, ssl.SSLSocket) else None
    fingerprint = display_fingerprint(der) if der else None
    pinned = endpoint.pinned_sha256
    if same_fingerprint(fingerprint, pinned):
        return client
    _close_quietly(client)
    where = f"{endpoint.host}:{endpoint.port}"
    if pinned:
        message = _("The certificate of {where} does not match the pinned fingerprint "
                    "({reason}). Its SHA-256 fingerprint is {fingerprint}; accept it only if "
                    "your IT department confirms this exact value.", where=where, reason=reason,
                    fingerprint=fingerprint)
    else:
        message = _("The certificate of {where} is not trusted ({reason}). Its SHA-256 "
                    "fingerprint is {fingerprint}; accept it only if your IT department "
                    "confirms this exact value.", where=where, reason=reason,
                    fingerprint=fingerprint)
    raise TLSVerificationError(message, fingerprint, reason)


def translate_connect_error(endpoint: Endpoint, exc: BaseException) -> ImapError:
    where = f"{endpoint.host}:{endpoint.port}"
    if isinstance(exc, LiteralTooLarge):
        return ProtocolError(_("The server {where} sent an oversized response ({detail}).",
                               where=where, detail=exc))
    if isinstance(exc, ssl.SSLError):
        return ProtocolError(_("The secure (TLS) handshake with {where} failed: {detail}. "
                               "Check the port and the security setting.", where=where,
                               detail=exc.reason or exc))
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return ServerUnavailable(_("The server {where} did not answer in time.", where=where))
    if isinstance(exc, OSError):
        return ServerUnavailable(_("Could not connect to {where}: {detail}.", where=where,
                                   detail=exc.strerror or exc))
    if isinstance(exc, imaplib.IMAP4.abort) and "socket error" in str(exc):
        return ServerUnavailable(_("The server {where} closed the connection.", where=where))
    if isinstance(exc, imaplib.IMAP4.error):
        return ProtocolError(_("The server {where} sent an invalid response: {detail}",
                               where=where, detail=str(exc)[:200]))
    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
        raise exc
    return ProtocolError(_("Connecting to {where} failed: {detail}.", where=where,
                           detail=type(exc).__name__))


def _close_quietly(client: imaplib.IMAP4) -> None:
    try:
        client.shutdown()
    except (OSError, imaplib.IMAP4.error):
        pass
