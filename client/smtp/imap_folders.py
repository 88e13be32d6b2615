"""The Sent and Drafts folders of an account over IMAP, as the outbox and drafts need them.

Each object owns one `ImapSession` (worker thread only; blocking); the caller closes it.
Folders are found by role (SPECIAL-USE first, then localised names), falling back to "Sent" /
"Drafts"; a server that refuses them leaves the outbox/draft state as it was, with the reason.
"""

from __future__ import annotations

from typing import Self

from client.imap.models import Endpoint
from client.imap.session import ImapSession


class _RoleFolder:
    role = ""
    fallback = ""

    def __init__(self, session: ImapSession, folder: str) -> None:
        self.session = session
        self.folder = folder

    @classmethod
    def open(cls, endpoint: Endpoint, username: str, password: str) -> Self:
        session = ImapSession.connect(endpoint, username, password)
        try:
            folders = session.list_folders()
            name = next((f.name for f in folders if f.role == cls.role), cls.fallback)
            return cls(session, name)
        except BaseException:
            session.logout()
            raise

    def uids_with_message_id(self, message_id: str) -> list[int]:
        self.session.select(self.folder, readonly=True)
        return self.session.find_message_id(message_id)

    def contains(self, message_id: str) -> bool:
        return bool(self.uids_with_message_id(message_id))

    def close(self) -> None:
        self.session.logout()


class ImapSentFolder(_RoleFolder):
    """`SentFolder` of client.smtp.sender."""

    role = "sent"
    fallback = "Sent"

    def append(self, raw: bytes) -> None:
        self.session.append(self.folder, raw, flags=("\\Seen",))


class ImapDraftsFolder(_RoleFolder):
    """`DraftsFolder` of client.compose.drafts."""

    role = "drafts"
    fallback = "Drafts"

    def append_draft(self, raw: bytes) -> int | None:
        return self.session.append(self.folder, raw, flags=("\\Draft", "\\Seen"))

    def expunge(self, uids: list[int]) -> None:
        self.session.select(self.folder, readonly=False)
        self.session.delete(uids)
