"""Robust parsing of raw RFC 822 messages (headers, charsets, bodies, attachments, TNEF).

Every entry point is a pure function, safe from any thread, and never raises on bad input
(except `attachment_bytes`, which raises KeyError for an unknown part id). Problems are
reported in `warnings`; pathological input is cut off with `truncated=True` (checklist M1-M9).
"""

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
