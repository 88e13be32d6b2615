"""TLS policy shared by IMAP and SMTP: verification, fingerprints and explicit pinning.

A connection is trusted when the certificate verifies against the system store (plus the
account's `ca_file`), or when its SHA-256 fingerprint equals the one the rep pinned with
`tradewind account trust`. Nothing else is accepted ("accept always" does not exist).
Fingerprints are lowercase hex without separators; user input with colons or upper case is
normalised. Pure helpers; any thread.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
from dataclasses import dataclass


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
    """'AB:CD:…' or 'abcd…' → 'abcd…'; raises ValueError unless it is 64 hex digits."""
    clean = value.replace(":", "").replace(" ", "").strip().lower()
    if len(clean) != 64 or any(c not in "0123456789abcdef" for c in clean):
        raise ValueError("A SHA-256 fingerprint has 64 hexadecimal digits.")
    return clean


def fingerprint_of_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def handshake_context(policy: TLSPolicy) -> ssl.SSLContext:
    """The context for the handshake: verifying, or (pinned) checked by `check_pin` afterwards."""
    if policy.pinned_sha256:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        context = ssl.create_default_context()
        if policy.ca_file:
            context.load_verify_locations(cafile=policy.ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def check_pin(policy: TLSPolicy, sock: ssl.SSLSocket) -> None:
    """After the handshake: when a pin is set, the presented certificate must match it exactly."""
    if not policy.pinned_sha256:
        return
    der = sock.getpeercert(binary_form=True)
    presented = fingerprint_of_der(der) if der else None
    if presented != normalise_fingerprint(policy.pinned_sha256):
        raise TLSVerificationFailed(
            f"The certificate of {policy.host} changed: it is not the one you trusted "
            f"(SHA-256 now {presented}).",
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
            return fingerprint_of_der(der) if der else None
    except (OSError, ssl.SSLError):
        return None
