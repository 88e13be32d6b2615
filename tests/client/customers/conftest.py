"""A cache with one rep account and mail from and to buyers (domains, free mail, suffixes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import pytest

from client.store.db import Store
from client.store.records import FolderRecord, IncomingMessage

REP = "anna@tradewind-export.example"


def raw_mail(uid: int, sender: str, to: str, subject: str, date: str,
             extra: str = "") -> bytes:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Message-ID: <m{uid}@test.example>\r\nDate: {date}\r\n{extra}"
            f"\r\nhello\r\n").encode()


@pytest.fixture()
def desk_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "tw.db")


@pytest.fixture()
def add_mail(desk_store: Store) -> Callable[..., int]:
    """add_mail(sender, to, subject, date, folder="INBOX") -> the new row id."""
    account = desk_store.add_account(REP)
    folders: dict[str, int] = {}
    counter = [0]

    def add(sender: str, to: str, subject: str = "Inquiry",
            date: str = "Wed, 02 Dec 2026 09:00:00 +0100", folder: str = "INBOX",
            extra: str = "") -> int:
        if folder not in folders:
            role = "sent" if folder == "Sent" else "inbox"
            folders[folder] = desk_store.upsert_folder(
                account.id, FolderRecord(folder, "/", role)).id
        counter[0] += 1
        uid = counter[0]
        desk_store.insert_messages(folders[folder], [IncomingMessage(
            uid=uid, raw=raw_mail(uid, sender, to, subject, date, extra),
            internaldate=datetime(2026, 12, 2))], uid)
        row = desk_store.conn.execute(
            "SELECT id FROM messages WHERE message_id = ?", (f"m{uid}@test.example",)).fetchone()
        return int(row[0])

    return add


def seed(path: Path, inbox: Sequence[tuple[str, str, str, str]],
         sent: Sequence[tuple[str, str, str, str]] = ()) -> None:
    """A cache at `path` with the rep's account and (sender, to, subject, date) messages."""
    with Store.open(path) as store:
        account = store.add_account(REP)
        uid = 0
        for name, role, mails in (("INBOX", "inbox", inbox), ("Sent", "sent", sent)):
            folder = store.upsert_folder(account.id, FolderRecord(name, "/", role))
            batch = []
            for n, (sender, to, subject, date) in enumerate(mails, 1):
                uid += 1
                batch.append(IncomingMessage(uid=n, raw=raw_mail(uid, sender, to, subject, date),
                                             internaldate=datetime(2026, 12, 1)))
            if batch:
                store.insert_messages(folder.id, batch, len(batch))
