"""Content-Type / Content-Disposition values and their parameters (RFC 2045, 2231, and the
common RFC 2047-in-quotes abuse). Pure functions; never raise."""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from .charsets import decode_bytes
from .encoded_words import decode_encoded_words

_CONTINUATION = re.compile(r"^(.*?)\*(\d{1,3})(\*?)$")
_MAX_PARAMS = 64


def _split_params(value: str) -> list[str]:
    """Split at semicolons outside double quotes."""
    parts: list[str] = []
    current: list[str] = []
    in_quote = False
    escaped = False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\" and in_quote:
            current.append(char)
            escaped = True
        elif char == '"':
            in_quote = not in_quote
            current.append(char)
        elif char == ";" and not in_quote:
            parts.append("".join(current))
            current = []
            if len(parts) > _MAX_PARAMS:
                break
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _strip_comments(value: str) -> str:
    """Drop RFC 2045 comments: `(...)` outside quotes that starts the value or follows white
    space (`charset=us-ascii (Plain text)`); `report(1).pdf` keeps its parentheses."""
    if "(" not in value:
        return value
    out: list[str] = []
    depth = 0
    in_quote = False
    escaped = False
    for index, char in enumerate(value):
        if depth:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            continue
        if escaped:
            escaped = False
        elif char == "\\" and in_quote:
            escaped = True
        elif char == '"':
            in_quote = not in_quote
        elif char == "(" and not in_quote and (index == 0 or value[index - 1] in " \t;="):
            depth = 1
            continue
        out.append(char)
    return "".join(out)


def _unquote(value: str) -> tuple[str, bool]:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1]), True
    if value.startswith('"'):
        return value[1:], True
    return value, False


def parse_value(header: str, warnings: list[str]) -> tuple[str, dict[str, str]]:
    """Split `type/subtype; k=v; ...` into (lower-cased value, decoded params)."""
    parts = _split_params(_strip_comments(header))
    main = parts[0].strip().lower()
    plain: dict[str, str] = {}
    extended: dict[str, str] = {}
    pieces: dict[str, list[tuple[int, bool, str]]] = {}
    for part in parts[1:]:
        key, eq, raw_value = part.partition("=")
        key = key.strip().lower()
        if not eq or not key:
            continue
        value, _quoted = _unquote(raw_value)
        match = _CONTINUATION.match(key)
        if match:
            pieces.setdefault(match.group(1), []).append(
                (int(match.group(2)), bool(match.group(3)), value)
            )
        elif key.endswith("*"):
            extended[key[:-1]] = _decode_extended([(0, True, value)], warnings)
        elif key not in plain:
            plain[key] = value
    for key, chunks in pieces.items():
        chunks.sort(key=lambda chunk: chunk[0])
        extended.setdefault(key, _decode_extended(chunks, warnings))
    result: dict[str, str] = {}
    for key, value in plain.items():
        result[key] = (
            decode_encoded_words(value.encode("utf-8"), warnings) if "=?" in value else value
        )
    result.update({key: value for key, value in extended.items() if value})
    return main, result


def _decode_extended(chunks: list[tuple[int, bool, str]], warnings: list[str]) -> str:
    """Join RFC 2231 segments; the charset comes from the first encoded segment."""
    charset: str | None = None
    data = bytearray()
    for index, (_, encoded, value) in enumerate(chunks):
        if encoded:
            if index == 0 and value.count("'") >= 2:
                charset, _lang, value = value.split("'", 2)
            data += unquote_to_bytes(value)
        else:
            data += value.encode("utf-8")
    text, warning = decode_bytes(bytes(data), charset or "utf-8")
    if warning:
        warnings.append(warning)
    return text
