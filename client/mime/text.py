"""Plain text from parsed messages: search text and previews (HTML reduced to text by
`client.mime.html_text.html_to_text`, re-exported here).

Pure functions; safe from any thread; never raise.
"""

from __future__ import annotations

from .html_text import html_to_text
from .model import ParsedMessage

__all__ = ["body_search_text", "collapse_whitespace", "html_to_text", "preview_text"]


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace as one space, none at the ends. ``str.split()`` splits on exactly the
    characters ``re``'s ``\\s`` matches (``str.isspace``) and is 2-3x faster on long bodies, which
    the index collapses for every message (issue 17)."""
    return " ".join(text.split())


def _body_text(msg: ParsedMessage, max_chars: int) -> str:
    if msg.text and msg.text.strip():
        return msg.text[: max_chars * 2]
    if msg.html:
        return html_to_text(msg.html, links=False, max_chars=max_chars * 2)
    return ""


def body_search_text(msg: ParsedMessage, max_chars: int = 200_000) -> str:
    """Text for full-text search: the text part, else the HTML reduced to text; whitespace
    collapsed, at most `max_chars` characters."""
    return collapse_whitespace(_body_text(msg, max_chars))[:max_chars]


def preview_text(msg: ParsedMessage, n: int = 200) -> str:
    """The first `n` characters of the body for the message list, quoted lines left out."""
    body = _body_text(msg, max(n * 20, 4000))
    lines = [line for line in body.splitlines() if not line.lstrip().startswith(">")]
    return collapse_whitespace("\n".join(lines))[:n]
