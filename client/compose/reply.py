"""Replies and forwards: subject prefixes, recipients, threading headers and quoting.

Pure functions over an `Original` (what was received); any thread. Rules:
- one "Re:"/"Fwd:" prefix, recognising the prefixes of other clients and languages
  (RE:, AW:, SV:, R:, 回复:, 答复:, 转发:, WG:, TR:, ...), also stacked or counted ("Re[2]:");
- Reply-To is honoured; reply-all drops the rep's own addresses and duplicates;
- In-Reply-To is the original's Message-ID and References its References plus that ID;
- the original is quoted as "> " lines in text and as a <blockquote> in HTML; the HTML quote
  is built from the original's body parts, each sanitised alone and closed in its own <div>
  (`client.security.html_sanitize.quoted_parts_html`), never from the parts' joined HTML, so
  markup opened in one part cannot swallow the next into an attribute (EFAIL, checklist H6);
  an original without a text part is quoted in text from each HTML part's text, in order;
- the attribution line and the forward header block are in ``language`` (a locale name such
  as en or zh_CN; English by default), dates through babel in ``zone`` (None: local time).
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from client.compose.headers import Recipient
from client.compose.quote_language import (
    DEFAULT_LANGUAGE,
    attribution_line,
    quote_date,
    words_for,
)
from client.mime.addresses import format_address
from client.mime.html_text import html_to_text
from client.mime.model import BodyPart
from client.security.html_sanitize import quoted_parts_html

_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|tr|r|rif|enc|antw|odp|vá|回复|回覆|答复|转发|轉寄|转寄|返信|転送)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
    re.IGNORECASE,
)
_REFERENCES_KEPT = 20


@dataclass(frozen=True)
class Original:
    """The parts of a received message that a reply or forward needs."""

    sender: tuple[Recipient, ...]
    to: tuple[Recipient, ...]
    cc: tuple[Recipient, ...]
    reply_to: tuple[Recipient, ...]
    subject: str
    date: datetime | None
    message_id: str | None
    references: tuple[str, ...]
    text: str | None  # the text parts, joined (None: the message has none)
    parts: tuple[BodyPart, ...] = ()  # the body parts in order (`ParsedMessage.parts`)


def strip_prefixes(subject: str) -> str:
    """The subject without any leading reply/forward prefixes."""
    return _PREFIX.sub("", subject or "").strip()


def reply_subject(subject: str) -> str:
    """Exactly one "Re: " in front of the bare subject."""
    return f"Re: {strip_prefixes(subject)}"


def forward_subject(subject: str) -> str:
    """Exactly one "Fwd: " in front of the bare subject."""
    return f"Fwd: {strip_prefixes(subject)}"


def reply_recipients(
    original: Original, own_addresses: set[str], reply_all: bool
) -> tuple[tuple[Recipient, ...], tuple[Recipient, ...]]:
    """(To, Cc) for a reply. Reply-To wins over From; reply-all adds the other To and Cc.

    The rep's own addresses (all identities, compared case-insensitively) are never included,
    except when the rep replies to their own sent message (then To stays the original To).
    """
    own = {a.lower() for a in own_addresses}
    primary = original.reply_to or original.sender
    own_message = bool(primary) and all(p.email.lower() in own for p in primary)
    if own_message:
        primary = original.to  # replying to something the rep sent: go back to its recipients
    seen: set[str] = set()

    def keep(people: tuple[Recipient, ...]) -> tuple[Recipient, ...]:
        out = []
        for p in people:
            key = p.email.lower()
            if key in own or key in seen or not key:
                continue
            seen.add(key)
            out.append(p)
        return tuple(out)

    if own_message:  # its recipients stay, even when the rep had written to themselves
        kept = []
        for p in primary:
            if p.email and p.email.lower() not in seen:
                seen.add(p.email.lower())
                kept.append(p)
        to = tuple(kept)
    else:
        to = keep(primary)
    if not reply_all:
        return to, ()
    to = to + keep(original.to)
    cc = keep(original.cc)
    return to, cc


def threading_headers(original: Original) -> tuple[str | None, tuple[str, ...]]:
    """(In-Reply-To, References) for a reply to `original`; References bounded in length."""
    if not original.message_id:
        return None, original.references[-_REFERENCES_KEPT:]
    refs = [r for r in original.references if r != original.message_id]
    refs.append(original.message_id)
    return original.message_id, tuple(refs[-_REFERENCES_KEPT:])


def _who(people: tuple[Recipient, ...]) -> str:
    """As the From header says it: a name holding an address stays quoted (checklist I1)."""
    return ", ".join(format_address(p.name, p.email) for p in people)


def attribution(original: Original, language: str = DEFAULT_LANGUAGE,
                zone: tzinfo | None = None) -> str:
    """"On DATE, NAME wrote:" in ``language`` (see ``client.compose.quote_language``)."""
    return attribution_line(_who(original.sender), original.date, language, zone)


def plain_body(original: Original) -> str:
    """The original's text: its text parts, else each HTML part reduced to text alone."""
    if original.text is not None:
        return original.text
    texts = [html_to_text(p.content).strip("\n") for p in original.parts if p.kind == "html"]
    return "\n\n".join(t for t in texts if t)


def quote_text(original: Original, language: str = DEFAULT_LANGUAGE,
               zone: tzinfo | None = None) -> str:
    """Attribution line plus the original text with "> " in front of every line."""
    body = plain_body(original)
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
    return f"{attribution(original, language, zone)}\n{quoted}\n"


def _blockquote(original: Original) -> str:
    inner = quoted_parts_html(original.parts)
    if inner is None:
        # pre-wrap: long lines wrap (in the composer and for the buyer), line breaks stay
        text = (original.text or "").replace("\r\n", "\n")  # a CR is a line break of its own
        inner = '<pre style="white-space:pre-wrap">' + html_lib.escape(text) + "</pre>"
    return (f'<blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;'
            f'padding-left:1ex">{inner}</blockquote>')


def quote_html(original: Original, language: str = DEFAULT_LANGUAGE,
               zone: tzinfo | None = None) -> str:
    """Attribution plus the original in a <blockquote> (each HTML part sanitised alone, text
    escaped)."""
    line = html_lib.escape(attribution(original, language, zone))
    return f'<div class="tw-attribution">{line}</div>{_blockquote(original)}'


def _forward_lines(original: Original, language: str, zone: tzinfo | None) -> list[str]:
    words = words_for(language)
    lines = [
        words.forwarded,
        f"{words.sender}{words.colon}{_who(original.sender)}",
        f"{words.date}{words.colon}{quote_date(original.date, language, zone)}",
        f"{words.subject}{words.colon}{original.subject}",
        f"{words.to}{words.colon}{_who(original.to)}",
    ]
    if original.cc:
        lines.append(f"{words.cc}{words.colon}{_who(original.cc)}")
    return lines


def forward_header_block(original: Original, language: str = DEFAULT_LANGUAGE,
                         zone: tzinfo | None = None) -> str:
    """The "Forwarded message" header block for an inline forward (plain text)."""
    return "\n".join(_forward_lines(original, language, zone)) + "\n\n"


def forward_html(original: Original, language: str = DEFAULT_LANGUAGE,
                 zone: tzinfo | None = None) -> str:
    """The header block (escaped) above the original in a <blockquote>, for an HTML forward."""
    block = "<br>".join(html_lib.escape(line) for line in _forward_lines(original, language, zone))
    return f'<div class="tw-forward-header">{block}</div>{_blockquote(original)}'
