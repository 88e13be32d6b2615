"""Plain text from the composer's rich text, for the text/plain half of multipart/alternative.

Keeps paragraphs, line breaks, list bullets and link targets (`text (https://…)`), drops script and
style content. Pure; any thread; never raises on malformed HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre"}
_SKIP = {"script", "style", "head", "title"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0
        self._href: list[str | None] = []
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self._newline()
        elif tag == "li":
            self._newline()
            self.out.append("- ")
        elif tag in _BLOCK:
            self._paragraph()
            if tag == "blockquote":
                self._quote += 1
        elif tag == "a":
            self._href.append(dict(attrs).get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            if tag == "blockquote":
                self._quote = max(0, self._quote - 1)
            self._paragraph()
        elif tag == "a" and self._href:
            href = self._href.pop()
            if href and href.startswith(("http://", "https://", "mailto:")):
                text_so_far = "".join(self.out[-3:])
                if href.removeprefix("mailto:") not in text_so_far:
                    self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = re.sub(r"\s+", " ", data)
        if self._quote and (not self.out or self.out[-1].endswith("\n")):
            data = "> " * self._quote + data.lstrip()
        self.out.append(data)

    def _newline(self) -> None:
        self.out.append("\n")

    def _paragraph(self) -> None:
        self.out.append("\n\n")


def html_to_text(html: str) -> str:
    """Readable plain text for `html`; collapses runs of blank lines."""
    parser = _TextCollector()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; anything else still yields what was collected
        pass
    text = "".join(parser.out)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"
