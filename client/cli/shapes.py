"""The stable `--json` shapes of messages and folders (documented in docs/cli.md). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from client.store.records import Addr, Folder, MessageRow

MESSAGE_KEYS = (
    "id", "uid", "message_id", "date", "from", "to", "subject", "flags", "has_attachments",
    "thread_id", "tags",
)  # fmt: skip


def iso(value: datetime | float | None) -> str | None:
    """ISO 8601 UTC (`2026-11-27T10:15:00+00:00`), or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        from datetime import UTC

        value = datetime.fromtimestamp(value, UTC)
    return value.isoformat()


def address(pair: Addr) -> dict[str, str]:
    name, email = pair
    return {"name": name, "email": email}


def message_date(row: MessageRow) -> datetime | None:
    """The Date header, else the server's arrival time (P9)."""
    return row.date or row.internaldate


def message_summary(row: MessageRow, tags: Sequence[str] = ()) -> dict[str, Any]:
    """One message as `ls` prints it: exactly `MESSAGE_KEYS` (``tags``: its channel tags,
    `client.channels.tags.tags_for`)."""
    return {
        "id": row.id,
        "uid": row.uid,
        "message_id": row.message_id,
        "date": iso(message_date(row)),
        "from": address((row.from_name, row.from_email)),
        "to": [address(a) for a in row.to],
        "subject": row.subject,
        "flags": list(row.flags),
        "has_attachments": row.has_attachments,
        "thread_id": row.thread_id,
        "tags": list(tags),
    }


def folder_json(folder: Folder, account_email: str, unread: int, total: int) -> dict[str, Any]:
    """One folder as `folders` prints it."""
    return {
        "id": folder.id,
        "account": account_email,
        "name": folder.name,
        "role": folder.role,
        "unread": unread,
        "total": total,
        "last_sync": iso(folder.last_sync),
        "last_error": folder.last_error,
    }
