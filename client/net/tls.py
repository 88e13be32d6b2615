"""TLS policy shared by IMAP and SMTP: verification, fingerprints and explicit pinning.

A connection is trusted when the certificate verifies against the system store plus the
account's `ca_file` (the CA file is added to the system store, never replaces it, for IMAP and
SMTP alike), or, when it does not, if its SHA-256 fingerprint equals the pin for that server
(IMAP and SMTP each have their own: `tradewind account trust EMAIL FP --server imap|smtp`).
Nothing else is accepted ("accept always" does not exist). Fingerprints are shown as 'AB:CD:…'
and stored as lowercase hex; any spelling the rep types is normalised. The one place for these
rules: `handshake_context` builds the SSL context of both protocols, the account manager and
both transports use the rest.
Pure helpers; any thread. A verifying context is built once per CA file (and its size and
modification time) and then shared: the system store costs 45-80 ms to load on every
connection otherwise (issue 17). A CA file that changes gets a new context; a CA added to
the system store is seen by the next process.
"""

from __future__ import annotations

import hashlib
import os
import socket
import ssl
import threading
from dataclasses import dataclass

from client.i18n import _


class TLSVerificationFailed(Exception):
    """The server's certificate is not trusted; `fingerprint` lets the rep pin it knowingly."""

    def __init__(self, message: str, fingerprint: str | None) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


@dataclass(frozen=True)
class TLSPolicy:
    host: str
    ca_file: str | None = None
    pinned_sha256: str | None = None


def normalise_fingerprint(value: str) -> str:
    """'AB:CD:…', 'sha256:abcd…' or 'abcd…' → 'abcd…'; ValueError unless 64 hex digits."""
    clean = value.replace(":", "").replace(" ", "").strip().lower()
    if clean.startswith("sha256"):
        clean = clean[len("sha256"):].lstrip("=/")
    if len(clean) != 64 or any(c not in "0123456789abcdef" for c in clean):
        raise ValueError(f"{value!r} is not a SHA-256 fingerprint (64 hex digits, colons allowed).")
    return clean


def same_fingerprint(a: str | None, b: str | None) -> bool:
    """True when both are valid fingerprints of the same certificate (any accepted spelling)."""
    if not a or not b:
        return False
    try:
        return normalise_fingerprint(a) == normalise_fingerprint(b)
    except ValueError:
        return False


def fingerprint_of_der(der: bytes) -> str:
    """SHA-256 of a DER certificate, lowercase hex (the stored form)."""
    return hashlib.sha256(der).hexdigest()


def display_fingerprint(value: str | bytes) -> str:
    """'AB:CD:…', the form shown to the rep and accepted back; `value` is hex or DER bytes."""
    digest = fingerprint_of_der(value) if isinstance(value, bytes) else normalise_fingerprint(value)
    upper = digest.upper()
    return ":".join(upper[i : i + 2] for i in range(0, len(upper), 2))


def handshake_context(policy: TLSPolicy, verify: bool = True) -> ssl.SSLContext:
    """The SSL context of every IMAP and SMTP connection (TLS 1.2 or newer).

    `verify=True`: verifies chain and host name against the system store plus the account's CA
    file (in addition, not instead). `verify=False`: only reads the certificate, so
    `check_pin` can compare it with the pin; never use such a connection unless that passed.
    Raises OSError/ssl.SSLError when the CA file cannot be read."""
    if verify:
        return _verifying_context(policy.ca_file)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


_CONTEXTS: dict[tuple[str | None, int, int], ssl.SSLContext] = {}
_CONTEXTS_LOCK = threading.Lock()
_MAX_CONTEXTS = 16


def _verifying_context(ca_file: str | None) -> ssl.SSLContext:
    """The shared verifying context for ``ca_file`` (built on first use; never changed after,
    so any thread may wrap sockets with it). Raises OSError/ssl.SSLError for an unreadable
    CA file."""
    key: tuple[str | None, int, int]
    if ca_file:
        stat = os.stat(ca_file)
        key = (ca_file, stat.st_mtime_ns, stat.st_size)
    else:
        key = (None, 0, 0)
    with _CONTEXTS_LOCK:
        found = _CONTEXTS.get(key)
        if found is not None:
            return found
        context = ssl.create_default_context()  # the system store
        if ca_file:
            context.load_verify_locations(cafile=ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if len(_CONTEXTS) >= _MAX_CONTEXTS:
            _CONTEXTS.clear()
        _CONTEXTS[key] = context
        return context


def check_pin(policy: TLSPolicy, sock: ssl.SSLSocket) -> None:
    """After an unverified handshake: the certificate must be exactly the pinned one."""
    der = sock.getpeercert(binary_form=True)
    presented = display_fingerprint(der) if der else None
    if not same_fingerprint(presented, policy.pinned_sha256):
        raise TLSVerificationFailed(
            _("The certificate of {host} is not trusted and is not the one you pinned "
              "(SHA-256 {fingerprint}).", host=policy.host, fingerprint=presented),
            presented,
        )


def peek_fingerprint(
    host: str, port: int, timeout: float, sock: socket.socket | None = None
) -> str | None:
    """Handshake without trusting, only to read the certificate's fingerprint for the rep."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = sock or socket.create_connection((host, port), timeout=timeout)
    try:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
            return display_fingerprint(der) if der else None
    except (OSError, ssl.SSLError):
        return None
