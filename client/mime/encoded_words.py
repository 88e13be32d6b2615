"""RFC 2047 encoded words and raw 8-bit header bytes to Unicode; never raises.

Pure functions, safe from any thread.
"""

from __future__ import annotations

import binascii
import re

from .charsets import codec_for, decode_bytes, guess_codec

_ENCODED_WORD = re.compile(rb"=\?([^?\s]{1,75})\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN = re.compile(rb"[ \t\r\n]*")
_B64_JUNK = re.compile(rb"[^A-Za-z0-9+/]")


def _decode_b(data: bytes) -> bytes | None:
    clean = _B64_JUNK.sub(b"", data)
    clean = clean[: len(clean) - len(clean) % 4] if len(clean) % 4 == 1 else clean
    clean += b"=" * (-len(clean) % 4)
    try:
        return binascii.a2b_base64(clean)
    except (binascii.Error, ValueError):
        return None


def _decode_q(data: bytes) -> bytes:
    try:
        return binascii.a2b_qp(data, header=True)
    except (binascii.Error, ValueError):
        return data


def decode_encoded_words(value: bytes, warnings: list[str]) -> str:
    """Decode the RFC 2047 words in an ASCII-or-UTF-8 header value.

    Adjacent words with the same charset are joined as bytes before decoding, so a
    multi-byte character split across words survives. Undecodable words stay as written.
    """
    out: list[str] = []
    pos = 0
    pending: list[tuple[bytes, bytes]] = []  # (charset, decoded bytes) of adjacent words

    def flush() -> None:
        if not pending:
            return
        charset = pending[0][0]
        joined = b"".join(chunk for _, chunk in pending)
        text, warning = decode_bytes(joined, charset.decode("ascii", "replace"))
        if warning:
            warnings.append(warning)
        out.append(text)
        pending.clear()

    for match in _ENCODED_WORD.finditer(value):
        start, end = match.span()
        gap = value[pos:start]
        if not (pending and _BETWEEN.fullmatch(gap) is not None):
            flush()
            out.append(_plain(gap))
        charset, kind, payload = match.group(1), match.group(2), match.group(3)
        decoded = _decode_b(payload) if kind in b"bB" else _decode_q(payload)
        if decoded is None:
            flush()
            out.append(match.group(0).decode("ascii", "replace"))
        else:
            if pending and pending[0][0].lower() != charset.lower():
                flush()
            pending.append((charset, decoded))
        pos = end
    flush()
    out.append(_plain(value[pos:]))
    return "".join(out)


def _plain(chunk: bytes) -> str:
    return chunk.decode("utf-8", errors="replace")


def choose_raw_codec(raw_values: list[bytes], hint: str | None) -> str:
    """Pick one codec for all raw 8-bit header values of a message.

    UTF-8 if every value is valid UTF-8, else the message's declared charset if it decodes
    them all, else UTF-8 if the values are UTF-8 with a few damaged bytes, else a guess.
    """
    candidates: list[str] = ["utf-8"]
    hinted = codec_for(hint)
    if hinted is not None:
        candidates.append(hinted)
    for codec in candidates:
        if all(_fits(value, codec) for value in raw_values):
            return codec
    if all(_mostly_utf8(value) for value in raw_values):
        return "utf-8"  # a cut or damaged UTF-8 value: U+FFFD for the bad bytes, not mojibake
    return guess_codec(b"\n".join(raw_values))


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(value: bytes) -> bool:
    """True if at least three quarters of the 8-bit bytes form valid UTF-8 sequences (and
    there are at least two such sequences): a value damaged by a cut, not another charset."""
    if value.isascii():
        return True
    sequences = _UTF8_SEQUENCE.findall(value)
    covered = sum(len(sequence) for sequence in sequences)
    eight_bit = sum(1 for byte in value if byte >= 0x80)
    return len(sequences) >= 2 and covered * 4 >= eight_bit * 3


def _fits(value: bytes, codec: str) -> bool:
    """True if `value` decodes strictly; UTF-8 holding U+FFFD counts as mojibake, not a fit."""
    try:
        text = value.decode(codec)
    except Exception:  # noqa: BLE001 - any codec failure means "does not fit"
        return False
    return codec != "utf-8" or "\ufffd" not in text


def raw_to_utf8(value: bytes, codec: str) -> bytes:
    """Re-encode a raw 8-bit header value from `codec` to UTF-8 bytes (ASCII passes through)."""
    if value.isascii():
        if b"\x1b" in value:  # raw ISO-2022-JP in a header
            try:
                return value.decode("iso2022_jp_ext").encode("utf-8")
            except UnicodeDecodeError:
                pass
        return value
    try:
        text = value.decode(codec)
    except Exception:  # noqa: BLE001
        if codec == "utf-8" and _mostly_utf8(value):
            return value.decode("utf-8", errors="replace").encode("utf-8")
        try:
            text = value.decode("windows-1252")
        except UnicodeDecodeError:
            text = value.decode("utf-8", errors="replace")
    return text.encode("utf-8")


def decode_header_bytes(value: bytes, codec: str, warnings: list[str]) -> str:
    """Full header decoding: raw 8-bit bytes via `codec`, then RFC 2047 words."""
    return decode_encoded_words(raw_to_utf8(value, codec), warnings)
