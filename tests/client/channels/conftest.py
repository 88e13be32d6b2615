"""A cache with the rep's account, and helpers that add raw messages or the platform samples."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

REP = "li.wei@ningbo-export.example"
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "channels"
AddRaw = Callable[..., int]


def mail(sender: str, subject: str = "Inquiry", *, to: str = REP, extra: str = "",
         body: str = "hello", msgid: str | None = None, date: str = "Wed, 02 Dec 2026 09:00:00 +0000",
         in_reply_to: str | None = None) -> bytes:
    """A small plain-text message."""
    head = f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
    if msgid:
        head += f"Message-ID: <{msgid}>\r\n"
    if in_reply_to:
        head += f"In-Reply-To: <{in_reply_to}>\r\nReferences: <{in_reply_to}>\r\n"
    return (head + extra + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + body + "\r\n").encode()


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tw.db")


@pytest.fixture()
def add_raw(store: Store) -> AddRaw:
    """add_raw(raw, folder="INBOX") -> the new row id."""
    account = store.add_account(REP)
    folders: dict[str, int] = {}
    uids = [0]

    def add(raw: bytes, folder: str = "INBOX") -> int:
        if folder not in folders:
            role = "sent" if folder == "Sent" else "inbox"
            folders[folder] = store.upsert_folder(account.id, FolderRecord(folder, "/", role)).id
        uids[0] += 1
        store.insert_messages(folders[folder], [IncomingMessage(
            uid=uids[0], raw=raw, internaldate=datetime(2026, 12, 2))], uids[0])
        row = store.conn.execute("SELECT id FROM messages WHERE folder_id = ? AND uid = ?",
                                 (folders[folder], uids[0])).fetchone()
        return int(row[0])

    return add
