"""Parsers for IMAP server responses (RFC 3501 syntax plus CONDSTORE/QRESYNC/ESEARCH/UIDPLUS).

A response arrives from imaplib as *segments*: each ``(text, literal)`` pair is text ending in
``{N}`` followed by the N literal bytes, and the final segment is ``(text, None)``. ``tokenize``
turns segments into nested Python values: atoms → ``str``, quoted strings and literals →
``bytes``, ``NIL`` → ``None``, parenthesised lists → ``list``. Bracketed atom suffixes such as
``BODY[HEADER.FIELDS (TO)]<0>`` stay one atom. Every parser raises ``ResponseParseError`` (a
``ValueError``) on malformed input and never anything else. Pure functions, any thread.

Bounds (checklist P1, P2): lists nest at most ``MAX_NESTING`` deep; numbers have at most 20
digits and fit in 63 bits (``as_int``); a sequence set expands to at most the ``limit`` the
caller gives (the folder's EXISTS, or the UIDs it sent), never above
``MAX_SEQUENCE_EXPANSION``, and the check comes before any list is built.

Why hand-written: these bounds, and one unreadable response costing one message (P6), are what
imaplib and imap-tools do not give; speed is not the reason. Measured on the 998 corpus
messages, each as a FETCH reply (`tests/benchmarks/bench_mime_parse.py`): `parse_fetch` +
`meta_of_items` + `client.mime.parse_message` took 0.24 s, imap-tools' `MailMessage` reading
the same fields 0.63 s (2.6×), but only 1.1× without the three messages the standard `email`
package is worse than linear on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Union

Token = Union[str, bytes, None, list["Token"]]  # noqa: UP007  (recursive alias)
Segment = tuple[bytes, bytes | None]

_ATOM_END = frozenset(b' ()"{\r\n')
_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}
_INTERNALDATE = re.compile(
    r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$")
_RESPONSE_CODE = re.compile(rb"\[([A-Z0-9.-]+)(?: ([^\]]*))?\]", re.IGNORECASE)
MAX_SEQUENCE_EXPANSION = 5_000_000
#: Deepest list nesting accepted (a BODYSTRUCTURE of 32 nested multiparts needs about 70).
MAX_NESTING = 100
MAX_NUMBER = 2**63 - 1
_UID_IN_TEXT = re.compile(rb"\bUID (\d{1,10})\b", re.IGNORECASE)


class ResponseParseError(ValueError):
    """The server sent something this parser cannot read."""


def tokenize(segments: list[Segment]) -> list[Token]:
    """Parse response segments into tokens (see module docstring)."""
    stack: list[list[Token]] = [[]]
    for text, literal in segments:
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            if c == 0x20:
                i += 1
            elif c == 0x28:  # (
                if len(stack) > MAX_NESTING:
                    raise ResponseParseError("server response nested too deeply")
                new: list[Token] = []
                stack[-1].append(new)
                stack.append(new)
                i += 1
            elif c == 0x29:  # )
                if len(stack) == 1:
                    raise ResponseParseError("unbalanced ')' in server response")
                stack.pop()
                i += 1
            elif c == 0x22:  # "
                i = _read_quoted(text, i, stack[-1])
            elif c == 0x7B or (c == 0x7E and text[i + 1 : i + 2] == b"{"):  # {N} or ~{N}
                end = text.find(b"}", i)
                if end != n - 1 or literal is None:
                    raise ResponseParseError("literal marker not at the end of a line")
                stack[-1].append(literal)
                literal = None
                i = n
            else:
                i = _read_atom(text, i, stack[-1])
        if literal is not None:
            raise ResponseParseError("literal data without a literal marker")
    if len(stack) != 1:
        raise ResponseParseError("unbalanced '(' in server response")
    return stack[0]


def _read_quoted(text: bytes, i: int, out: list[Token]) -> int:
    buf = bytearray()
    i += 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == 0x5C and i + 1 < n:  # backslash
            buf.append(text[i + 1])
            i += 2
        elif c == 0x22:
            out.append(bytes(buf))
            return i + 1
        else:
            buf.append(c)
            i += 1
    raise ResponseParseError("unterminated quoted string in server response")


def _read_atom(text: bytes, i: int, out: list[Token]) -> int:
    start = i
    n = len(text)
    depth = 0
    while i < n:
        c = text[i]
        if c == 0x5B:  # [
            depth += 1
        elif c == 0x5D and depth:
            depth -= 1
        elif depth == 0 and c in _ATOM_END:
            break
        i += 1
    atom = text[start:i].decode("ascii", "replace")
    out.append(None if atom.upper() == "NIL" else atom)
    return i


def as_int(token: Token) -> int:
    """A number token (at most 20 digits, 0..2**63-1) as an int."""
    if isinstance(token, (str, bytes)) and 0 < len(token) <= 20 and token.isascii() and token.isdigit():
        value = int(token)
        if value <= MAX_NUMBER:
            return value
    if isinstance(token, list):
        raise ResponseParseError("expected a number, got a list")
    raise ResponseParseError(f"expected a number, got {token!r:.40}")


def uid_in_text(text: bytes) -> int | None:
    """The ``UID n`` a (possibly unreadable) FETCH response line names, or None."""
    found = _UID_IN_TEXT.search(text[:4096])
    return int(found.group(1)) if found else None


def as_text(token: Token) -> str | None:
    """A string token as text (UTF-8, lossy); None for NIL."""
    if token is None:
        return None
    if isinstance(token, bytes):
        return token.decode("utf-8", "replace")
    if isinstance(token, str):
        return token
    raise ResponseParseError("expected a string, got a list")


def parse_internaldate(value: str) -> datetime:
    """``"17-Jul-1996 02:44:25 -0700"`` → an aware datetime (locale independent)."""
    m = _INTERNALDATE.match(value)
    if not m or m.group(2).upper() not in _MONTHS:
        raise ResponseParseError(f"bad INTERNALDATE {value!r:.40}")
    day, mon, year, hh, mm, ss, sign, oh, om = m.groups()
    offset = timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == "-" else 1)
    try:
        return datetime(int(year), _MONTHS[mon.upper()], int(day), int(hh), int(mm), int(ss),
                        tzinfo=timezone(offset))
    except ValueError as exc:
        raise ResponseParseError(f"bad INTERNALDATE {value!r:.40}") from exc


def parse_fetch(segments: list[Segment]) -> tuple[int, dict[str, Token]]:
    """An untagged FETCH response (``"7 (UID 9 FLAGS (...) ...)"``) → (msn, {ITEM: value}).
    Item names are upper-cased; section names keep their case (``BODY[1.2]``), and an origin
    suffix (``BODY[]<0>``) is dropped."""
    tokens = tokenize(segments)
    if len(tokens) < 2 or not isinstance(tokens[1], list):
        raise ResponseParseError("FETCH response without an item list")
    items = tokens[1]
    if len(items) % 2:
        raise ResponseParseError("FETCH item list has an odd length")
    out: dict[str, Token] = {}
    for k in range(0, len(items), 2):
        key = items[k]
        if not isinstance(key, str):
            raise ResponseParseError("FETCH item name is not an atom")
        bracket = key.find("[")
        if bracket >= 0:
            close = key.rfind("]")
            key = key[:bracket].upper() + key[bracket : close + 1]
        else:
            key = key.upper()
        out[key.replace(".PEEK", "")] = items[k + 1]
    return as_int(tokens[0]), out


def flags_of(token: Token) -> frozenset[str]:
    if not isinstance(token, list):
        raise ResponseParseError("FLAGS is not a list")
    return frozenset(t for t in token if isinstance(t, str))


def modseq_of(token: Token) -> int:
    """MODSEQ is sent as a one-element list: ``MODSEQ (12345)``."""
    if isinstance(token, list) and token:
        return as_int(token[0])
    return as_int(token)


def parse_list(segments: list[Segment]) -> tuple[frozenset[str], str | None, str]:
    """An untagged LIST response → (attributes, delimiter, raw name). The raw name is the
    server's bytes decoded as UTF-8 with ``surrogateescape``, so it re-encodes exactly."""
    tokens = tokenize(segments)
    if len(tokens) < 3 or not isinstance(tokens[0], list):
        raise ResponseParseError("malformed LIST response")
    attrs = frozenset(t for t in tokens[0] if isinstance(t, str))
    delim_tok = tokens[1]
    delimiter = delim_tok.decode("utf-8", "replace") if isinstance(delim_tok, bytes) else None
    name_tok = tokens[2]
    if isinstance(name_tok, bytes):
        name = name_tok.decode("utf-8", "surrogateescape")
    elif isinstance(name_tok, str):
        name = name_tok
    else:
        raise ResponseParseError("LIST response without a mailbox name")
    return attrs, delimiter, name


def parse_status(segments: list[Segment]) -> dict[str, int]:
    """An untagged STATUS response → {ITEM: number}."""
    tokens = tokenize(segments)
    if len(tokens) < 2 or not isinstance(tokens[-1], list):
        raise ResponseParseError("malformed STATUS response")
    items = tokens[-1]
    out: dict[str, int] = {}
    for k in range(0, len(items) - 1, 2):
        key = items[k]
        if isinstance(key, str):
            out[key.upper()] = as_int(items[k + 1])
    return out


def parse_ranges(value: str) -> list[tuple[int, int]]:
    """``"1:3,7,9:8"`` → ``[(1, 3), (7, 7), (8, 9)]`` without expanding anything. No ``*``."""
    out: list[tuple[int, int]] = []
    value = value.strip()
    if not value:
        return out
    for piece in value.split(","):
        lo, _, hi = piece.partition(":")
        a = as_int(lo)
        b = as_int(hi) if hi else a
        out.append((a, b) if a <= b else (b, a))
    return out


def parse_sequence_set(value: str, limit: int = MAX_SEQUENCE_EXPANSION) -> list[int]:
    """``"1:3,7,9:8"`` → ``[1, 2, 3, 7, 8, 9]`` in the order given (ranges ascending). No ``*``.
    More than ``limit`` numbers (capped at ``MAX_SEQUENCE_EXPANSION``) raise before any
    list is built."""
    ranges = parse_ranges(value)
    total = sum(b - a + 1 for a, b in ranges)
    if total > min(limit, MAX_SEQUENCE_EXPANSION):
        raise ResponseParseError(
            f"the server listed {total} numbers where at most {min(limit, MAX_SEQUENCE_EXPANSION)} "
            "can exist")
    out: list[int] = []
    for a, b in ranges:
        out.extend(range(a, b + 1))
    return out


def numbers_in_ranges(ranges: list[tuple[int, int]], among: Iterable[int]) -> list[int]:
    """The numbers of ``among`` that fall in ``ranges``, ascending (no expansion)."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    starts = [a for a, _b in merged]
    out = []
    for n in sorted(set(among)):
        i = bisect_right(starts, n) - 1
        if i >= 0 and n <= merged[i][1]:
            out.append(n)
    return out


def format_uid_set(uids: list[int] | tuple[int, ...] | set[int] | frozenset[int]) -> str:
    """Sorted, de-duplicated UIDs as a compact set string (``[1,2,3,7]`` → ``"1:3,7"``)."""
    ordered = sorted(set(uids))
    if not ordered:
        raise ValueError("empty UID list")
    if ordered[0] <= 0:
        raise ValueError("UIDs are positive integers")
    parts: list[str] = []
    start = prev = ordered[0]
    for uid in ordered[1:]:
        if uid == prev + 1:
            prev = uid
            continue
        parts.append(f"{start}:{prev}" if prev != start else str(start))
        start = prev = uid
    parts.append(f"{start}:{prev}" if prev != start else str(start))
    return ",".join(parts)


def parse_esearch(segments: list[Segment]) -> dict[str, str]:
    """``* ESEARCH (TAG "x") UID ALL 1:3 COUNT 3`` → ``{"ALL": "1:3", "COUNT": "3"}``."""
    tokens = tokenize(segments)
    out: dict[str, str] = {}
    i = 0
    if tokens and isinstance(tokens[0], list):
        i = 1
    while i < len(tokens):
        key = tokens[i]
        if isinstance(key, str) and key.upper() == "UID":
            i += 1
            continue
        if not isinstance(key, str) or i + 1 >= len(tokens):
            raise ResponseParseError("malformed ESEARCH response")
        val = tokens[i + 1]
        out[key.upper()] = val if isinstance(val, str) else as_text(val) or ""
        i += 2
    return out


def parse_vanished(segments: list[Segment]) -> list[tuple[int, int]]:
    """``* VANISHED (EARLIER) 41,43:45`` → ``[(41, 41), (43, 45)]`` (ranges: a server may
    report ``1:4294967295``; intersect with ``numbers_in_ranges``, never expand)."""
    tokens = tokenize(segments)
    out: list[tuple[int, int]] = []
    for s in (t for t in tokens if isinstance(t, str)):
        out.extend(parse_ranges(s))
    return out


def parse_uid_code(data: bytes, limit: int = MAX_SEQUENCE_EXPANSION) -> tuple[int, list[int], list[int]]:
    """The body of a COPYUID code (``"38505 304,319:320 3956:3958"``) → (uidvalidity, source
    UIDs, destination UIDs), the lists paired index by index; ``limit``: how many UIDs the
    command named."""
    parts = data.decode("ascii", "replace").split()
    if len(parts) != 3:
        raise ResponseParseError("malformed COPYUID")
    src = parse_sequence_set(parts[1], limit)
    dst = parse_sequence_set(parts[2], limit)
    if len(src) != len(dst):
        raise ResponseParseError("COPYUID sets differ in length")
    return as_int(parts[0]), src, dst


def response_code(text: bytes) -> tuple[str, bytes] | None:
    """``b"[APPENDUID 1 5] done"`` → ``("APPENDUID", b"1 5")``."""
    m = _RESPONSE_CODE.search(text)
    if not m:
        return None
    return m.group(1).decode("ascii").upper(), m.group(2) or b""
