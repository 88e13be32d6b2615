"""What the reader pane shows for one message, computed off the GUI thread (no Qt here).

``load_reader_content(db_path, message_row)`` opens its own Store (call it from a worker thread),
reads the stored raw message and parses it with ``client.mime.parse_message`` (which never
raises on bad input). Raises ``KeyError`` if the message is gone or has no stored body.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from client.calendar.card import Card, card_for
from client.customers.local_time import LocalTime, buyer_time_now
from client.meetings.ical_in import calendar_of_message
from client.meetings.rep_zone import rep_zone
from client.mime import Address, Attachment, attachment_bytes, parse_headers, parse_message
from client.mime.sender_checks import SenderWarning, check_sender, other_senders
from client.mime.text import html_to_text
from client.security.attachments import (
    ARCHIVE_SUFFIXES,
    MAX_ARCHIVE_BYTES,
    AttachmentRisk,
    assess,
)
from client.security.remote_content import allowed_senders, senders_allowed
from client.store.address_book import contact_addresses_named
from client.store.db import Store
from client.store.records import MessageRow
from client.sync.attachments import server_parts
from ui.reader.html_content import PreparedHtml, plain_text_html, prepare_parts
from ui.reader.risk_content import message_risk

log = logging.getLogger(__name__)

__all__ = ["ReaderAttachment", "ReaderContent", "build_content", "load_reader_content",
           "plain_text_html"]

INLINE_LIMIT = 20 * 1024 * 1024
HEADER_LIMIT = 64 * 1024


@dataclass(frozen=True)
class ReaderAttachment:
    """One attachment as listed under the headers (``part_id`` addresses it in the message)."""

    filename: str
    content_type: str
    size: int
    part_id: str = ""
    downloaded: bool = True  # False: over the cache cap, fetched from the server when opened


@dataclass(frozen=True)
class ReaderContent:
    """The row, the body as plain text, the sanitised HTML (if any) with its inline parts,
    attachments and problems found while parsing."""

    row: MessageRow
    text: str
    had_html_only: bool
    attachments: tuple[ReaderAttachment, ...]
    warnings: tuple[str, ...]
    html: PreparedHtml | None = None
    inline_parts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    header_text: str = ""
    remote_allowed: bool = False  # for this message or, by a saved choice, for this sender
    document_key: str = ""  # names the HTML document and its cid: parts in the view
    senders: tuple[Address, ...] = ()  # every From address of the parse (reader_sender_warning)
    sender_warnings: tuple[SenderWarning, ...] = ()  # client.mime.sender_checks.check_sender
    #: charsets of HTML parts shown as text because browsers dropped them for HTML (UTF-7…)
    refused_charsets: tuple[str, ...] = ()
    #: the invitation card (client.calendar.card.Card) when the message has a calendar part
    invitation: Card | None = None
    #: attachments that can run code or hide their type (client.security.attachments)
    attachment_risks: tuple[AttachmentRisk, ...] = ()
    #: the fraud risk (client.security.risk.Risk.to_json(); ui.reader.risk_bar), None if unknown
    risk: dict[str, Any] | None = None
    #: the buyer's local time now (client.customers.local_time), for a customer's message
    buyer_time: LocalTime | None = None


def load_reader_content(
    db_path: Path, message_row: int, allow_remote: bool = False
) -> ReaderContent:
    """Read and parse one message from the cache (worker thread; opens its own Store).
    Remote pictures are allowed if ``allow_remote`` (this message) or the sender is trusted."""
    with Store.open(db_path) as store:
        row = store.get_message(message_row)
        if row is None:
            raise KeyError(f"Message {message_row} is no longer in the cache.")
        raw = store.get_raw(message_row)
        senders = parse_headers(raw).from_
        allow_remote = allow_remote or senders_allowed(  # client.security.remote_content
            [a.email for a in senders if a.email] or [row.from_email], allowed_senders(store))
        on_server = server_parts(store, message_row) if row.body_state == "partial" else None
        contacts = contact_addresses_named(store, [a.name for a in senders])
        card = _card(store, message_row, raw)
        risk = message_risk(store, row)  # issue 19, computed once and cached
        buyer = _buyer_time(store, row.from_email)
    content = replace(build_content(row, raw, allow_remote, str(message_row), contacts),
                      invitation=card, risk=risk, buyer_time=buyer)
    if on_server is None:
        return content
    # A message over the cache cap: its attachments are listed from what the server holds.
    listed = tuple(
        ReaderAttachment(p.filename, p.content_type, p.size, p.part_id, p.downloaded)
        for p in on_server
    )
    return replace(content, attachments=listed, attachment_risks=tuple(
        found for p in on_server if (found := assess(p.filename)) is not None))


def _buyer_time(store: Store, address: str) -> LocalTime | None:
    """The buyer's time line; a failure there never hides the mail."""
    try:
        return buyer_time_now(store, address)
    except Exception:  # noqa: BLE001 - no zone data, a damaged customer row: no time shown
        return None


def _card(store: Store, message_row: int, raw: bytes) -> Card | None:
    """The invitation card; a failure of the calendar code never hides the mail (C5)."""
    try:
        return card_for(store, message_row, raw, rep_zone(store).zone)
    except Exception as exc:  # noqa: BLE001 - shown as "could not read calendar data", the mail still shows
        log.warning("invitation card of message %s: %s", message_row, type(exc).__name__)
        try:
            data = calendar_of_message(raw) or b""
        except Exception:  # noqa: BLE001 - not even the part could be found: no card
            return None
        return Card(message_row, None, False, "", str(exc)[:200], data) if data else None


def attached_message_content(db_path: Path, message_row: int, part_id: str) -> ReaderContent:
    """The message attached to ``message_row`` as part ``part_id`` (message/rfc822), ready for
    a reader; its row is made from its own headers (id -1: it is not in the cache)."""
    with Store.open(db_path) as store:
        outer = store.get_raw(message_row)
    raw = attachment_bytes(outer, part_id)
    return build_content(row_from_headers(raw), raw, False, f"{message_row}-{part_id}")


def row_from_headers(raw: bytes) -> MessageRow:
    """A ``MessageRow`` (id -1) filled from a message's own headers, for display only."""
    headers = parse_headers(raw)
    sender = headers.from_[0] if headers.from_ else None

    def pairs(addresses: tuple[Any, ...]) -> tuple[tuple[str, str], ...]:
        return tuple((a.name, a.email) for a in addresses)

    return MessageRow(
        id=-1, account_id=0, folder_id=0, uid=None, message_id=headers.message_id,
        thread_id=None, subject=headers.subject, from_name=sender.name if sender else "",
        from_email=sender.email if sender else "", to=pairs(headers.to), cc=pairs(headers.cc),
        reply_to=pairs(headers.reply_to), date=headers.date, internaldate=None, sort_date=0.0,
        size=len(raw), flags=(), seen=True, flagged=False, answered=False, draft=False,
        deleted=False, has_attachments=False, body_state="full", preview="",
        in_reply_to=headers.in_reply_to, references=headers.references,
        warnings=headers.warnings, modseq=None, indexed=1,
    )


def build_content(
    row: MessageRow, raw: bytes, allow_remote: bool, key: str,
    contacts: dict[str, set[str]] | None = None,
) -> ReaderContent:
    """Parse ``raw`` into what the reader shows; ``key`` names its HTML document; ``contacts``
    (display name -> known addresses) lets the sender check spot an imitated contact."""
    parsed = parse_message(raw)
    html_only = parsed.text is None and parsed.html is not None
    if parsed.text is not None:
        text = parsed.text
    else:  # each HTML part on its own: one part's markup must not eat the next (H6)
        text = "\n".join(html_to_text(p.content) for p in parsed.parts if p.kind == "html")
    prepared = None
    inline: dict[str, tuple[str, bytes]] = {}
    if any(p.kind == "html" for p in parsed.parts):
        prepared = prepare_parts(
            [(p.kind, p.content) for p in parsed.parts], key, allow_remote=allow_remote
        )
        inline = _inline_parts(raw, parsed.attachments, set(prepared.cid_refs))
    refused = tuple(dict.fromkeys(p.refused_charset for p in parsed.parts if p.refused_charset))
    attachments = tuple(
        ReaderAttachment(a.filename, a.content_type, a.size, a.part_id)
        for a in parsed.attachments
        if not (a.content_id and a.content_id.strip("<>") in inline)
    )
    return ReaderContent(
        row, text, html_only, attachments, parsed.warnings, prepared, inline, header_block(raw),
        allow_remote, key, parsed.headers.from_,
        check_sender(parsed.headers.from_, other_senders(raw), contacts),
        refused_charsets=refused, attachment_risks=_risks(raw, parsed.attachments),
    )


def _risks(raw: bytes, attachments: tuple[Attachment, ...]) -> tuple[AttachmentRisk, ...]:
    """The risky attachments; a ZIP or tar archive in the message is looked inside."""
    def data(attachment: Attachment) -> bytes | None:
        if attachment.size > MAX_ARCHIVE_BYTES:
            return None
        try:
            return attachment_bytes(raw, attachment.part_id)
        except KeyError:
            return None

    found = (assess(a.filename, data(a) if a.filename.lower().endswith(ARCHIVE_SUFFIXES)
                    else None) for a in attachments if not a.is_message)
    return tuple(risk for risk in found if risk is not None)


def header_block(raw: bytes, limit: int = HEADER_LIMIT) -> str:
    """The message's header section as text for the "all headers" view: raw 8-bit bytes
    decoded as UTF-8 (else Latin-1), control characters shown as U+FFFD, cut at ``limit``."""
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        end = raw.find(b"\n\n")
    block = raw[: end if end >= 0 else len(raw)][:limit]
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        text = block.decode("latin-1")
    text = text.replace("\r\n", "\n")
    cleaned = "".join(c if c in "\t\n" or c.isprintable() else "\ufffd" for c in text)
    return cleaned + ("\n…" if end > limit or (end < 0 and len(raw) > limit) else "")


def _inline_parts(
    raw: bytes, attachments: tuple[Attachment, ...], wanted: set[str]
) -> dict[str, tuple[str, bytes]]:
    """The image parts the HTML refers to by ``cid:`` (at most ``INLINE_LIMIT`` bytes)."""
    parts: dict[str, tuple[str, bytes]] = {}
    budget = INLINE_LIMIT
    for attachment in attachments:
        content_id = (attachment.content_id or "").strip().strip("<>")
        if not content_id or content_id not in wanted or not attachment.content_type.startswith("image/"):
            continue
        if attachment.size > budget:
            continue
        try:
            data = attachment_bytes(raw, attachment.part_id)
        except KeyError:
            continue
        budget -= len(data)
        parts[content_id] = (attachment.content_type, data)
    return parts
