"""Tolerant address-list parsing (From, To, Cc, ...); never raises.

Items are split at top-level commas (outside quotes, <...> and comments); group syntax
`name: a, b;` yields its members; an item without an address keeps its text as the name.
Names are RFC 2047-decoded after splitting, so a decoded comma cannot split an item.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Address


def split_items(value: str) -> list[str]:
    """Split an address list at commas and group delimiters that are outside quotes etc."""
    items: list[str] = []
    current: list[str] = []
    depth_comment = 0
    in_angle = False
    in_quote = False
    escaped = False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\" and (in_quote or depth_comment):
            current.append(char)
            escaped = True
            continue
        if in_quote:
            current.append(char)
            if char == '"':
                in_quote = False
            continue
        if char == '"' and not depth_comment:
            in_quote = True
        elif char == "(":
            depth_comment += 1
        elif char == ")" and depth_comment:
            depth_comment -= 1
        elif depth_comment:
            pass
        elif char == "<":
            in_angle = True
        elif char == ">":
            in_angle = False
        elif not in_angle and char in ",;":
            items.append("".join(current))
            current = []
            continue
        elif not in_angle and char == ":":
            current = []  # group name: drop it, keep the members
            continue
        current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _strip_comments(text: str) -> tuple[str, str]:
    """Return (text without comments, first comment's content)."""
    out: list[str] = []
    comment: list[str] = []
    first_comment = ""
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
            if depth == 1:
                comment = []
                continue
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                if not first_comment:
                    first_comment = "".join(comment).strip()
                continue
        if depth:
            comment.append(char)
        else:
            out.append(char)
    return "".join(out), first_comment


def _unquote(name: str) -> str:
    name = name.strip()
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return " ".join(name.split())


def normalise_email(email: str) -> str:
    """Strip spaces and brackets; lower-case the domain part only."""
    email = "".join(email.split()).strip("<>")
    if email.lower().startswith("mailto:"):
        email = email[7:]
    local, at, domain = email.rpartition("@")
    if not at:
        return email
    return f"{local}@{domain.lower()}"


def parse_item(item: str, decode: Callable[[str], str]) -> Address | None:
    """One address item to an Address; `decode` applies RFC 2047 to the display name."""
    left = item.find("<")
    right = item.find(">", left + 1) if left >= 0 else -1
    if left >= 0:
        inner = item[left + 1 : right if right >= 0 else len(item)]
        outer = item[:left] + (item[right + 1 :] if right >= 0 else "")
        plain, comment = _strip_comments(outer)
        name = _unquote(plain) or comment
        return Address(name=decode(name), email=normalise_email(_strip_comments(inner)[0]))
    plain, comment = _strip_comments(item)
    plain = plain.strip()
    if not plain:
        return None  # only a comment, e.g. "unlisted-recipients:; (no To-header on input)"
    if "@" in plain and " " not in plain.strip('"'):
        return Address(name=decode(_unquote(comment)), email=normalise_email(plain))
    return Address(name=decode(_unquote(plain) or comment), email="")


def parse_address_list(
    value: str, decode: Callable[[str], str], limit: int
) -> tuple[list[Address], bool]:
    """Parse a whole header value; returns (addresses, capped)."""
    items: list[str] = []
    for item in split_items(value):
        tokens = item.split()
        if (
            len(tokens) > 1
            and "<" not in item
            and '"' not in item
            and "(" not in item
            and all("@" in token for token in tokens)
        ):
            items.extend(tokens)  # "From: a@x b@y" lists two mailboxes without a comma
        else:
            items.append(item)
    capped = len(items) > limit
    found = (parse_item(item, decode) for item in items[:limit])
    return [address for address in found if address is not None], capped
