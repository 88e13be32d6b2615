"""The Sent folder of an account over IMAP, as the outbox needs it (find by Message-ID, append).

`ImapSentFolder.open(...)` connects lazily-used sessions; blocking, worker thread only.
"""

from __future__ import annotations

from client.imap.models import Endpoint
from client.imap.session import ImapSession


class ImapSentFolder:
    """`SentFolder` over one IMAP session; the caller closes it (`close()`)."""

    def __init__(self, session: ImapSession, folder: str) -> None:
        self.session = session
        self.folder = folder

    @classmethod
    def open(cls, endpoint: Endpoint, username: str, password: str) -> ImapSentFolder:
        """Connect and find the Sent folder by role (SPECIAL-USE, then localised names)."""
        session = ImapSession.connect(endpoint, username, password)
        try:
            folders = session.list_folders()
            # Without a recognisable Sent folder, "Sent" is tried; a refusal leaves the message
            # `sent` with the reason, and filing is retried at the next flush.
            sent = next((f.name for f in folders if f.role == "sent"), "Sent")
            return cls(session, sent)
        except BaseException:
            session.logout()
            raise

    def contains(self, message_id: str) -> bool:
        self.session.select(self.folder, readonly=True)
        return bool(self.session.find_message_id(message_id))

    def append(self, raw: bytes) -> None:
        self.session.append(self.folder, raw, flags=("\\Seen",))

    def close(self) -> None:
        self.session.logout()
