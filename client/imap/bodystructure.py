"""BODYSTRUCTURE (RFC 3501 §7.4.2) → the flat list of leaf parts with their section numbers.

Used for oversize messages: fetch the header and the readable text parts, list the rest with
sizes. A ``message/rfc822`` part is one leaf (its insides are not listed). Raises
``ResponseParseError`` on a structure it cannot read. Pure functions, any thread.
"""

from __future__ import annotations

import re
from email.header import decode_header, make_header
from urllib.parse import quote, unquote

from client.imap.models import BodyPart
from client.imap.parse import ResponseParseError, Token, as_int, as_text

MAX_DEPTH = 32
MAX_PARTS = 2000
#: RFC 2231 continuations ``name*N`` / ``name*N*``; a longer N (a 5,000-digit one cannot even
#: become an int) is not a continuation and the parameter is kept under its literal name.
_CONTINUATION = re.compile(r"^(?P<name>[^*]+)\*(?P<n>\d{1,4})(?P<enc>\*?)$")


def leaf_parts(structure: Token) -> list[BodyPart]:
    """All leaves of a BODYSTRUCTURE token tree, in document order."""
    out: list[BodyPart] = []
    if not isinstance(structure, list):
        raise ResponseParseError("BODYSTRUCTURE is not a list")
    if structure and isinstance(structure[0], list):
        _walk(structure, "", out, 0)
    else:
        out.append(_leaf(structure, "1"))
    return out


def _walk(node: list[Token], prefix: str, out: list[BodyPart], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ResponseParseError("BODYSTRUCTURE nested too deeply")
    number = 0
    for child in node:
        if not isinstance(child, list):
            break  # the multipart subtype and its extension data follow the children
        number += 1
        section = f"{prefix}{number}"
        if child and isinstance(child[0], list):
            _walk(child, section + ".", out, depth + 1)
        else:
            out.append(_leaf(child, section))
        if len(out) > MAX_PARTS:
            raise ResponseParseError("BODYSTRUCTURE has too many parts")


def _params(token: Token) -> dict[str, str]:
    """A parameter list → {lower-case name: decoded value}, with RFC 2231 and encoded words."""
    if not isinstance(token, list):
        return {}
    raw: dict[str, str] = {}
    for k in range(0, len(token) - 1, 2):
        key, val = as_text(token[k]), as_text(token[k + 1])
        if key is not None and val is not None:
            raw[key.lower()] = val
    out: dict[str, str] = {}
    pieces: dict[str, list[tuple[int, str, bool]]] = {}
    for key, val in raw.items():
        m = _CONTINUATION.match(key)
        if m:
            pieces.setdefault(m.group("name"), []).append((int(m.group("n")), val, bool(m.group("enc"))))
        elif key.endswith("*"):
            out[key[:-1]] = _decode_2231(val)
        else:
            out[key] = _decode_words(val)
    for name, chunks in pieces.items():
        chunks.sort()
        if chunks[0][2]:
            out[name] = _decode_2231(
                chunks[0][1] + "".join(v if enc else quote(v) for _n, v, enc in chunks[1:]))
        else:
            out[name] = "".join(v for _n, v, _e in chunks)
    return out


def _decode_2231(value: str) -> str:
    """``charset'lang'percent-encoded`` → text (lossy, never raises)."""
    charset, sep, rest = value.partition("'")
    if not sep:
        return unquote(value, errors="replace")
    _lang, _, encoded = rest.partition("'")
    try:
        return unquote(encoded, encoding=charset or "utf-8", errors="replace")
    except LookupError:
        return unquote(encoded, errors="replace")


def _decode_words(value: str) -> str:
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError):
        return value


def _leaf(node: list[Token], section: str) -> BodyPart:
    if len(node) < 7:
        raise ResponseParseError("BODYSTRUCTURE part has too few fields")
    mtype = (as_text(node[0]) or "application").lower()
    subtype = (as_text(node[1]) or "octet-stream").lower()
    params = _params(node[2])
    content_id = as_text(node[3])
    encoding = (as_text(node[5]) or "7bit").lower()
    size = as_int(node[6]) if node[6] is not None else 0
    # Extension data position depends on the type: text has +lines, message/rfc822 has
    # +envelope +body +lines; then md5, disposition.
    if mtype == "text":
        ext = 8
    elif mtype == "message" and subtype in ("rfc822", "global"):
        ext = 10
    else:
        ext = 7
    disposition: str | None = None
    disp_params: dict[str, str] = {}
    disp = node[ext + 1] if len(node) > ext + 1 else None
    if isinstance(disp, list) and disp:
        disposition = (as_text(disp[0]) or "").lower() or None
        if len(disp) > 1:
            disp_params = _params(disp[1])
    filename = disp_params.get("filename") or params.get("name")
    return BodyPart(
        section=section,
        content_type=f"{mtype}/{subtype}",
        size=size,
        encoding=encoding,
        charset=params.get("charset"),
        filename=filename,
        content_id=content_id,
        disposition=disposition,
    )


def is_readable_text(part: BodyPart) -> bool:
    """A text/plain or text/html leaf that is not an attachment."""
    return part.content_type in ("text/plain", "text/html") and part.disposition != "attachment"
