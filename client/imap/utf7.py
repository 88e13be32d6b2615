"""Mailbox names in IMAP modified UTF-7 (RFC 3501 §5.1.3).

``decode_mailbox_name`` never raises: a run that is not valid modified UTF-7 is kept verbatim
(so ``&ZeVnLIqe`` without its closing ``-`` shows as typed) and control or bidi-override
characters are shown as ``\\uXXXX`` escapes, so a hostile name cannot hide text or break a line.
``encode_mailbox_name`` is the inverse for valid names. Commands always use the raw name from
LIST, so names round-trip exactly whatever their decoding. Pure functions, any thread.
"""

from __future__ import annotations

import binascii
import unicodedata

from imap_tools.imap_utf7 import utf7_encode

_B64_ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def encode_mailbox_name(name: str) -> str:
    """Unicode name → modified UTF-7 as sent on the wire."""
    return utf7_encode(name).decode("ascii")


def _decode_run(run: bytes) -> str | None:
    """Decode the base64 between ``&`` and ``-``; None when it is not valid modified UTF-7."""
    if not run or any(c not in _B64_ALPHABET for c in run):
        return None
    if len(run) % 4 == 1:
        return None
    padded = run.replace(b",", b"/") + b"=" * (-len(run) % 4)
    try:
        data = binascii.a2b_base64(padded)
    except binascii.Error:
        return None
    if len(data) % 2:
        return None
    try:
        text = data.decode("utf-16-be")
    except UnicodeDecodeError:
        return None
    # RFC 3501: printable US-ASCII must not be base64-encoded; accept it anyway (lenient) but
    # refuse text that re-encodes differently only when it is empty.
    return text or None


def _escape_controls(text: str) -> str:
    out = []
    for ch in text:
        if ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def decode_mailbox_name(raw: str) -> str:
    """Modified UTF-7 (or 8-bit UTF-8 from a lax server) → display name. Never raises."""
    data = raw.encode("utf-8", "surrogateescape")
    out: list[str] = []
    i = 0
    n = len(data)
    while i < n:
        c = data[i]
        if c != 0x26:  # '&'
            j = data.find(b"&", i)
            j = n if j < 0 else j
            out.append(data[i:j].decode("utf-8", "backslashreplace"))
            i = j
            continue
        end = data.find(b"-", i + 1)
        if end < 0:
            out.append(data[i:].decode("utf-8", "backslashreplace"))
            break
        run = data[i + 1 : end]
        if not run:
            out.append("&")
        else:
            decoded = _decode_run(run)
            out.append(decoded if decoded is not None else data[i : end + 1].decode("latin-1"))
        i = end + 1
    return _escape_controls("".join(out))


def is_valid_mailbox_name(raw: str) -> bool:
    """True when ``raw`` is strict modified UTF-7 (ASCII only, every shift run decodable)."""
    try:
        raw.encode("ascii")
    except UnicodeEncodeError:
        return False
    i = 0
    while True:
        i = raw.find("&", i)
        if i < 0:
            return True
        end = raw.find("-", i + 1)
        if end < 0:
            return False
        run = raw[i + 1 : end].encode("ascii")
        if run and _decode_run(run) is None:
            return False
        i = end + 1
