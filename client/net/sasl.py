"""SASL initial responses for OAuth2 bearer tokens: XOAUTH2 (Google/Microsoft) and
OAUTHBEARER (RFC 7628). Pure; the results hold the token, so never log them.

`choose(offered)` picks the mechanism from what the server advertised (OAUTHBEARER, the
standard, first; XOAUTH2 otherwise); None when neither is offered.
"""

from __future__ import annotations

from collections.abc import Iterable

MECHANISMS = ("OAUTHBEARER", "XOAUTH2")


class SaslError(ValueError):
    """A user name or token cannot be put into a SASL message (control characters)."""


def _check(user: str, token: str) -> None:
    if not token or any(ord(c) < 0x21 or ord(c) == 0x7F for c in token):
        raise SaslError("The sign-in token has characters a mail server cannot take; sign in again.")
    if any(c in user for c in "\x01\r\n\0"):
        raise SaslError("The user name has control characters; check the account settings.")


def xoauth2(user: str, token: str) -> bytes:
    """`user=USER^Aauth=Bearer TOKEN^A^A` (not base64-encoded; imaplib/SMTP code encodes)."""
    _check(user, token)
    return f"user={user}\x01auth=Bearer {token}\x01\x01".encode()


def _saslname(user: str) -> str:
    return user.replace("=", "=3D").replace(",", "=2C")


def oauthbearer(user: str, token: str, host: str, port: int) -> bytes:
    """RFC 7628 §3.1 client response: GS2 header `n,a=USER,` then host, port and auth."""
    _check(user, token)
    if any(c in host for c in "\x01\r\n\0"):
        raise SaslError("The server name has control characters.")
    return (f"n,a={_saslname(user)},\x01host={host}\x01port={port}\x01"
            f"auth=Bearer {token}\x01\x01").encode()


def initial_response(mechanism: str, user: str, token: str, host: str, port: int) -> bytes:
    """The response for `mechanism` (one of MECHANISMS)."""
    if mechanism.upper() == "XOAUTH2":
        return xoauth2(user, token)
    if mechanism.upper() == "OAUTHBEARER":
        return oauthbearer(user, token, host, port)
    raise SaslError(f"{mechanism} is not an OAuth2 mechanism.")


def choose(offered: Iterable[str]) -> str | None:
    """The mechanism to use among `offered` (names, any case), or None."""
    names = {m.strip().upper() for m in offered}
    return next((m for m in MECHANISMS if m in names), None)
