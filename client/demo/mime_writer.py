"""Deterministic writer of raw RFC 5322 messages for the demo profile.

Pure functions, callable from any thread. The same input always gives the same bytes: boundaries
are derived from a caller-supplied key, never random. Text is encoded in the charset asked for
(falling back to UTF-8 when a character does not fit), with the transfer encoding a real mail
program would choose for it. Lines end in CRLF.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from email.header import Header
from email.utils import format_datetime, formataddr
from urllib.parse import quote

_QP_CHARSETS = {"iso-8859-1", "iso-8859-15", "windows-1252"}


@dataclass(frozen=True)
class Mailbox:
    """A display name and an address."""

    name: str
    email: str


@dataclass(frozen=True)
class Part:
    """A leaf MIME part. ``text`` parts are encoded in ``charset``; ``data`` parts go base64."""

    content_type: str
    text: str | None = None
    data: bytes | None = None
    charset: str = "utf-8"
    filename: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    content_id: str | None = None


@dataclass(frozen=True)
class Envelope:
    """The header fields of one message."""

    sender: Mailbox
    to: tuple[Mailbox, ...]
    subject: str
    date: datetime
    message_id: str
    cc: tuple[Mailbox, ...] = ()
    reply_to: tuple[Mailbox, ...] = ()
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    header_charset: str = "utf-8"
    extra: tuple[tuple[str, str], ...] = field(default=())


def encode_text(text: str, charset: str) -> tuple[bytes, str]:
    """Encode ``text`` in ``charset``; returns (bytes, charset actually used; UTF-8 fallback)."""
    try:
        return text.encode(charset), charset
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"


def header_text(text: str, charset: str) -> str:
    """``text`` as a header value: ASCII as is, else RFC 2047 encoded words in ``charset``."""
    if text.isascii():
        return text
    _, used = encode_text(text, charset)
    return Header(text, used, maxlinelen=76).encode(linesep="\n")


def address_list(boxes: tuple[Mailbox, ...], charset: str) -> str:
    """A comma-separated address list with encoded display names."""
    out = []
    for box in boxes:
        _, used = encode_text(box.name, charset)
        out.append(formataddr((box.name, box.email), charset=used))
    return ",\n ".join(out)


def _transfer_encode(data: bytes, charset: str) -> tuple[str, str]:
    """(encoded body, Content-Transfer-Encoding) for text bytes in ``charset``."""
    if data.isascii():
        return data.decode("ascii"), "7bit"
    if charset in _QP_CHARSETS:
        return binascii.b2a_qp(data, istext=True).decode("ascii"), "quoted-printable"
    return base64.encodebytes(data).decode("ascii"), "base64"


def _filename_params(filename: str) -> tuple[str, str]:
    """(Content-Type name param, Content-Disposition filename params), RFC 2231 for non-ASCII."""
    if filename.isascii():
        return f'; name="{filename}"', f'; filename="{filename}"'
    encoded_word = Header(filename, "utf-8").encode()
    return f'; name="{encoded_word}"', f"; filename*=utf-8''{quote(filename, safe='')}"


def _render_part(part: Part) -> list[str]:
    """Header and body lines of one leaf part."""
    params = "".join(f'; {k}="{v}"' if " " in v else f"; {k}={v}" for k, v in part.params)
    if part.content_type == "message/rfc822" and part.data is not None:
        inner = part.data.replace(b"\r\n", b"\n").decode("utf-8")
        cte = "7bit" if inner.isascii() else "8bit"
        lines = [f"Content-Type: message/rfc822{params}"]
        if part.filename:
            name_param, file_param = _filename_params(part.filename)
            lines[0] += name_param
            lines.append(f"Content-Disposition: attachment{file_param}")
        return [*lines, f"Content-Transfer-Encoding: {cte}", "", inner.rstrip("\n")]
    if part.text is not None:
        text = part.text.replace("\r\n", "\n")
        if not text.endswith("\n"):
            text += "\n"
        data, used = encode_text(text, part.charset)
        body, cte = _transfer_encode(data, used)
        ctype = f"{part.content_type}; charset={used}{params}"
    else:
        body, cte = base64.encodebytes(part.data or b"").decode("ascii"), "base64"
        ctype = f"{part.content_type}{params}"
    lines = []
    if part.content_id:
        lines.append(f"Content-Type: {ctype}")
        lines.append(f"Content-ID: <{part.content_id}>")
        lines.append("Content-Disposition: inline")
    elif part.filename:
        name_param, file_param = _filename_params(part.filename)
        lines.append(f"Content-Type: {ctype}{name_param}")
        lines.append(f"Content-Disposition: attachment{file_param}")
    else:
        lines.append(f"Content-Type: {ctype}")
    lines.append(f"Content-Transfer-Encoding: {cte}")
    lines.append("")
    lines.append(body.rstrip("\n"))
    return lines


def boundary_for(key: str, level: int) -> str:
    """A boundary that cannot occur in base64 or QP bodies, stable for ``key``."""
    digest = hashlib.sha256(f"{key}/{level}".encode()).hexdigest()[:24]
    return f"----=_Part_{level}_{digest}"


def _render_multipart(subtype: str, children: list[list[str]], key: str, level: int) -> list[str]:
    boundary = boundary_for(key, level)
    lines = [f'Content-Type: multipart/{subtype}; boundary="{boundary}"', ""]
    lines.append("This is a multi-part message in MIME format.")
    for child in children:
        lines.append(f"--{boundary}")
        lines.extend(child)
    lines.append(f"--{boundary}--")
    return lines


def render_message(
    env: Envelope,
    body: Part,
    *,
    alternative: Part | None = None,
    related: tuple[Part, ...] = (),
    attachments: tuple[Part, ...] = (),
) -> bytes:
    """The raw message: ``body`` (plus an HTML ``alternative`` whose ``cid:`` images are the
    ``related`` parts) and ``attachments``, CRLF line ends."""
    cs = env.header_charset
    head = [
        f"Date: {format_datetime(env.date)}",
        f"From: {address_list((env.sender,), cs)}",
        f"To: {address_list(env.to, cs)}",
    ]
    if env.cc:
        head.append(f"Cc: {address_list(env.cc, cs)}")
    if env.reply_to:
        head.append(f"Reply-To: {address_list(env.reply_to, cs)}")
    head.append(f"Subject: {header_text(env.subject, cs)}")
    head.append(f"Message-ID: <{env.message_id}>")
    if env.in_reply_to:
        head.append(f"In-Reply-To: <{env.in_reply_to}>")
    if env.references:
        head.append("References: " + "\n ".join(f"<{r}>" for r in env.references))
    head.extend(f"{name}: {value}" for name, value in env.extra)
    head.append("MIME-Version: 1.0")

    content = _render_part(body)
    if alternative is not None:
        content = _render_multipart("alternative", [content, _render_part(alternative)], env.message_id, 2)
    if related:
        children = [content] + [_render_part(p) for p in related]
        content = _render_multipart("related", children, env.message_id, 3)
    if attachments:
        children = [content] + [_render_part(a) for a in attachments]
        content = _render_multipart("mixed", children, env.message_id, 1)
    text = "\n".join(head + content) + "\n"
    return text.replace("\n", "\r\n").encode("ascii")
