"""TNEF (winmail.dat) contents through tnefparse (LGPL, used as a library); never raises.

If extraction fails the caller keeps the raw winmail.dat (checklist M9). Pure; any thread.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass

from .charsets import decode_guess

TNEF_TYPES = ("application/ms-tnef", "application/vnd.ms-tnef", "application/x-tnef")
MAX_TNEF_ATTACHMENTS = 500

logging.getLogger("tnefparse").setLevel(logging.ERROR)


@dataclass(frozen=True)
class TnefFile:
    name: str
    data: bytes
    content_type: str


@dataclass(frozen=True)
class TnefContents:
    files: tuple[TnefFile, ...]
    text: str | None
    html: str | None


def is_tnef(content_type: str, filename: str) -> bool:
    return content_type in TNEF_TYPES or filename.lower() == "winmail.dat"


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return decode_guess(value.rstrip(b"\x00")) or None
    if isinstance(value, str):
        return value.rstrip("\x00") or None
    return None


def extract_tnef(data: bytes) -> TnefContents | None:
    """Files and bodies inside a TNEF blob, or None if it cannot be read."""
    try:
        from tnefparse import TNEF

        parsed = TNEF(data, do_checksum=False)
        files: list[TnefFile] = []
        for attachment in parsed.attachments[:MAX_TNEF_ATTACHMENTS]:
            try:
                name = _as_text(attachment.long_filename()) or _as_text(attachment.name) or ""
            except Exception:  # noqa: BLE001 - a bad name must not lose the file
                name = ""
            payload = attachment.data if isinstance(attachment.data, bytes) else b""
            guessed = mimetypes.guess_type(name)[0] if name else None
            files.append(TnefFile(name, payload, guessed or "application/octet-stream"))
        return TnefContents(tuple(files), _as_text(parsed.body), _as_text(parsed.htmlbody))
    except Exception:  # noqa: BLE001 - tnefparse raises many kinds on bad input
        return None
