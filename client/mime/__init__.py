"""Robust parsing of raw RFC 822 messages (headers, charsets, bodies, attachments, TNEF).

Every entry point is a pure function, safe from any thread, and never raises on bad input
(except `attachment_bytes`, which raises KeyError for an unknown part id). Problems are
reported in `warnings`; pathological input is cut off with `truncated=True` (checklist M1-M9).

Why hand-written, not the standard `email` package: on the 998 corpus messages
(`tests/benchmarks/bench_mime_parse.py`, 2 cores shared with other work) `parse_message`
took 0.24 s where `email.message_from_bytes(policy=default)` plus reading the same headers and
decoding every part took 5.0 s: 20.7× on the whole corpus, 6.1× without the three messages on
which the standard package is worse than linear (2.5 s for one 3 MB message with an endless
enclosed part), 6.3× for the median message; and the standard package raised on 49 headers or
parts, where this parser records a warning (an earlier measurement gave about 10×).

The names below load on first use (PEP 562), so a module that needs only a light part
(``client.mime.msgid``, ``client.mime.model``) does not pay for the parsers and
charset_normalizer: `tradewind ls` never parses a message.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .filenames import safe_filename
    from .headers import parse_headers
    from .message import attachment_bytes, parse_message
    from .model import (
        DEFAULT_LIMITS,
        Address,
        Attachment,
        BodyPart,
        Limits,
        ParsedHeaders,
        ParsedMessage,
    )
    from .text import body_search_text, preview_text

_WHERE = {
    "DEFAULT_LIMITS": "model", "Address": "model", "Attachment": "model", "BodyPart": "model",
    "Limits": "model", "ParsedHeaders": "model", "ParsedMessage": "model",
    "attachment_bytes": "message", "parse_message": "message", "parse_headers": "headers",
    "body_search_text": "text", "preview_text": "text", "safe_filename": "filenames",
}

__all__ = [
    "DEFAULT_LIMITS",
    "Address",
    "Attachment",
    "BodyPart",
    "Limits",
    "ParsedHeaders",
    "ParsedMessage",
    "attachment_bytes",
    "body_search_text",
    "parse_headers",
    "parse_message",
    "preview_text",
    "safe_filename",
]


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
