"""Plain text from parsed messages: search text, previews, HTML reduced to text.

Pure functions; safe from any thread; never raise.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .model import ParsedMessage

_SKIP = {"script", "style", "head", "title", "template", "noscript", "xml"}
_BLOCK = {
    "p", "div", "br", "li", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "ul", "ol", "dd", "dt",
}  # fmt: skip
_SPACES = re.compile(r"\s+")


class _TextExtractor(HTMLParser):
    def __init__(self, max_chars: int) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self.max_chars = max_chars
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip_depth = 0  # a <head> left open must not hide the body
        elif tag in _SKIP:
            self.skip_depth += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth or self.size >= self.max_chars:
            return
        self.parts.append(data)
        self.size += len(data)


def html_to_text(html: str, max_chars: int = 1_000_000) -> str:
    """Visible text of an HTML document (no tags, no script/style content); lines kept."""
    parser = _TextExtractor(max_chars)
    try:
        parser.feed(html[: max_chars * 4])
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient, but never trust it fully
        pass
    return "".join(parser.parts)


def collapse_whitespace(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _body_text(msg: ParsedMessage, max_chars: int) -> str:
    if msg.text and msg.text.strip():
        return msg.text[: max_chars * 2]
    if msg.html:
        return html_to_text(msg.html, max_chars * 2)
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
