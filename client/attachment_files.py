"""Saving and opening attachments; for the reader and `tradewind save-attachment`.

Background threads only: bytes come from `client.sync.attachments.attachment_data`, which reads
the cache and, for a message over the cache cap, downloads the part from the server on demand
(password from the keyring). Names come through ``client.mime.safe_filename`` (no path parts,
no control or bidi characters); existing files are never overwritten: "name (2).ext" is used
instead. Raises ``KeyError`` (message or part gone), ``NotDownloaded`` (offline and not
cached, no password), ``ImapError`` (server trouble) or ``OSError`` (disk) with a message.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from client.mime import safe_filename
from client.security.attachments import is_risky
from client.store.records import Account
from client.sync.attachments import attachment_data

#: whether opening a file could run code: the list and its reasons are client.security.attachments
__all__ = ["attachment_content", "extract_for_opening", "free_path", "is_risky", "save_all",
           "save_attachment"]


def free_path(folder: Path, filename: str) -> Path:
    """``folder/filename`` made safe, or ``name (2).ext``… if that file exists."""
    name = safe_filename(filename)
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate


def _password(account: Account) -> str | None:
    from client.oauth.credentials import secret_or_none

    return secret_or_none(account)


def attachment_content(db_path: Path, message_row: int, part_id: str) -> bytes:
    """The decoded bytes of one attachment (downloaded now if it was left on the server)."""
    return attachment_data(db_path, message_row, part_id, _password)


def save_attachment(db_path: Path, message_row: int, part_id: str, target: Path) -> Path:
    """Write one attachment to ``target`` (the path the user chose; overwriting it is theirs
    to decide in the save dialog). Returns ``target``."""
    target.write_bytes(attachment_content(db_path, message_row, part_id))
    return target


def save_all(db_path: Path, message_row: int, parts: list[tuple[str, str]], folder: Path) -> list[Path]:
    """Write every ``(part_id, filename)`` into ``folder`` without overwriting anything."""
    written = []
    for part_id, filename in parts:
        path = free_path(folder, filename)
        path.write_bytes(attachment_content(db_path, message_row, part_id))
        written.append(path)
    return written


def extract_for_opening(db_path: Path, message_row: int, part_id: str, filename: str) -> Path:
    """Write the attachment into a new private temporary folder, to hand to the system app."""
    folder = Path(tempfile.mkdtemp(prefix="tradewind-open-"))
    path = free_path(folder, filename)
    path.write_bytes(attachment_content(db_path, message_row, part_id))
    return path
