"""Rows of the `uploads`, `upload_parts` and `links` tables as frozen records, and the
queries the engine and the link commands share. The caller's Store and thread; pure reads
except where named.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from client.store.db import Store


@dataclass(frozen=True)
class UploadRecord:
    id: int
    storage_id: int
    path: str
    file_name: str
    size: int
    mtime_ns: int
    sha256: str | None
    recipient_domain: str | None
    outbox_id: int | None
    state: str
    last_error: str | None
    attempts: int
    part_size: int
    remote_path: str | None
    session_json: str | None


@dataclass(frozen=True)
class PartRecord:
    number: int
    offset: int
    size: int
    etag: str
    sha256: str


@dataclass(frozen=True)
class LinkRecord:
    id: int
    upload_id: int
    url: str
    remote_id: str
    expires: float | None
    password_set: bool
    state: str
    created: float


_UPLOAD = ("id, storage_id, path, file_name, size, mtime_ns, sha256, recipient_domain, outbox_id, "
           "state, last_error, attempts, part_size, remote_path, session_json")
_LINK = "id, upload_id, url, remote_id, expires, password_set, state, created"


def _upload(r: sqlite3.Row | tuple[Any, ...]) -> UploadRecord:
    return UploadRecord(int(r[0]), int(r[1]), r[2], r[3], int(r[4]), int(r[5]), r[6], r[7], r[8],
                        r[9], r[10], int(r[11]), int(r[12]), r[13], r[14])


def _link(r: sqlite3.Row | tuple[Any, ...]) -> LinkRecord:
    return LinkRecord(int(r[0]), int(r[1]), str(r[2]), str(r[3] or ""), r[4], bool(r[5]),
                      str(r[6]), float(r[7]))


def get_upload(store: Store, upload_id: int) -> UploadRecord | None:
    row = store.conn.execute(f"SELECT {_UPLOAD} FROM uploads WHERE id = ?", (upload_id,)).fetchone()
    return None if row is None else _upload(row)


def uploads_where(store: Store, where: str, params: tuple[Any, ...]) -> list[UploadRecord]:
    rows = store.conn.execute(f"SELECT {_UPLOAD} FROM uploads WHERE {where} ORDER BY id", params)
    return [_upload(r) for r in rows]


def parts_of(store: Store, upload_id: int) -> dict[int, PartRecord]:
    rows = store.conn.execute(
        "SELECT number, offset, size, etag, sha256 FROM upload_parts WHERE upload_id = ?",
        (upload_id,))
    return {int(r[0]): PartRecord(int(r[0]), int(r[1]), int(r[2]), str(r[3] or ""), str(r[4]))
            for r in rows}


def get_link(store: Store, link_id: int) -> LinkRecord | None:
    row = store.conn.execute(f"SELECT {_LINK} FROM links WHERE id = ?", (link_id,)).fetchone()
    return None if row is None else _link(row)


def links_where(store: Store, where: str, params: tuple[Any, ...]) -> list[LinkRecord]:
    rows = store.conn.execute(f"SELECT {_LINK} FROM links WHERE {where} ORDER BY id", params)
    return [_link(r) for r in rows]
