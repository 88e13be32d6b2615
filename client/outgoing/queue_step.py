"""Last pipeline step: build the MIME, check it carries the enforced signature, queue it.

`enqueue(store, message)` validates every address first, then commits the built message to
the outbox in one durable transaction (with `message.hold_for` inside it: the message waits
`uploading` with its uploads recorded, or nothing is queued when it raises). Only after it
returns may a UI or CLI say "queued". Store work on the caller's thread; raises
`ComposeError` before anything is queued.
"""

from __future__ import annotations

from client.compose.assemble import assemble
from client.compose.build import Draft, build_message, envelope_recipients, to_bytes
from client.compose.drafts import DraftFields
from client.compose.headers import Recipient, parse_recipients
from client.mime.msgid import normalize_msgid
from client.outgoing.message import Outgoing, QueuedMessage
from client.signatures.enforce import confirm_signature
from client.smtp.outbox import Outbox
from client.store.db import Store

Recipients = tuple[tuple[Recipient, ...], tuple[Recipient, ...], tuple[Recipient, ...]]


def recipients_of(fields: DraftFields) -> Recipients:
    """(To, Cc, Bcc) as typed; raises `ComposeError` naming the field of a bad address."""
    to = tuple(parse_recipients(fields.to, "To")) if fields.to.strip() else ()
    cc = tuple(parse_recipients(fields.cc, "Cc")) if fields.cc.strip() else ()
    bcc = tuple(parse_recipients(fields.bcc, "Bcc")) if fields.bcc.strip() else ()
    return to, cc, bcc


def enqueue(store: Store, message: Outgoing) -> QueuedMessage:
    """Build and durably queue ``message``; see the module."""
    fields, identity = message.fields, message.identity
    to, cc, bcc = recipients_of(fields)
    reply_to = (Recipient("", identity.reply_to),) if identity.reply_to else ()
    bodies = assemble(fields.text, fields.html, fields.quote_text, fields.quote_html,
                      message.signature, quote_first=fields.reply_style == "bottom")
    draft = Draft(
        sender=Recipient(fields.sender_name or identity.display_name, identity.email),
        to=to, cc=cc, bcc=bcc, subject=fields.subject, text=bodies.text, html=bodies.html,
        reply_to=reply_to, in_reply_to=fields.in_reply_to, references=fields.references,
        attachments=fields.attachments, inline_images=bodies.images + fields.inline_images,
        calendar=fields.calendar,
    )
    msg = build_message(draft)
    if message.enforced is not None:
        confirm_signature(msg, message.enforced, fields)  # raises ComposeError: not queued
    message_id = normalize_msgid(str(msg["Message-ID"])) or ""
    recipients = envelope_recipients(draft)
    box = Outbox(store)
    hold_for = message.hold_for
    with store.transaction(durable=True):
        outbox_id = box.enqueue(
            message.account_id, to_bytes(msg), message_id=message_id, sender=identity.email,
            recipients=recipients, subject=fields.subject, reply_to_row=fields.reply_to_row,
            forward_of_row=fields.forward_of_row, link_files="{}" if hold_for else None,
        )
        if hold_for is not None:
            box.set_link_files(outbox_id, hold_for(outbox_id))
    return QueuedMessage(outbox_id, message_id, tuple(recipients), message.notices)
