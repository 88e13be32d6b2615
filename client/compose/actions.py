"""What the composer, the CLI and one-click replies do with a cached message and the outbox.

- `reply_fields` / `forward_fields` prefill the composer from a message in the cache: the
  identity the original was addressed to, Reply-To honoured, reply-all without the rep's own
  addresses, one Re:/Fwd: prefix, In-Reply-To/References, the original quoted in HTML (each
  body part sanitised alone, `compose.reply`) and text;
  a forward keeps the attachments (inline) or attaches the whole original (as .eml). The
  attribution line and the forward header are in the caller's `language` (English default).
- `queue_message` validates every address *before* anything is queued, builds the MIME and
  commits it to the outbox; only after it returns may a UI or CLI say "queued". When a company
  signature policy is in force, every message goes through `client.signatures.enforce`: the
  policy's signature replaces any offered or edited one (the rep is told why in
  `QueuedMessage.notices`) and the built message is checked to carry it exactly before queueing.
Pure store work on the calling thread (no network).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from client.compose.assemble import SignatureBlock, assemble
from client.compose.build import (
    Draft,
    OutgoingAttachment,
    build_message,
    envelope_recipients,
    to_bytes,
)
from client.compose.drafts import DraftFields, attachments_of
from client.compose.headers import ComposeError, Recipient, parse_recipients, received_text
from client.compose.identities import Identity, identities, identity_for_reply
from client.compose.quote_language import DEFAULT_LANGUAGE
from client.compose.reply import (
    Original,
    forward_header_block,
    forward_html,
    forward_subject,
    plain_body,
    quote_html,
    quote_text,
    reply_recipients,
    reply_subject,
    threading_headers,
)
from client.mime import Address, parse_message
from client.mime.msgid import normalize_msgid
from client.signatures.enforce import confirm_signature, enforce_signature
from client.smtp.outbox import Outbox
from client.store.db import Store


@dataclass(frozen=True)
class QueuedMessage:
    outbox_id: int
    message_id: str
    recipients: tuple[str, ...]
    notices: tuple[str, ...] = ()  # e.g. "the company signature was restored", for the rep


def _people(addresses: tuple[Address, ...]) -> tuple[Recipient, ...]:
    """Received names lose line breaks, controls and bidi controls (they become headers of the
    reply); the addresses stay as received and are checked when the reply is queued."""
    return tuple(Recipient(received_text(a.name, "name", display=True), a.email)
                 for a in addresses if a.email)


def load_original(store: Store, message_row: int) -> tuple[Original, bytes, int]:
    """The cached message as an `Original`, its raw bytes and its account id."""
    row = store.get_message(message_row)
    if row is None:
        raise ComposeError(f"There is no message {message_row} in the cache.")
    try:
        raw = store.get_raw(message_row)
    except Exception as exc:
        raise ComposeError(f"Message {message_row} has no cached body: {exc}") from exc
    parsed = parse_message(raw)
    h = parsed.headers
    original = Original(
        sender=_people(h.from_), to=_people(h.to), cc=_people(h.cc), reply_to=_people(h.reply_to),
        subject=received_text(h.subject or row.subject, "subject"), date=h.date or row.date,
        message_id=h.message_id,
        references=tuple(h.references), text=parsed.text, parts=parsed.parts,
    )
    return original, raw, row.account_id


def _own_addresses(store: Store, account_id: int) -> set[str]:
    return {i.email.lower() for i in identities(store, account_id)}


def _joined(people: tuple[Recipient, ...]) -> str:
    """As typed into an address field: names with commas or colons quoted, so the list is read
    back as exactly these mailboxes (never a group, never a split name)."""
    return ", ".join(p.typed() for p in people)


def reply_fields(store: Store, message_row: int, *, reply_all: bool = False,
                 language: str = DEFAULT_LANGUAGE) -> DraftFields:
    """Composer fields for a reply (or reply-all) to a cached message; the attribution line is
    in ``language`` (a locale name: en, zh_CN…)."""
    original, raw, account_id = load_original(store, message_row)
    addressed = [p.email for p in (*original.to, *original.cc)]
    identity = identity_for_reply(store, account_id, addressed)
    to, cc = reply_recipients(original, _own_addresses(store, account_id), reply_all)
    in_reply_to, references = threading_headers(original)
    return DraftFields(
        sender=identity.email, sender_name=identity.display_name, to=_joined(to), cc=_joined(cc),
        subject=reply_subject(original.subject), text="", html="",
        quote_text=quote_text(original, language), quote_html=quote_html(original, language),
        in_reply_to=in_reply_to, references=references, reply_to_row=message_row,
    )


def forward_fields(store: Store, message_row: int, *, as_attachment: bool = False,
                   language: str = DEFAULT_LANGUAGE) -> DraftFields:
    """Composer fields for a forward: inline (quoted, attachments kept) or as an .eml attachment;
    the "Forwarded message" header block is in ``language``."""
    original, raw, account_id = load_original(store, message_row)
    addressed = [p.email for p in (*original.to, *original.cc)]
    identity = identity_for_reply(store, account_id, addressed)
    subject = forward_subject(original.subject)
    if as_attachment:
        subject_name = received_text(original.subject, display=True)[:80].replace("/", "_")
        name = (subject_name.strip() or "message") + ".eml"
        attachments: tuple[OutgoingAttachment, ...] = (
            OutgoingAttachment(name, raw, "message/rfc822"),)
        quoted_text: str | None = None
        quoted_html: str | None = None
    else:
        attachments = attachments_of(raw)  # names cleaned as received text
        quoted_text = forward_header_block(original, language) + plain_body(original)
        quoted_html = forward_html(original, language)
    return DraftFields(
        sender=identity.email, sender_name=identity.display_name, subject=subject, text="",
        html="", quote_text=quoted_text, quote_html=quoted_html, attachments=attachments,
        forward_of_row=message_row,
        references=threading_headers(original)[1],
    )


def resolve_identity(store: Store, account_id: int, sender: str) -> Identity:
    """The identity for a From address of this account; refuses foreign addresses."""
    for identity in identities(store, account_id):
        if identity.email.lower() == sender.lower():
            return identity
    raise ComposeError(
        f"{sender} is not one of this account's sending addresses; add it with "
        f"`tradewind identity add` first."
    )


def queue_message(
    store: Store, account_id: int, fields: DraftFields, signature: SignatureBlock | None = None,
    *, hold_for: Callable[[int], str] | None = None,
) -> QueuedMessage:
    """Validate, build and durably queue; raises ComposeError before queueing anything bad.
    `hold_for(outbox_id) -> link_files JSON` (big files sent as links, `client.uploads.outgoing`)
    runs in the queueing transaction: the message waits `uploading` with its uploads recorded,
    or nothing is queued when it raises."""
    identity = resolve_identity(store, account_id, fields.sender)
    to = tuple(parse_recipients(fields.to, "To")) if fields.to.strip() else ()
    cc = tuple(parse_recipients(fields.cc, "Cc")) if fields.cc.strip() else ()
    bcc = tuple(parse_recipients(fields.bcc, "Bcc")) if fields.bcc.strip() else ()
    reply_to = (Recipient("", identity.reply_to),) if identity.reply_to else ()
    enforced = enforce_signature(store, identity.email, fields, signature)  # company policy
    fields, signature = enforced.fields, enforced.signature
    bodies = assemble(fields.text, fields.html, fields.quote_text, fields.quote_html, signature)
    draft = Draft(
        sender=Recipient(fields.sender_name or identity.display_name, identity.email),
        to=to, cc=cc, bcc=bcc, subject=fields.subject, text=bodies.text, html=bodies.html,
        reply_to=reply_to, in_reply_to=fields.in_reply_to, references=fields.references,
        attachments=fields.attachments, inline_images=bodies.images + fields.inline_images,
        calendar=fields.calendar,
    )
    msg = build_message(draft)
    confirm_signature(msg, enforced, fields)  # raises ComposeError: not queued
    message_id = normalize_msgid(str(msg["Message-ID"])) or ""
    recipients = envelope_recipients(draft)
    box = Outbox(store)
    with store.transaction(durable=True):
        outbox_id = box.enqueue(
            account_id, to_bytes(msg), message_id=message_id, sender=identity.email,
            recipients=recipients, subject=fields.subject, reply_to_row=fields.reply_to_row,
            forward_of_row=fields.forward_of_row, link_files="{}" if hold_for else None,
        )
        if hold_for is not None:
            box.set_link_files(outbox_id, hold_for(outbox_id))
    return QueuedMessage(outbox_id, message_id, tuple(recipients), enforced.notices)
