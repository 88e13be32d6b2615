"""What the composer, the CLI and one-click replies prefill from a cached message.

- `reply_fields` / `forward_fields` prefill the composer from a message in the cache: the
  identity the original was addressed to, Reply-To honoured, reply-all without the rep's own
  addresses, one Re:/Fwd: prefix, In-Reply-To/References, the original quoted in HTML (each
  body part sanitised alone, `compose.reply`) and text;
  a forward keeps the attachments (inline) or attaches the whole original (as .eml). The
  attribution line and the forward header are in the caller's `language` (English default).
Queueing what the rep wrote is `client.outgoing.pipeline.queue_message`.
Pure store work on the calling thread (no network).
"""

from __future__ import annotations

from collections.abc import Sequence

from client.compose.build import (
    OutgoingAttachment,
)
from client.compose.correspondence import quote_language_of, reply_language
from client.compose.drafts import DraftFields, attachments_of
from client.compose.headers import ComposeError, Recipient, received_text
from client.compose.identities import identities, identity_for_reply
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
from client.store.db import Store


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
                 language: str | None = DEFAULT_LANGUAGE,
                 candidates: Sequence[str] = ()) -> DraftFields:
    """Composer fields for a reply (or reply-all) to a cached message; the attribution line is
    in ``language`` (a locale name: en, zh_CN…; None: the correspondence's language, detected
    from the original, ``compose.correspondence``, among ``candidates`` too: the signature
    policy's languages, ``client.signatures.languages.policy_languages``), recorded in
    ``DraftFields.language``."""
    original, raw, account_id = load_original(store, message_row)
    language = language or reply_language(store, original, candidates)
    addressed = [p.email for p in (*original.to, *original.cc)]
    identity = identity_for_reply(store, account_id, addressed)
    to, cc = reply_recipients(original, _own_addresses(store, account_id), reply_all)
    in_reply_to, references = threading_headers(original)
    return DraftFields(
        sender=identity.email, sender_name=identity.display_name, to=_joined(to), cc=_joined(cc),
        subject=reply_subject(original.subject), text="", html="",
        quote_text=quote_text(original, quote_language_of(language)),
        quote_html=quote_html(original, quote_language_of(language)),
        in_reply_to=in_reply_to, references=references, reply_to_row=message_row,
        language=language,
    )


def forward_fields(store: Store, message_row: int, *, as_attachment: bool = False,
                   language: str | None = DEFAULT_LANGUAGE,
                   candidates: Sequence[str] = ()) -> DraftFields:
    """Composer fields for a forward: inline (quoted, attachments kept) or as an .eml attachment;
    the "Forwarded message" header block is in ``language`` (None: the original's, detected
    among ``candidates`` too)."""
    original, raw, account_id = load_original(store, message_row)
    language = language or reply_language(store, original, candidates)
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
        quoted_text = (forward_header_block(original, quote_language_of(language))
                       + plain_body(original))
        quoted_html = forward_html(original, quote_language_of(language))
    return DraftFields(
        sender=identity.email, sender_name=identity.display_name, subject=subject, text="",
        html="", quote_text=quoted_text, quote_html=quoted_html, attachments=attachments,
        forward_of_row=message_row,
        references=threading_headers(original)[1], language=language,
    )
