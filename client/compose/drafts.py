"""Drafts: saved locally on every autosave, and to the account's Drafts folder when online.

- `save_draft` commits the built message durably (the composer calls it every few seconds and
  on close); the row is `dirty` until its server copy is up to date. Keeps one Message-ID per
  draft, so every server copy of the same draft is recognisable.
- The drafts push (`client.outgoing.drafts_push`) saves dirty drafts to the server's Drafts.
- `draft_from_message` opens a draft saved elsewhere (a message of the cached Drafts folder, or
  an outbox message sent back to editing) as composer fields: its HTML is built from the body
  parts, each sanitised alone in its own <div> (never the parts' joined HTML: EFAIL, checklist
  H6); `discard_server_copies` removes a draft from the server after sending.
Drafts are saved only to the user's own Drafts folder (checklist O9).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from client.compose.assemble import SignatureBlock, assemble
from client.compose.build import (
    CalendarPart,
    Draft,
    InlineImage,
    OutgoingAttachment,
    build_message,
    new_message_id,
    to_bytes,
)
from client.compose.draft_safe import draft_header_text, draft_recipients
from client.compose.headers import ComposeError, Recipient, received_text
from client.mime import attachment_bytes, parse_message
from client.security.html_sanitize import quoted_parts_html
from client.store.db import Store


@dataclass(frozen=True)
class DraftFields:
    """What the composer holds; addresses as typed ("Name <a@b>, c@d")."""

    sender: str
    sender_name: str = ""
    to: str = ""
    cc: str = ""
    bcc: str = ""
    subject: str = ""
    text: str | None = None  # the rep's own new text (the quote is kept apart)
    html: str | None = None
    quote_text: str | None = None  # the quoted original / forwarded message, below the signature
    quote_html: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    reply_to_row: int | None = None
    forward_of_row: int | None = None
    attachments: tuple[OutgoingAttachment, ...] = field(default=(), compare=False)
    # pictures pasted into the rep's HTML, referenced there as cid:CONTENT-ID
    inline_images: tuple[InlineImage, ...] = field(default=(), compare=False)
    # an invitation's iCalendar (REQUEST/CANCEL/REPLY), not kept with saved drafts
    calendar: CalendarPart | None = field(default=None, compare=False)
    # the correspondence's language (en, zh, de…: `compose.correspondence`): the reply header
    # and the signature's language variant; None: the recipients' domains decide
    language: str | None = None
    # where the rep answers: "top" (above the quote), "bottom" (below it), "inline" (in it)
    reply_style: str = "top"


@dataclass(frozen=True)
class SavedDraft:
    id: int
    account_id: int
    message_id: str
    fields: DraftFields
    server_uid: int | None
    server_state: str
    updated: float


class DraftsFolder(Protocol):
    """What pushing drafts needs from IMAP (implemented over `ImapSession`)."""

    def append_draft(self, raw: bytes) -> int | None: ...

    def uids_with_message_id(self, message_id: str) -> list[int]: ...

    def expunge(self, uids: list[int]) -> None: ...


def _recipients(value: str, field_name: str) -> tuple[Recipient, ...]:
    """Drafts never refuse (`compose.draft_safe`): the MIME copy keeps the valid addresses."""
    return draft_recipients(value, field_name)


def build_draft_message(
    fields: DraftFields, message_id: str, *, allow_empty: bool = True,
    signature: SignatureBlock | None = None,
) -> bytes:
    """The draft as MIME (recipients may be empty while writing)."""
    bodies = assemble(fields.text, fields.html, fields.quote_text, fields.quote_html, signature,
                      quote_first=fields.reply_style == "bottom")
    draft = Draft(
        sender=Recipient(draft_header_text(fields.sender_name, "From", display=True),
                         fields.sender),
        to=_recipients(fields.to, "To"), cc=_recipients(fields.cc, "Cc"),
        bcc=_recipients(fields.bcc, "Bcc"), subject=draft_header_text(fields.subject, "subject"),
        text=bodies.text,
        html=bodies.html, in_reply_to=fields.in_reply_to, references=fields.references,
        attachments=fields.attachments, inline_images=bodies.images + fields.inline_images,
        message_id=message_id,
    )
    if allow_empty and not (draft.to or draft.cc or draft.bcc):
        draft = replace(draft, to=(Recipient("", fields.sender),))
        msg = build_message(draft)
        del msg["To"]
    else:
        msg = build_message(draft)
    bcc = ", ".join(r.formatted("Bcc") for r in draft.bcc)
    if bcc:
        msg["Bcc"] = bcc  # kept in the draft (never in the sent message)
    return to_bytes(msg)


def _meta(fields: DraftFields) -> str:
    data = asdict(fields)
    data.pop("attachments")
    data.pop("inline_images")
    data.pop("calendar")
    return json.dumps(data, ensure_ascii=False)


def save_draft(
    store: Store, account_id: int, fields: DraftFields, draft_id: int | None = None,
    origin_message_id: str | None = None,
) -> int:
    """Create or update a draft durably; returns its id. Raises ComposeError for unsafe input.

    `origin_message_id` names a draft saved by another client that this one continues: its
    server copies are removed together with ours once the draft is sent or discarded.
    """
    now = time.time()
    with store.transaction(durable=True) as conn:
        if draft_id is None:
            message_id = new_message_id(fields.sender)
            raw = build_draft_message(fields, message_id)
            cur = conn.execute(
                "INSERT INTO drafts (account_id, message_id, fields_json, raw, server_state,"
                " origin_message_id, updated, created) VALUES (?, ?, ?, ?, 'dirty', ?, ?, ?)",
                (account_id, message_id, _meta(fields), raw, origin_message_id, now, now),
            )
            return int(cur.lastrowid or 0)
        row = conn.execute("SELECT message_id FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise ComposeError(f"There is no draft {draft_id}.")
        raw = build_draft_message(fields, str(row[0]))
        conn.execute(
            "UPDATE drafts SET fields_json = ?, raw = ?, server_state = 'dirty', updated = ?"
            " WHERE id = ?", (_meta(fields), raw, now, draft_id),
        )
        return draft_id


def _saved(row: tuple[Any, ...], raw: bytes) -> SavedDraft:
    meta = json.loads(row[2])
    meta["references"] = tuple(meta.get("references") or ())
    attachments = attachments_of(raw)
    fields = DraftFields(**meta, attachments=attachments, inline_images=inline_images_of(raw))
    return SavedDraft(int(row[0]), int(row[1]), str(row[3]), fields, row[4], str(row[5]),
                      float(row[6]))


def attachments_of(raw: bytes) -> tuple[OutgoingAttachment, ...]:
    """The real attachments of a message (not inline images, not TNEF extracts), for re-sending;
    names and types cleaned as received text (they become headers again)."""
    parsed = parse_message(raw)
    out = []
    for att in parsed.attachments:
        if att.inline or att.from_tnef:
            continue
        try:
            out.append(OutgoingAttachment(
                received_text(att.filename, "file name", display=True) or "attachment",
                attachment_bytes(raw, att.part_id), received_text(att.content_type) or None))
        except KeyError:
            continue
    return tuple(out)


def inline_images_of(raw: bytes) -> tuple[InlineImage, ...]:
    """The pictures a draft's HTML shows inline (parts with a Content-ID), to reopen it."""
    parsed = parse_message(raw)
    out = []
    for att in parsed.attachments:
        if not (att.inline and att.content_id) or att.from_tnef:
            continue
        try:
            data = attachment_bytes(raw, att.part_id)
        except KeyError:
            continue
        cid = "".join(received_text(att.content_id, "image id").split()).strip("<>")
        if not cid:
            continue
        out.append(InlineImage(cid, data, received_text(att.content_type) or "image/png",
                               received_text(att.filename, display=True) or "image.png"))
    return tuple(out)


_DRAFT_COLS = "id, account_id, fields_json, message_id, server_uid, server_state, updated, raw"


def get_draft(store: Store, draft_id: int) -> SavedDraft:
    row = store.conn.execute(f"SELECT {_DRAFT_COLS} FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    if row is None:
        raise ComposeError(f"There is no draft {draft_id}.")
    return _saved(row, bytes(row[7]))


def list_drafts(store: Store, account_id: int | None = None) -> list[SavedDraft]:
    """Drafts the rep can open (not those only waiting for their server copies to go)."""
    rows = store.conn.execute(
        f"SELECT {_DRAFT_COLS} FROM drafts WHERE (? IS NULL OR account_id = ?)"
        " AND server_state != 'discard' ORDER BY updated DESC",
        (account_id, account_id),
    ).fetchall()
    return [_saved(r, bytes(r[7])) for r in rows]


def draft_raw(store: Store, draft_id: int) -> bytes:
    row = store.conn.execute("SELECT raw FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    if row is None:
        raise ComposeError(f"There is no draft {draft_id}.")
    return bytes(row[0])


def delete_local_draft(store: Store, draft_id: int) -> None:
    """Drop a draft (sent or discarded). Server copies, ours and the one it continued, are
    removed by the next `push_drafts`; until then the row waits in state `discard`."""
    with store.transaction(durable=True) as conn:
        row = conn.execute(
            "SELECT server_uid, origin_message_id, server_state FROM drafts WHERE id = ?",
            (draft_id,),
        ).fetchone()
        if row is None:
            return
        ever_saved = row[0] is not None or row[2] == "saved"
        if ever_saved or row[1]:
            conn.execute("UPDATE drafts SET server_state = 'discard' WHERE id = ?", (draft_id,))
        else:
            conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def forget_cached_copies(store: Store, account_id: int, message_ids: Iterable[str | None],
                         keep_uid: int | None = None) -> int:
    """Remove cached Drafts-folder rows with these Message-IDs (their server copies are gone),
    except the row of ``keep_uid``; returns how many. Idempotent."""
    ids = sorted({m for m in message_ids if m})
    if not ids:
        return 0
    marks = ", ".join("?" * len(ids))
    rows = store.conn.execute(
        "SELECT m.folder_id, m.uid FROM messages m JOIN folders f ON f.id = m.folder_id"
        f" WHERE m.account_id = ? AND f.role = 'drafts' AND m.message_id IN ({marks})"
        " AND m.uid IS NOT NULL", (account_id, *ids),
    ).fetchall()
    by_folder: dict[int, list[int]] = {}
    for folder_id, uid in rows:
        if uid != keep_uid:
            by_folder.setdefault(int(folder_id), []).append(int(uid))
    return sum(len(store.remove_uids(folder_id, uids)) for folder_id, uids in by_folder.items())


def discard_server_copies(folder: DraftsFolder, message_id: str) -> None:
    """Remove every server copy of a draft (after it was sent or deleted)."""
    uids = folder.uids_with_message_id(message_id)
    if uids:
        folder.expunge(uids)


def draft_from_message(raw: bytes, default_sender: str) -> DraftFields:
    """Composer fields from a draft saved by another client (or by us) on the server; its
    subject and names are cleaned as received text (`headers.received_text`)."""
    parsed = parse_message(raw)
    h = parsed.headers

    def joined(people: tuple[Any, ...]) -> str:  # names quoted, so each mailbox stays one
        return ", ".join(Recipient(received_text(p.name, display=True), p.email).typed()
                         for p in people if p.email)

    sender = h.from_[0] if h.from_ else None
    html = quoted_parts_html(parsed.parts)
    return DraftFields(
        sender=(sender.email if sender and sender.email else default_sender),
        sender_name=received_text(sender.name, display=True) if sender else "",
        to=joined(h.to), cc=joined(h.cc), bcc=joined(h.bcc),
        subject=received_text(h.subject, "subject"),
        text=parsed.text, html=html, in_reply_to=h.in_reply_to,
        references=tuple(h.references), attachments=attachments_of(raw),
        inline_images=inline_images_of(raw) if html is not None else (),
    )
