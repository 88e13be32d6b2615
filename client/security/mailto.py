"""A safe RFC 6068 ``mailto:`` parser for links in messages (checklist H8).

Only ``to``, ``cc``, ``bcc``, ``subject``, ``body`` and ``in-reply-to`` are used. Everything
else is refused and reported with a reason, never applied: ``attach``/``attachment`` (a file
from the rep's computer, "Mailto: Me Your Secrets"), ``from``/``sender``/``reply-to`` (who the
mail claims to be from), any other header, repeated single fields. Line breaks and NUL in the
address and subject fields (``%0d%0a`` header smuggling) are removed and reported; the body
keeps its line breaks. Pure, any thread; ``parse_mailto`` raises ``MailtoError`` only for a URL
that is not ``mailto:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import getaddresses
from urllib.parse import unquote

MAX_ADDRESSES = 100  # per field
MAX_SUBJECT = 998
MAX_BODY = 1024 * 1024
MAX_SHOWN_VALUE = 200  # characters of a refused value kept for display
_ADDRESS_FIELDS = ("to", "cc", "bcc")
_SENDER_FIELDS = {"from", "sender", "reply-to", "return-path", "resent-from"}
_BREAKS = re.compile(r"[\r\n\x00]+")
_MESSAGE_ID = re.compile(r"^<?([^<>\s@]+@[^<>\s@]+)>?$")

#: reason codes of ``RefusedParameter.reason`` (the UI puts them into words)
ATTACHMENT = "attachment"
SENDER = "sender"
HEADER = "header"
DUPLICATE = "duplicate"
LINE_BREAK = "line-break"
TOO_LONG = "too-long"
INVALID = "invalid"


class MailtoError(ValueError):
    """The URL is not a ``mailto:`` URL."""


@dataclass(frozen=True)
class RefusedParameter:
    """A parameter not used as it was written: its name, its value (shortened) and why."""

    name: str
    value: str
    reason: str


@dataclass(frozen=True)
class MailtoFields:
    """What a composer may be prefilled with, and what was refused."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    in_reply_to: str = ""  # a Message-ID without angle brackets
    refused: tuple[RefusedParameter, ...] = ()


def parse_mailto(url: str) -> MailtoFields:
    """Parse ``url`` (``mailto:…``) into safe composer fields; see the module docstring."""
    text = url.strip()
    if not text.lower().startswith("mailto:"):
        raise MailtoError("This is not a mailto: link.")
    head, _, query = text[len("mailto:"):].partition("?")
    refused: list[RefusedParameter] = []
    addresses: dict[str, list[str]] = {name: [] for name in _ADDRESS_FIELDS}
    single: dict[str, str] = {}
    addresses["to"] += _addresses("to", _decode(head), refused)
    for item in query.split("&") if query else ():
        if not item:
            continue
        raw_name, _, raw_value = item.partition("=")
        name, value = _decode(raw_name).strip().lower(), _decode(raw_value)
        if name in _ADDRESS_FIELDS:
            addresses[name] += _addresses(name, value, refused)
        elif name in ("subject", "body", "in-reply-to"):
            if name in single:
                refused.append(_refused(name, value, DUPLICATE))
            else:
                single[name] = value
        elif "attach" in name:
            refused.append(_refused(name, value, ATTACHMENT))
        elif name in _SENDER_FIELDS:
            refused.append(_refused(name, value, SENDER))
        else:
            refused.append(_refused(name, value, HEADER))
    subject = _one_line("subject", single.get("subject", ""), refused)
    if len(subject) > MAX_SUBJECT:
        refused.append(_refused("subject", subject, TOO_LONG))
        subject = subject[:MAX_SUBJECT]
    body = single.get("body", "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if len(body) > MAX_BODY:
        refused.append(_refused("body", body[MAX_BODY:], TOO_LONG))
        body = body[:MAX_BODY]
    in_reply_to = ""
    if "in-reply-to" in single:
        match = _MESSAGE_ID.match(_one_line("in-reply-to", single["in-reply-to"], refused).strip())
        if match:
            in_reply_to = match.group(1)
        else:
            refused.append(_refused("in-reply-to", single["in-reply-to"], INVALID))
    capped = {}
    for name, values in addresses.items():
        if len(values) > MAX_ADDRESSES:
            refused.append(_refused(name, ", ".join(values[MAX_ADDRESSES:]), TOO_LONG))
        capped[name] = tuple(values[:MAX_ADDRESSES])
    return MailtoFields(capped["to"], capped["cc"], capped["bcc"], subject, body, in_reply_to,
                        tuple(refused))


def _decode(value: str) -> str:
    return unquote(value, encoding="utf-8", errors="replace")  # '+' stays '+' (RFC 6068)


def _refused(name: str, value: str, reason: str) -> RefusedParameter:
    shown = value if len(value) <= MAX_SHOWN_VALUE else value[:MAX_SHOWN_VALUE] + "…"
    return RefusedParameter(name, _BREAKS.sub(" ", shown), reason)


def _one_line(name: str, value: str, refused: list[RefusedParameter]) -> str:
    if _BREAKS.search(value):
        refused.append(_refused(name, value, LINE_BREAK))
        return " ".join(part.strip() for part in _BREAKS.split(value) if part.strip())
    return value


def _addresses(name: str, value: str, refused: list[RefusedParameter]) -> list[str]:
    value = _one_line(name, value, refused)
    out = []
    for display, address in getaddresses([value]):
        address = address.strip()
        if not address:
            continue
        out.append(f"{display} <{address}>" if display and "@" in address else address)
    return out
