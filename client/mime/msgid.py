"""Message-IDs in their one stored form: the id without angle brackets.

Threading (``message_refs``, ``client.store.derive``), the replay's check of the server's
Message-ID (``client.ops.replay``), the Sent look-up of an interrupted send and the composer's
In-Reply-To/References all compare ids in this form, so they must come from here.

- ``normalize_msgid(value) -> str | None``: the first id of a Message-ID (or In-Reply-To)
  header value: ``<abc@host>`` -> ``abc@host``. RFC 5322 comments ``(…)`` outside the angle
  brackets are dropped, folding white space inside them is removed (``<abc@\\r\\n host>``),
  stray brackets are trimmed; letter case is kept (ids are compared exactly). None when
  nothing is left. Idempotent: a stored id normalises to itself.
- ``msgid_list(value, limit=500) -> tuple[str, ...]``: every id of a References header (or a
  sequence of ids), in order, each once, at most ``limit`` (the last ones).

Pure; any thread; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_BRACKETED = re.compile(r"<([^<>]{1,998})>")
_COMMENT = re.compile(r"\([^()]*\)")
_SPACE = re.compile(r"\s+")
MAX_IDS = 500


def _without_comments(value: str) -> str:
    """``value`` with its (possibly nested) parenthesised comments removed, except inside
    angle brackets, where a parenthesis is part of the id."""
    if "(" not in value:
        return value
    kept: list[str] = []
    for index, piece in enumerate(re.split(r"(<[^<>]*>)", value)):
        if index % 2 == 0:
            previous = None
            while previous != piece:
                previous, piece = piece, _COMMENT.sub(" ", piece)
        kept.append(piece)
    return "".join(kept)


def _ids(value: str) -> list[str]:
    text = _without_comments(value)
    found = [_SPACE.sub("", inner) for inner in _BRACKETED.findall(text)]
    found = [item for item in found if item]
    if found:
        return found
    return [item for item in (token.strip("<>") for token in _SPACE.split(text)) if item]


def normalize_msgid(value: str | None) -> str | None:
    """The stored form of the first id in ``value`` (see the module docstring)."""
    if not value:
        return None
    found = _ids(value)
    return found[0] if found else None


def msgid_list(value: str | Iterable[str] | None, limit: int = MAX_IDS) -> tuple[str, ...]:
    """Every id in ``value`` (a header string or a sequence of ids/header strings), in order,
    unique, at most the last ``limit``."""
    if not value:
        return ()
    items = _ids(value) if isinstance(value, str) else [
        found for item in value for found in _ids(str(item))]
    return tuple(dict.fromkeys(items))[-limit:]
