"""Mapping between ``messages`` rows and ``MessageRow`` records; flag helpers. Pure functions."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from client.store.records import Addr, MessageRow

ROW_COLUMNS = (
    "m.id, m.account_id, m.folder_id, m.uid, m.message_id, m.thread_id, m.subject, "
    "m.from_name, m.from_email, m.to_json, m.cc_json, m.reply_to_json, m.date_utc, "
    "m.internaldate, m.sort_date, m.size, m.flags_json, m.seen, m.flagged, m.answered, m.draft, "
    "m.deleted, m.has_attachments, m.body_state, m.preview, m.in_reply_to, m.references_json, "
    "m.warnings_json, m.modseq, m.indexed"
)

SYSTEM_FLAGS = {
    "\\seen": "seen",
    "\\flagged": "flagged",
    "\\answered": "answered",
    "\\draft": "draft",
    "\\deleted": "deleted",
}
FLAG_NAMES = {name: flag for flag, name in SYSTEM_FLAGS.items()}
CANONICAL = {"\\seen": "\\Seen", "\\flagged": "\\Flagged", "\\answered": "\\Answered",
             "\\draft": "\\Draft", "\\deleted": "\\Deleted", "\\recent": "\\Recent"}


def _when(value: float | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _addrs(text: str) -> tuple[Addr, ...]:
    return tuple((str(n), str(e)) for n, e in json.loads(text or "[]"))


def row_to_message(row: tuple[Any, ...]) -> MessageRow:
    """Build a ``MessageRow`` from ``ROW_COLUMNS`` (optionally followed by a thread count)."""
    thread_count = int(row[30]) if len(row) > 30 and row[30] is not None else 1
    return MessageRow(
        id=row[0], account_id=row[1], folder_id=row[2], uid=row[3], message_id=row[4],
        thread_id=row[5], subject=row[6], from_name=row[7], from_email=row[8],
        to=_addrs(row[9]), cc=_addrs(row[10]), reply_to=_addrs(row[11]), date=_when(row[12]),
        internaldate=_when(row[13]), sort_date=float(row[14] or 0), size=int(row[15] or 0),
        flags=tuple(json.loads(row[16] or "[]")), seen=bool(row[17]), flagged=bool(row[18]),
        answered=bool(row[19]), draft=bool(row[20]), deleted=bool(row[21]),
        has_attachments=bool(row[22]), body_state=row[23], preview=row[24],
        in_reply_to=row[25], references=tuple(json.loads(row[26] or "[]")),
        warnings=tuple(json.loads(row[27] or "[]")), modseq=row[28], indexed=int(row[29]),
        thread_count=thread_count,
    )


def normalize_flags(flags: Iterable[str]) -> tuple[str, ...]:
    """Unique flags, system flags in canonical case, sorted; ``\\Recent`` dropped."""
    out: set[str] = set()
    for flag in flags:
        flag = str(flag).strip()
        if not flag:
            continue
        canonical = CANONICAL.get(flag.lower(), flag)
        if canonical != "\\Recent":
            out.add(canonical)
    return tuple(sorted(out))


def flag_columns(flags: tuple[str, ...]) -> tuple[str, int, int, int, int, int]:
    """(flags_json, seen, flagged, answered, draft, deleted) for normalised ``flags``."""
    lower = {f.lower() for f in flags}
    return (
        json.dumps(list(flags), ensure_ascii=False),
        int("\\seen" in lower),
        int("\\flagged" in lower),
        int("\\answered" in lower),
        int("\\draft" in lower),
        int("\\deleted" in lower),
    )


def flag_key(flag: str) -> str:
    """The override key of an IMAP flag: ``seen``/``flagged``/… for system flags, else the
    keyword itself (``$Forwarded``)."""
    return SYSTEM_FLAGS.get(flag.lower(), flag)


def apply_overrides(flags: tuple[str, ...], overrides: dict[str, bool]) -> tuple[str, ...]:
    """``flags`` with flags forced on or off; keys are system flag names (``seen``,
    ``flagged``, ``answered``, ``draft``, ``deleted``) or keywords such as ``$Forwarded``."""
    result = set(flags)
    for name, on in overrides.items():
        flag = CANONICAL[FLAG_NAMES[name]] if name in FLAG_NAMES else name
        result = {f for f in result if f.lower() != flag.lower()}
        if on:
            result.add(flag)
    return tuple(sorted(result))
