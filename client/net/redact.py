"""Keeping secrets out of error text: `without_secret` and `describe_error`.

Used for every text built from what a server said or an exception carried, before it goes into
an error, the outbox's `last_error`, a report or a log. Pure; any thread; never raises.
"""

from __future__ import annotations

import base64

WITHHELD = "not shown because it repeats part of the password"


def _b64(data: str) -> str:
    return base64.b64encode(data.encode("utf-8", "surrogatepass")).decode("ascii")


def without_secret(text: str, secret: str, username: str = "") -> str:
    """`text`, or a note instead when it repeats any part of `secret`: 4 or more characters of
    it (any case), one of its non-ASCII characters, or 8 characters of a base64 form of it
    (AUTH PLAIN with `username`, or alone)."""
    if not secret:
        return text
    folded = text.casefold()
    window = min(4, len(secret))
    parts = {secret[i:i + window].casefold() for i in range(len(secret) - window + 1)}
    parts |= {ch.casefold() for ch in secret if not ch.isascii()}
    leaked = any(part in folded for part in parts)
    for blob in (_b64(secret), _b64(f"\0{username}\0{secret}")):
        leaked = leaked or any(blob[i:i + 8] in text for i in range(max(1, len(blob) - 7)))
    return f"({WITHHELD})" if leaked else text


def describe_error(exc: BaseException, secret: str = "") -> str:
    """"ClassName: message" for an unexpected exception, without any part of `secret`."""
    try:
        detail = str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the real problem
        detail = ""
    detail = " ".join(without_secret(detail, secret).split())[:300]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
