"""Attachment file names made safe for display and saving (checklist M8); pure, never raises."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARS = 120
MAX_NAME_BYTES = 240  # UTF-8 bytes; most file systems allow 255
_MAX_EXTENSION = 16
_FALLBACK = "attachment"
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_RESERVED = re.compile(
    r"^(con|prn|aux|nul|clock\$|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$", re.I
)


def _visible(char: str) -> bool:
    category = unicodedata.category(char)
    # Cc: control characters; Cf: format characters incl. bidi overrides (U+202E) and
    # zero-width joiners; Zl/Zp: line and paragraph separators.
    return category not in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def safe_filename(name: str) -> str:
    """Basename only, no control/bidi characters, no Windows reserved name, length-capped
    keeping the extension. Never returns an empty string."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join(
        " " if char in "\t\r\n" else char for char in text if char in "\t\r\n" or _visible(char)
    )
    text = text.replace("\\", "/")
    parts = [part for part in text.split("/") if part.strip(" .")]
    text = parts[-1] if parts else ""
    text = _FORBIDDEN.sub("_", text)
    text = " ".join(text.split())
    text = text.strip(" .")
    if not text:
        return _FALLBACK
    stem, dot, extension = text.rpartition(".")
    if not dot or not stem or len(extension) > _MAX_EXTENSION or " " in extension:
        stem, extension = text, ""
    if _RESERVED.match(stem.split(".")[0].strip()):
        stem = "_" + stem
    return _cap(stem, extension)


def _cap(stem: str, extension: str) -> str:
    suffix = f".{extension}" if extension else ""
    budget_chars = MAX_NAME_CHARS - len(suffix)
    stem = stem[:budget_chars]
    while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES and stem:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    return (stem or _FALLBACK) + suffix
