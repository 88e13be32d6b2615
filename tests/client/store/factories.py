"""Raw test messages built with the standard ``email`` package (shared with ops tests)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from client.store import IncomingMessage

BASE_DATE = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def make_raw(
    n: int = 1,
    *,
    subject: str = "Quotation",
    sender: str = "Alice Chen <alice@supplier.example>",
    to: str = "Rep <rep@tradewind.example>",
    message_id: str | None = None,
    refs: Sequence[str] = (),
    body: str = "Hello, please find the quotation.",
    date: datetime | None = None,
    attachment: str | None = None,
) -> bytes:
    """A small RFC 822 message (``refs`` become References and In-Reply-To)."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = to
    msg["Message-ID"] = f"<{message_id or f'msg{n}@supplier.example'}>"
    if refs:
        msg["References"] = " ".join(f"<{r}>" for r in refs)
        msg["In-Reply-To"] = f"<{refs[-1]}>"
    msg["Date"] = format_datetime(date or BASE_DATE + timedelta(hours=n))
    msg.set_content(body)
    if attachment:
        msg.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf",
                           filename=attachment)
    return msg.as_bytes()


def incoming(uid: int, raw: bytes, flags: tuple[str, ...] = (), modseq: int | None = None
             ) -> IncomingMessage:
    return IncomingMessage(uid=uid, raw=raw, flags=flags, internaldate=BASE_DATE, modseq=modseq)
