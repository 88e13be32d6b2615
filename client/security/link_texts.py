"""The visible text of each link of sanitised HTML, for checking text against target (H5).

``anchor_texts(html, index_of, count)`` walks HTML that went through
``client.security.html_sanitize`` (well formed, so anchors never nest) and returns, for link
number N (``index_of(href)`` maps an anchor's href to its number, None for other anchors),
the text inside it, whitespace collapsed. Pure, any thread, never raises on bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser


class _AnchorTexts(HTMLParser):
    def __init__(self, index_of: Callable[[str], int | None], count: int) -> None:
        super().__init__(convert_charrefs=True)
        self.index_of = index_of
        self.texts = [""] * count
        self.current: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            index = self.index_of(dict(attrs).get("href") or "")
            self.current = index if index is not None and 0 <= index < len(self.texts) else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.texts[self.current] += data


def anchor_texts(html: str, index_of: Callable[[str], int | None], count: int) -> list[str]:
    """See the module docstring."""
    parser = _AnchorTexts(index_of, count)
    parser.feed(html)
    parser.close()
    return [" ".join(text.split()) for text in parser.texts]
