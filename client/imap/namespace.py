"""RFC 2342 NAMESPACE and RFC 8474 MAILBOXID: how folder names are shown, and folder identity.

A server such as Cyrus (``altnamespace: no``) keeps the user's folders under a personal prefix
(``INBOX.`` with ``.`` as the separator): ``INBOX.Sent`` is shown as ``Sent``, not as a child
of INBOX, while commands keep using the server's name. ``shown_names`` does the stripping;
``parse_namespace`` and ``parse_status_mailbox_id`` read the server's replies. Pure
functions, any thread; parsers raise ``ResponseParseError`` on malformed input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from client.imap.parse import ResponseParseError, Segment, Token, tokenize

#: RFC 8474 ``objectid = 1*255(ALPHA / DIGIT / "_" / "-")``.
_OBJECTID = re.compile(r"[A-Za-z0-9_-]{1,255}")


@dataclass(frozen=True)
class Namespace:
    """The personal namespaces ``(prefix, delimiter)`` of a NAMESPACE reply (first = main)."""

    personal: tuple[tuple[str, str | None], ...] = ()

    @property
    def prefix(self) -> str:
        """The main personal prefix (``""`` when the folders sit at the top, as on Dovecot)."""
        return self.personal[0][0] if self.personal else ""


def _text(token: Token) -> str | None:
    if isinstance(token, bytes):
        return token.decode("utf-8", "surrogateescape")
    if isinstance(token, str):
        return None if token.upper() == "NIL" else token
    return None


def parse_namespace(segments: list[Segment]) -> Namespace:
    """An untagged NAMESPACE reply → its personal namespaces (other users' and shared ones
    are not needed to show the user's own folders)."""
    tokens = tokenize(segments)
    if not tokens:
        raise ResponseParseError("empty NAMESPACE response")
    personal = tokens[0]
    if personal is None or personal == "NIL":
        return Namespace()
    if not isinstance(personal, list):
        raise ResponseParseError("malformed NAMESPACE response")
    found: list[tuple[str, str | None]] = []
    for entry in personal:
        if not isinstance(entry, list) or len(entry) < 2:
            raise ResponseParseError("malformed NAMESPACE entry")
        prefix = _text(entry[0])
        if prefix is None:
            raise ResponseParseError("NAMESPACE entry without a prefix")
        found.append((prefix, _text(entry[1])))
    return Namespace(tuple(found))


def valid_mailbox_id(value: object) -> str | None:
    """``value`` if it is an RFC 8474 object id, else None (a server bug must not become an
    identity: Cyrus 3.6 sends binary garbage for MAILBOXID in a long STATUS item list)."""
    if isinstance(value, bytes):
        try:
            value = value.decode("ascii")
        except UnicodeDecodeError:
            return None
    if isinstance(value, str) and _OBJECTID.fullmatch(value):
        return value
    return None


def parse_status_mailbox_id(segments: list[Segment]) -> tuple[str, dict[str, object]]:
    """An untagged STATUS reply → (raw mailbox name, {ITEM: value}) where numbers stay
    strings and ``MAILBOXID`` is the id (or None when not a valid object id)."""
    tokens = tokenize(segments)
    if len(tokens) < 2 or not isinstance(tokens[-1], list):
        raise ResponseParseError("malformed STATUS response")
    name = _text(tokens[0])
    if name is None:
        raise ResponseParseError("STATUS response without a mailbox name")
    items = tokens[-1]
    out: dict[str, object] = {}
    for k in range(0, len(items) - 1, 2):
        key, value = items[k], items[k + 1]
        if not isinstance(key, str):
            continue
        if key.upper() == "MAILBOXID":
            inner = value[0] if isinstance(value, list) and len(value) == 1 else None
            out["MAILBOXID"] = valid_mailbox_id(inner)
        else:
            out[key.upper()] = value
    return name, out


def shown_names(decoded: Sequence[str], namespace: Namespace) -> list[str]:
    """The names to show for LIST's decoded names: the main personal prefix is removed
    (``INBOX.Sent`` → ``Sent``) unless the result would be empty, INBOX, or the name of
    another listed folder (then the full name stays, so every name is still unique)."""
    prefix = namespace.prefix
    if not prefix:
        return list(decoded)
    taken = {name for name in decoded if not name.startswith(prefix)}
    out: list[str] = []
    for name in decoded:
        rest = name[len(prefix):] if name.startswith(prefix) else None
        if not rest or rest in taken or rest.upper() == "INBOX":
            out.append(name)
        else:
            out.append(rest)
    return out
