"""Derive the list/search columns of a message from its raw bytes via ``client.mime``.

Pure functions, safe on any thread (``client.mime`` never raises on bad input).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from client.mime.msgid import msgid_list, normalize_msgid

#: Version of the code that derives header columns (``header_columns`` and the keys below).
#: Rows store it in ``messages.header_version``; rows below it are re-derived from their stored
#: header by ``client.store.rederive``. Raise it when that code changes what a column holds,
#: together with a migration that recreates the partial index ``messages_header_stale``.
HEADER_VERSION = 1

_MIXED = re.compile(rb"(?im)^content-type:[ \t]*multipart/mixed")
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|rif|réf|ref|antw|odp)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]"
    r"|(?:回复|回覆|答复|答覆|转发|轉寄|转寄|返信|転送)\s*[:：])\s*",
    re.IGNORECASE,
)
_LIST_TAG = re.compile(r"^\s*\[[^\]]{1,40}\]\s*")


def subject_key(subject: str) -> tuple[str, bool]:
    """Normalised subject for thread fallback, and whether a reply/forward prefix was removed."""
    text = " ".join(subject.split())
    stripped = False
    while True:
        reply = _REPLY_PREFIX.match(text)
        if reply and reply.end():
            text = text[reply.end():]
            stripped = True
            continue
        tag = _LIST_TAG.match(text)
        if tag and tag.end() < len(text):
            text = text[tag.end():]
            continue
        break
    return text.strip().casefold(), stripped


def sender_key(from_name: str, from_email: str) -> str:
    """Sort key of the list's From column: the shown name (else the address), then the address,
    whitespace-collapsed and casefolded; joined by U+0001 so the string sorts like the pair."""
    shown = " ".join((from_name or from_email).split()).casefold()
    return f"{shown}\x01{from_email.casefold()}"


def _addr(value: Any) -> tuple[str, str]:
    name = getattr(value, "name", None)
    email = getattr(value, "email", None)
    if name is None and email is None and isinstance(value, tuple | list):
        name, email = (value[0], value[1]) if len(value) >= 2 else ("", value[0])
    return (str(name or ""), str(email or ""))


def addresses_json(values: Any) -> str:
    """JSON ``[[name, email], ...]`` from ``ParsedHeaders`` address tuples."""
    return json.dumps([_addr(v) for v in (values or ())], ensure_ascii=False)


def address_text(from_name: str, from_email: str, *json_lists: str) -> str:
    """All names and addresses of a message as one string for the ``addresses`` FTS column."""
    parts = [from_name, from_email]
    for text in json_lists:
        for name, email in json.loads(text or "[]"):
            parts.extend((name, email))
    return " ".join(p for p in parts if p)


def header_block(raw: bytes) -> bytes:
    """The header part of a raw message (up to the first empty line)."""
    for sep in (b"\r\n\r\n", b"\n\n"):
        end = raw.find(sep)
        if end >= 0:
            return raw[: end + len(sep)]
    return raw


@dataclass(frozen=True, slots=True)
class HeaderColumns:
    """The ``messages`` columns that come from the header."""

    message_id: str | None
    subject: str
    subject_key: str
    reply_subject: bool
    from_name: str
    from_email: str
    to_json: str
    cc_json: str
    reply_to_json: str
    date_utc: float | None
    in_reply_to: str | None
    references: tuple[str, ...]
    warnings_json: str
    multipart_mixed: bool

    @property
    def thread_refs(self) -> tuple[str, ...]:
        """References plus In-Reply-To (unique, own Message-ID excluded)."""
        refs = list(self.references)
        if self.in_reply_to and self.in_reply_to not in refs:
            refs.append(self.in_reply_to)
        return tuple(r for r in refs if r != self.message_id)


def _timestamp(value: datetime | None) -> float | None:
    if value is None:
        return None
    try:
        return value.timestamp()
    except (OverflowError, ValueError, OSError):
        return None


def header_columns(raw: bytes) -> HeaderColumns:
    """Parse the header of ``raw`` with ``client.mime.parse_headers``; never raises."""
    head = header_block(raw)
    from client.mime import parse_headers  # loaded on the first header, not by `ls`

    parsed = parse_headers(head)
    from_list = tuple(parsed.from_ or ())
    from_name, from_email = _addr(from_list[0]) if from_list else ("", "")
    subject = str(parsed.subject or "")
    key, is_reply = subject_key(subject)
    in_reply = msgid_list(parsed.in_reply_to or "")
    return HeaderColumns(
        message_id=normalize_msgid(parsed.message_id),
        subject=subject,
        subject_key=key,
        reply_subject=is_reply,
        from_name=from_name,
        from_email=from_email.lower(),
        to_json=addresses_json(parsed.to),
        cc_json=addresses_json(parsed.cc),
        reply_to_json=addresses_json(parsed.reply_to),
        date_utc=_timestamp(parsed.date),
        in_reply_to=in_reply[0] if in_reply else None,
        references=msgid_list(parsed.references or ()),
        warnings_json=json.dumps([str(w) for w in (parsed.warnings or ())], ensure_ascii=False),
        multipart_mixed=bool(_MIXED.search(head)),
    )
