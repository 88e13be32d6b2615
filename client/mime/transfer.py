"""Content-Transfer-Encoding decoding (base64, quoted-printable, uuencode); never raises."""

from __future__ import annotations

import binascii
import re

_B64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")
_PADDING = re.compile(rb"=+")
_NOT_B64 = re.compile(rb"[^A-Za-z0-9+/=\r\n\t]")


def decode_transfer(data: bytes, encoding: str) -> tuple[bytes, str | None]:
    """Decode a part body. Returns (bytes, warning); unknown encodings pass through."""
    encoding = encoding.strip().strip('"').lower()
    if encoding in ("", "7bit", "8bit", "binary", "none"):
        return data, None
    if encoding == "base64":
        return decode_base64(data)
    if encoding in ("quoted-printable", "qp"):
        try:
            return binascii.a2b_qp(data), None
        except (binascii.Error, ValueError):
            return data, "bad quoted-printable"
    if encoding in ("x-uuencode", "uuencode", "x-uue", "uue"):
        return decode_uu(data)
    return data, f"unknown transfer encoding {encoding[:40]}"


def decode_base64(data: bytes) -> tuple[bytes, str | None]:
    """Lenient base64: ignores junk characters; padded blocks that were concatenated decode
    one after the other. Data with more than 5 % characters outside the alphabet (spaces
    between words) is not base64 at all and is returned unchanged with a warning."""
    junk = len(_NOT_B64.findall(data, 0, 65536))
    if junk * 20 > min(len(data), 65536) and len(data) >= 16:
        return data, "not base64, shown as it is"  # e.g. plain words with spaces (enmime)
    out = bytearray()
    warning = None
    for segment in _PADDING.split(data):
        clean = _B64_JUNK.sub(b"", segment)
        if len(clean) % 4 == 1:
            clean = clean[:-1]
            warning = "truncated base64"
        if not clean:
            continue
        clean += b"=" * (-len(clean) % 4)
        try:
            out += binascii.a2b_base64(clean)
        except (binascii.Error, ValueError):
            warning = "bad base64"
    return bytes(out), warning


def decode_uu(data: bytes) -> tuple[bytes, str | None]:
    out = bytearray()
    started = False
    for line in data.splitlines():
        if not started:
            started = line.startswith(b"begin ")
            continue
        if line.strip() in (b"end", b"`"):
            if line.strip() == b"end":
                break
            continue
        if not line.strip():
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:
            try:  # some encoders add junk; decode what the length byte says
                length = ((line[0] - 32) & 63) * 4 // 3
                out += binascii.a2b_uu(line[: length + 1])
            except (binascii.Error, IndexError):
                return bytes(out), "bad uuencode"
    if not started:
        return data, "uuencode without begin line"
    return bytes(out), None
