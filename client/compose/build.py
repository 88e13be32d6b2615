"""Building outgoing MIME messages from what the rep wrote.

`build_message(draft)` returns the bytes that go on the wire and into Sent: multipart/alternative
with a plain part generated from the rich text, inline images as multipart/related with `cid:`,
attachments with RFC 2231 file names (plus an RFC 2047 `name=` for older Outlook), UTF-8 headers
encoded, a Message-ID on the sender's domain. Pure; any thread; raises `ComposeError`.
"""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import encoders, policy
from email.header import Header
from email.message import EmailMessage, Message
from email.utils import format_datetime
from urllib.parse import quote

from client.compose.headers import (
    ComposeError,
    Recipient,
    clean_header_text,
    header_value,
    received_text,
)
from client.mime.html_text import html_to_text
from client.mime.msgid import normalize_msgid

SMTP_POLICY = policy.SMTP.clone(max_line_length=78, refold_source="none")


@dataclass(frozen=True)
class OutgoingAttachment:
    """A file to attach: its display name, bytes and (optional) MIME type."""

    filename: str
    data: bytes
    content_type: str | None = None


@dataclass(frozen=True)
class CalendarPart:
    """An iCalendar invitation (`client.meetings.invite_mail`): sent as the last part of the
    multipart/alternative (`text/calendar; method=METHOD`) and again as `invite.ics`."""

    method: str
    data: bytes


@dataclass(frozen=True)
class InlineImage:
    """An image the HTML references as `cid:<content_id>`."""

    content_id: str
    data: bytes
    content_type: str = "image/png"
    filename: str = "image.png"


@dataclass(frozen=True)
class Draft:
    """Everything needed to build one outgoing message."""

    sender: Recipient
    to: tuple[Recipient, ...] = ()
    cc: tuple[Recipient, ...] = ()
    bcc: tuple[Recipient, ...] = ()
    subject: str = ""
    text: str | None = None
    html: str | None = None
    reply_to: tuple[Recipient, ...] = ()
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    attachments: tuple[OutgoingAttachment, ...] = ()
    inline_images: tuple[InlineImage, ...] = ()
    message_id: str | None = None
    date: datetime | None = None
    extra_headers: tuple[tuple[str, str], ...] = field(default=())
    calendar: CalendarPart | None = None


def new_message_id(sender_email: str) -> str:
    """A globally unique Message-ID (without brackets) on the sender's own domain."""
    domain = sender_email.rpartition("@")[2] or "localhost"
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = "localhost"
    return f"{uuid.uuid4().hex}@{domain}"


def _guess_type(filename: str, given: str | None) -> tuple[str, str]:
    ctype = clean_header_text(given or mimetypes.guess_type(filename)[0] or "", "content type")
    ctype = ctype or "application/octet-stream"
    maintype, _, subtype = ctype.partition("/")
    return maintype or "application", subtype or "octet-stream"


def _set_addresses(msg: EmailMessage, name: str, people: tuple[Recipient, ...]) -> None:
    if people:
        msg[name] = ", ".join(p.formatted(name) for p in people)


def _msg_id(value: str) -> str:
    """A Message-ID from received mail (In-Reply-To, References): unsafe characters and inner
    spaces removed, so a reply to a message with a broken ID still goes out; the stored form of
    ``client.mime.msgid``, so threading finds the reply."""
    return normalize_msgid(received_text(value, "Message-ID")) or ""


def _rfc2231_param(param: str, value: str) -> str:
    """`param*0*=utf-8''…; param*1*=…` continuations, each line well under 78 characters."""
    encoded = quote(value.encode("utf-8"), safe="")
    chunks: list[str] = []
    while encoded:
        cut = min(len(encoded), 54)
        while cut < len(encoded) and "%" in encoded[cut - 2 : cut]:
            cut -= 1  # never split a %XX escape
        chunks.append(encoded[:cut])
        encoded = encoded[cut:]
    if len(chunks) == 1:
        return f"{param}*=utf-8''{chunks[0]}"
    parts = [f"{param}*0*=utf-8''{chunks[0]}"]
    parts += [f"{param}*{i}*={chunk}" for i, chunk in enumerate(chunks[1:], start=1)]
    return ";\n ".join(parts)


def _attach_file(msg: EmailMessage, att: OutgoingAttachment) -> None:
    name = header_value(att.filename, "attachment name", display=True)
    name = name.replace("/", "_").replace("\\", "_")
    if not name:
        raise ComposeError("An attachment has no file name.")
    maintype, subtype = _guess_type(name, att.content_type)
    # Built as a compat32 part so the generator keeps our parameter encoding verbatim: RFC 2231
    # filename*= (the standard) plus an RFC 2047 name= that older Outlook versions read.
    part = Message()
    if name.isascii() and '"' not in name:
        part["Content-Type"] = f'{maintype}/{subtype}; name="{name}"'
        part["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        legacy = Header(name, "utf-8").encode().replace('"', "")
        part["Content-Type"] = f'{maintype}/{subtype};\n name="{legacy}"'
        part["Content-Disposition"] = "attachment;\n " + _rfc2231_param("filename", name)
    part.set_payload(att.data)
    encoders.encode_base64(part)
    if msg.get_content_maintype() != "multipart" or msg.get_content_subtype() != "mixed":
        msg.make_mixed()
    msg.attach(part)  # type: ignore[arg-type]  # a compat32 part inside the tree is intended


def build_message(draft: Draft) -> EmailMessage:
    """Build the message; raises `ComposeError` for a missing recipient or an unsafe field.

    Every header value goes through `client.compose.headers.header_value`: typed values are
    refused when unsafe, Message-IDs (from received mail) are cleaned. Any `ValueError` the
    `email` package still raises becomes a `ComposeError` in words."""
    try:
        return _build(draft)
    except ComposeError:
        raise
    except (ValueError, UnicodeError) as exc:
        raise ComposeError(f"The message cannot be built: {exc}.") from None


def _build(draft: Draft) -> EmailMessage:
    if not (draft.to or draft.cc or draft.bcc):
        raise ComposeError("The message has no recipient.")
    if draft.text is None and draft.html is None:
        text = ""
    else:
        text = draft.text if draft.text is not None else html_to_text(draft.html or "")
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = draft.sender.formatted("From")
    _set_addresses(msg, "To", draft.to)
    _set_addresses(msg, "Cc", draft.cc)
    _set_addresses(msg, "Reply-To", draft.reply_to)
    msg["Subject"] = clean_header_text(draft.subject, "subject")
    msg["Date"] = format_datetime(draft.date or datetime.now(UTC))
    mid = draft.message_id or new_message_id(draft.sender.email)
    msg["Message-ID"] = f"<{clean_header_text(mid, 'Message-ID').strip('<>')}>"
    in_reply_to = _msg_id(draft.in_reply_to or "")
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
    refs = [ref for ref in (_msg_id(r) for r in draft.references) if ref]
    if refs:
        msg["References"] = " ".join(f"<{ref}>" for ref in refs)
    for key, value in draft.extra_headers:
        msg[clean_header_text(key, "header name")] = clean_header_text(value, key)
    msg["MIME-Version"] = "1.0"
    # Bcc never goes into the headers: the envelope carries it (see `envelope_recipients`).

    msg.set_content(text, subtype="plain", charset="utf-8", cte=_cte_for(text))
    if draft.html is not None:
        msg.add_alternative(draft.html, subtype="html", charset="utf-8", cte=_cte_for(draft.html))
        if draft.inline_images:
            payload = msg.get_payload()
            assert isinstance(payload, list)
            html_part = payload[-1]
            assert isinstance(html_part, EmailMessage)
            for img in draft.inline_images:
                maintype, subtype = _guess_type(img.filename, img.content_type)
                cid = clean_header_text(img.content_id, "image id").strip("<>")
                html_part.add_related(
                    img.data, maintype=maintype, subtype=subtype, cid=f"<{cid}>",
                    filename=header_value(img.filename, "image name", display=True),
                    disposition="inline",
                )
    if draft.calendar is not None:
        _add_calendar(msg, draft.calendar)
    for att in draft.attachments:
        _attach_file(msg, att)
    if draft.calendar is not None:
        _attach_file(msg, OutgoingAttachment("invite.ics", draft.calendar.data,
                                             "application/ics"))
    return msg


def _add_calendar(msg: EmailMessage, calendar: CalendarPart) -> None:
    """text/calendar;method=… as the last alternative (Outlook and Gmail read it there)."""
    method = calendar.method.upper()
    if method not in ("REQUEST", "CANCEL", "REPLY"):
        raise ComposeError(f"{method[:20]!r} is not an invitation method.")
    text = calendar.data.decode("utf-8")
    msg.add_alternative(text, subtype="calendar", charset="utf-8", cte=_cte_for(text),
                        params={"method": method})


def _cte_for(body: str) -> str:
    """quoted-printable for long lines or non-ASCII text; 7bit keeps short ASCII readable."""
    if body.isascii() and all(len(line) <= 998 for line in body.splitlines()):
        return "7bit" if "\r" not in body else "quoted-printable"
    return "quoted-printable" if _mostly_ascii(body) else "base64"


def _mostly_ascii(body: str) -> bool:
    if not body:
        return True
    return sum(1 for ch in body if ord(ch) < 128) / len(body) > 0.7


def envelope_recipients(draft: Draft) -> list[str]:
    """Every RCPT TO address (To, Cc and Bcc), deduplicated, IDN domains in punycode."""
    seen: dict[str, None] = {}
    for person in (*draft.to, *draft.cc, *draft.bcc):
        seen.setdefault(person.ascii_email, None)
    return list(seen)


def to_bytes(msg: EmailMessage) -> bytes:
    """Wire form with CRLF line ends (dot-stuffing is the SMTP layer's job)."""
    return msg.as_bytes(policy=SMTP_POLICY)
