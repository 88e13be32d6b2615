"""RFC 5322 address lists (From, To, Cc, ...) to `Address` values; pure, never raises.

Contract (safe from any thread):
- The grammar of RFC 5322 §3.4 with the obsolete forms of §4.4: quoted strings, nested
  comments, groups (`name: a, b;` yields its members), routes (`<@a,@b:user@dom>`), empty
  list items, whitespace and comments around the dots and the `@` of an address.
- The address is always the one outside quotes and comments: `"Anna <a@x>" <b@y>` is from
  `b@y`, `(CEO <ceo@x>) y@z` is from `y@z`. Comments never become the name.
- Display names are RFC 2047-decoded after the list is split (a decoded comma or `<` cannot
  split or address an item); what they contain (an address, bidi controls) is kept as is so the
  reader can warn about it (`sender_checks`).
- Tolerance beyond the RFC keeps every candidate mailbox: `a@x b@y` and `<a@x>b@y` give two,
  `Name addr@x` without brackets gives (Name, addr@x), `<mailto:a@x>` gives a@x.
- `email` has a lower-cased domain; a quoted local part keeps its quotes when it needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Address

# Token kinds: "w" word (atom), "q" quoted string, "l" domain literal, "c" comment,
# or the special character itself (< > : ; @ , .).
_TOKEN = re.compile(
    r"""(?P<ws>\s+)"""
    r"""|(?P<q>"(?:[^"\\]|\\.)*(?:"|\\?$))"""
    r"""|(?P<l>\[(?:[^\[\]\\]|\\.)*(?:\]|\\?$))"""
    r"""|(?P<w>[^\s()<>\[\]:;@\\,."]+)"""
    r"""|(?P<s>[<>:;@,.])"""
    r"""|(?P<c>\()"""
    r"""|(?P<x>\\.?|[\]\)])""",
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\x80-\U0010ffff-]+"
_DOT_ATOM = re.compile(rf"^{_ATEXT}(?:\.{_ATEXT})*$")
_WORDS = ("w", "q")

Token = tuple[str, str, bool]  # (kind, text, preceded by whitespace or a comment)


def tokenize(value: str) -> list[Token]:
    """Split a header value into RFC 5322 tokens; comments are kept as single tokens."""
    tokens: list[Token] = []
    pos = 0
    space = False
    size = len(value)
    while pos < size:
        match = _TOKEN.match(value, pos)
        if match is None:  # cannot happen: every character matches some branch
            pos += 1
            continue
        kind = match.lastgroup or "x"
        if kind == "ws":
            space = True
            pos = match.end()
            continue
        if kind == "c":
            end, text = _comment(value, pos)
            tokens.append(("c", text, space))
            space = True
            pos = end
            continue
        text = match.group(0)
        if kind == "q":
            text = _ESCAPE.sub(r"\1", text[1:-1] if len(text) > 1 and text.endswith('"') else text[1:])
        elif kind == "s":
            kind = text
        tokens.append((kind, text, space))
        space = False
        pos = match.end()
    return tokens


def _comment(value: str, start: int) -> tuple[int, str]:
    """(end offset, content) of the (possibly nested, possibly unclosed) comment at `start`."""
    depth = 0
    pos = start
    out: list[str] = []
    while pos < len(value):
        char = value[pos]
        if char == "\\" and pos + 1 < len(value):
            out.append(value[pos + 1])
            pos += 2
            continue
        if char == "(":
            depth += 1
            if depth > 1:
                out.append(char)
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pos + 1, "".join(out)
            out.append(char)
        else:
            out.append(char)
        pos += 1
    return pos, "".join(out)


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


def _phrase(tokens: list[Token]) -> str:
    """Display-name text of phrase tokens (comments dropped, quotes removed)."""
    out: list[str] = []
    for kind, text, space in tokens:
        if kind == "c":
            continue
        if out and space:
            out.append(" ")
        out.append(text)
    return "".join(out)


def _local_part(tokens: list[Token]) -> str:
    pieces: list[str] = []
    quoted = False
    previous = "."
    for kind, text, space in tokens:
        if kind == "c":
            continue
        if space and kind in _WORDS and previous in _WORDS:
            pieces.append(" ")  # `<aaa bbb>`: two words stay two words, quoted below
            quoted = True
        quoted = quoted or kind == "q"
        pieces.append(text)
        previous = kind
    local = "".join(pieces)
    if quoted and not _DOT_ATOM.match(local):
        escaped = local.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return local


def _addr_spec(tokens: list[Token]) -> str:
    """`local@domain` from tokens with comments and obsolete whitespace around dots dropped."""
    at = max((i for i, token in enumerate(tokens) if token[0] == "@"), default=-1)
    if at < 0:
        return _local_part(tokens)
    local = _local_part(tokens[:at])
    domain = "".join(text for kind, text, _ in tokens[at + 1 :] if kind != "c")
    if local.lower().startswith("mailto:"):
        local = local[7:]
    return f"{local}@{domain.lower()}" if domain else local + "@"


def _angle(tokens: list[Token], start: int) -> tuple[int, str]:
    """(index after '>', address) of the angle-addr whose '<' is at `start`."""
    end = start + 1
    while end < len(tokens) and tokens[end][0] != ">":
        end += 1
    inner = tokens[start + 1 : end]
    if inner and inner[0][0] == "@":  # obs-route: @a,@b: before the address
        colon = next((i for i, token in enumerate(inner) if token[0] == ":"), -1)
        if colon >= 0:
            inner = inner[colon + 1 :]
    elif len(inner) >= 2 and inner[0][1].lower() == "mailto" and inner[1][0] == ":":
        inner = inner[2:]
    stop = next((i for i, token in enumerate(inner) if token[0] in ",:;"), len(inner))
    return end + 1, _addr_spec(inner[:stop])  # `<group:@x;>` is no address: keep its start


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Group bare words into runs: a run continues across '.' and '@', ends at a space
    between two words (`a@x b@y` is two runs, `john . q @ x . y` is one)."""
    runs: list[list[Token]] = []
    joiner = True
    for token in tokens:
        kind = token[0]
        if kind == "c":
            if runs:
                runs[-1].append(token)
            continue
        if kind in _WORDS or kind == "l":
            if joiner or not runs:
                if not runs:
                    runs.append([])
                runs[-1].append(token)
            else:
                runs.append([token])
            joiner = False
        else:
            if not runs:
                runs.append([])
            runs[-1].append(token)
            joiner = kind in ".@"
    return runs


def _bare(tokens: list[Token], decode: Callable[[str], str]) -> list[Address]:
    """Mailboxes of an item without angle brackets: addr-specs, names before them."""
    if not any(token[0] == "@" for token in tokens):
        name = _phrase(tokens)
        return [Address(_clean(decode(name)), "")] if name.strip() else []
    found: list[Address] = []
    words: list[Token] = []
    for run in _runs(tokens):
        if any(token[0] == "@" for token in run):
            found.append(Address(_clean(decode(_phrase(words))), _addr_spec(run)))
            words = []
        else:
            words.extend(run)
    if _phrase(words).strip():
        found.append(Address(_clean(decode(_phrase(words))), ""))
    return found


def parse_item(tokens: list[Token], decode: Callable[[str], str]) -> list[Address]:
    """The mailboxes of one list item (tokens between commas); `decode` applies RFC 2047."""
    found: list[Address] = []
    phrase: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token[0] == "<":
            index, email = _angle(tokens, index)
            name = _clean(decode(_phrase(phrase)))
            if email or name:
                found.append(Address(name, email))
            phrase = []
            continue
        if token[0] != ">":
            phrase.append(token)
        index += 1
    if phrase:
        found.extend(_bare(phrase, decode))
    return found


def _items(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens at top-level commas; a group's name and its ':' and ';' are dropped."""
    items: list[list[Token]] = [[]]
    in_angle = False
    in_group = False
    for token in tokens:
        kind = token[0]
        if kind == "<":
            in_angle = True
        elif kind == ">":
            in_angle = False
        elif not in_angle:
            if kind == ",":
                items.append([])
                continue
            if kind == ";":
                in_group = False
                items.append([])
                continue
            if kind == ":" and not in_group:
                in_group = True
                items[-1] = []  # the group's display name is not a mailbox
                continue
        items[-1].append(token)
    return [item for item in items if any(t[0] != "c" for t in item)]


# Fast path for the commonest single mailboxes (`a@b`, `Name <a@b>`, `"Name" <a@b>`): the
# same result as the tokenizer, without it.
_ADDR = r"[^\s\"\\(),:;<>@\[\]]+@[^\s\"\\(),:;<>@\[\]]+"
_SIMPLE = re.compile(
    rf'\s*(?:"(?P<q>[^"\\]*)"|(?P<n>[^"\\(),:;<>@\[\]]*?))\s*<(?P<a>{_ADDR})>\s*|\s*(?P<b>{_ADDR})\s*'
)


def _domain_lower(address: str) -> str:
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def parse_address_list(
    value: str, decode: Callable[[str], str], limit: int
) -> tuple[list[Address], bool]:
    """Parse a whole header value; returns (addresses, capped)."""
    simple = _SIMPLE.fullmatch(value)
    if simple is not None and ".." not in value and not value.startswith(".") and limit > 0:
        bare = simple.group("b")
        if bare is not None and not bare.startswith(".") and not bare.endswith("."):
            return [Address("", _domain_lower(bare))], False
        if bare is None:
            name = simple.group("q") if simple.group("q") is not None else simple.group("n")
            return [Address(_clean(decode(name or "")), _domain_lower(simple.group("a")))], False
    found: list[Address] = []
    for item in _items(tokenize(value)):
        found.extend(parse_item(item, decode))
        if len(found) > limit:
            return found[:limit], True
    return found, False


def _clean(name: str) -> str:
    """Collapse whitespace (line breaks, tabs) of a decoded name; nothing else is removed."""
    return " ".join(name.split())


_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


def quote_phrase(name: str) -> str:
    """A display name as an RFC 5322 phrase: quoted (with escapes) when it holds specials, so
    a comma, colon, semicolon or `<` can never split it into another address or a group."""
    if not name or not _SPECIALS.search(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_address(name: str, email: str) -> str:
    """`Name <email>` as it would be typed into a header, the name quoted when it holds
    specials (so `format_address('A <a@x>', 'b@y')` parses back to `b@y`); else `email`."""
    if not name or not email:
        return name or email  # a name without an address is shown as the bare name
    return f"{quote_phrase(name)} <{email}>"
