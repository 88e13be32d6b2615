"""Charset names to Python codecs, and decoding bytes that never raises.

Pure functions, safe from any thread. Fallback order for an unknown or wrong charset is
deterministic: charset-normalizer's best guess, then windows-1252, then UTF-8 with replacement.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from charset_normalizer import from_bytes

# Names seen in real mail mapped to the superset codec that decodes them best.
_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "x-euc-cn": "gb18030",
    "big5": "big5",
    "x-x-big5": "big5",
    "cn-big5": "big5",
    "csbig5": "big5",
    "big5-hkscs": "big5hkscs",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "ks_c_5601-1989": "cp949",
    "ksc5601": "cp949",
    "ksc_5601": "cp949",
    "euc-kr": "cp949",
    "korean": "cp949",
    "windows-949": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "csiso2022jp": "iso2022_jp_ext",
    "unicode-1-1-utf-7": "utf-7",
    "x-unicode20-utf7": "utf-7",
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "utf8": "utf-8",
}

# Codecs tried, in order, when the declared one fails strictly on the data.
_FALLBACKS: dict[str, tuple[str, ...]] = {
    "big5": ("big5hkscs",),
    "iso2022_jp_ext": ("iso2022_jp_2", "iso2022_jp_2004"),
    "cp932": ("shift_jis_2004",),
    "gb18030": (),
}

# Declared ASCII with 8-bit data is a lie: guess instead, without a warning.
_ASCII_NAMES = {"us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "7bit"}
# 7-bit stateful encodings: ASCII-only bytes still need the codec.
_STATEFUL = ("iso2022", "utf-7", "hz", "utf_7")

_UNKNOWN_NAMES = {"unknown-8bit", "x-unknown", "unknown", "default", "8bit", "x-user-defined"}


@lru_cache(maxsize=256)
def codec_for(name: str | None) -> str | None:
    """Python codec name for a MIME charset name, or None if unknown/garbage."""
    if not name:
        return None
    key = name.strip().strip("\"'").strip().lower()
    key = key.split("*", 1)[0]  # RFC 2231 language suffix
    if not key or key in _UNKNOWN_NAMES or len(key) > 40:
        return None
    key = _ALIASES.get(key, key)
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError, TypeError):
        return None
    # Refuse non-text codecs such as base64_codec, rot13 or zlib.
    if not getattr(info, "_is_text_encoding", True):
        return None
    return key


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError, ValueError):
        return None
    except Exception:  # noqa: BLE001 - a broken codec must never escape
        return None


def guess_codec(data: bytes, sample: int = 32 * 1024) -> str:
    """Best guess for undeclared bytes: ASCII/UTF-8, then charset-normalizer, then windows-1252."""
    head = data[:sample]
    if b"\x1b$" in head or b"\x1b(" in head:
        return "iso2022_jp_ext"
    if head.isascii():
        return "utf-8"
    if _strict(head, "utf-8") is not None or (len(data) > sample and _utf8_cut(head)):
        return "utf-8"
    try:
        results = from_bytes(head)
        best = results.best()
    except Exception:  # noqa: BLE001 - the guesser is advisory only
        return "windows-1252"
    if best is None or not best.encoding:
        return "windows-1252"
    found = codec_for(best.encoding)
    if found is None or (_is_wide(found) and b"\x00" not in head):
        return "windows-1252"  # UTF-16/32 text always has NUL bytes
    if found != "cp1252" and _strict(head, "cp1252") is not None:
        score = (best.chaos, best.coherence)
        tied = [m for m in results if (m.chaos, m.coherence) == score]
        if any("cp1252" in (m.encoding, *m.could_be_from_charset) for m in tied):
            # A tie (e.g. Portuguese read as cp1250 "Formaçăo"): the Western codec, by far the
            # commonest for undeclared 8-bit mail, wins over the guesser's own tie order,
            # unless the bytes of Czech ř with ě or ů are there (ø with ì or ù is no Western
            # language).
            czech = b"\xf8" in head and (b"\xec" in head or b"\xf9" in head)
            return found if czech and found == "cp1250" else "windows-1252"
    return found


@lru_cache(maxsize=64)
def _is_wide(codec: str) -> bool:
    """True for UTF-16/UTF-32 codecs, whose ASCII text is not ASCII bytes."""
    try:
        return codecs.lookup(codec).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _utf8_cut(head: bytes) -> bool:
    """True if `head` is valid UTF-8 except for a character cut at the sample end."""
    for cut in range(1, 4):
        if len(head) > cut and _strict(head[:-cut], "utf-8") is not None:
            return True
    return False


def decode_bytes(data: bytes, declared: str | None, guess: bool = True) -> tuple[str, str | None]:
    """Decode `data` using the declared charset, falling back as needed; never raises.

    Returns (text, warning) where warning is None when the declared charset worked. With
    `guess=False` the (slower) charset-normalizer step is skipped.
    """
    codec = codec_for(declared)
    if data.isascii() and not (
        b"\x1b" in data or (codec and (codec.startswith(_STATEFUL) or _is_wide(codec)))
    ):
        return data.decode("ascii"), None
    if declared and declared.strip().strip("\"'").lower() in _ASCII_NAMES:
        return decode_guess(data, guess), None
    if codec is not None:
        text = _strict(data, codec)
        if text is not None:
            return text, None
        for alt in _FALLBACKS.get(codec, ()):
            text = _strict(data, alt)
            if text is not None:
                return text, None
        if codec != "utf-8":
            text = _strict(data, "utf-8")
            if text is not None:
                return text, None
        try:
            text = data.decode(codec, errors="replace")
        except Exception:  # noqa: BLE001 - a broken codec must never escape
            text = data.decode("utf-8", errors="replace")
        return text, f"invalid bytes for charset {declared}"
    warning = f"undecodable charset {declared}" if declared else None
    return decode_guess(data, guess), warning


def decode_guess(data: bytes, guess: bool = True) -> str:
    """Decode bytes of unknown charset deterministically; never raises."""
    codec = guess_codec(data) if guess else "utf-8"
    text = _strict(data, codec)
    if text is not None:
        return text
    text = _strict(data, "windows-1252")
    if text is not None:
        return text
    return data.decode("utf-8", errors="replace")
