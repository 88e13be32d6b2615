"""HTML reduced to readable plain text: the one converter of the code base.

`html_to_text(html, links=True, max_chars=1_000_000) -> str` serves the composer (the
text/plain half of multipart/alternative), the reader and `tradewind show` (HTML-only mail),
and search text and previews (`client.mime.text`, with ``links=False``). It keeps paragraphs,
line breaks, list bullets (``- ``), quoted blocks (``> ``), table cells on lines of their own
and ``<pre>`` text as it is; it drops script, style, head, template and noscript content
(a ``<body>`` ends a ``<head>`` left open). With ``links`` a link's target follows its text as
``text (https://…)`` unless the text already shows it. At most ``max_chars`` characters of
text are collected. Pure; any thread; never raises on malformed HTML; always ends with one
line break.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "head", "title", "template", "noscript", "xml"}
_PARAGRAPH = {
    "p", "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "pre",
    "hr", "section", "article", "header", "footer", "dl",
}  # fmt: skip
_LINE = {"tr", "td", "th", "dd", "dt"}
_SPACES = re.compile(r"\s+")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


class _TextCollector(HTMLParser):
    def __init__(self, links: bool, max_chars: int) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.size = 0
        self._links = links
        self._max = max_chars
        self._skip = 0
        self._pre = 0
        self._quote = 0
        self._href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skip = 0  # a <head> left open must not hide the body
        elif tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self._break("\n")
        elif tag == "li":
            self._break("\n")
            self.out.append("- ")
        elif tag in _PARAGRAPH:
            self._break("\n\n")
            self._quote += tag == "blockquote"
            self._pre += tag == "pre"
        elif tag in _LINE:
            self._end_line()
        elif tag == "a":
            self._href.append(dict(attrs).get("href"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _PARAGRAPH:
            if tag == "blockquote":
                self._quote = max(0, self._quote - 1)
            elif tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._break("\n\n")
        elif tag in _LINE:
            self._end_line()
        elif tag == "a" and self._href:
            href = self._href.pop()
            if self._links and href and href.startswith(_LINK_SCHEMES):
                if href.removeprefix("mailto:") not in "".join(self.out[-3:]):
                    self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self._skip or self.size >= self._max:
            return
        at_line_start = not self.out or self.out[-1].endswith("\n")
        if not self._pre:
            data = _SPACES.sub(" ", data)
            if at_line_start:
                data = data.lstrip()
        if not data:
            return
        if self._quote and at_line_start:
            data = "> " * self._quote + data
        if self._quote and self._pre:
            data = data.replace("\n", "\n" + "> " * self._quote)
        self.out.append(data)
        self.size += len(data)

    def _break(self, text: str) -> None:
        self.out.append(text)

    def _end_line(self) -> None:
        """A table cell or row ends the line it is on, once."""
        if self.out and not self.out[-1].endswith("\n"):
            self.out.append("\n")


def html_to_text(html: str, *, links: bool = True, max_chars: int = 1_000_000) -> str:
    """Readable plain text for ``html`` (see the module docstring); runs of blank lines
    collapse to one."""
    parser = _TextCollector(links, max_chars)
    try:
        parser.feed(html[: max_chars * 4])
        parser.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; keep what was collected
        pass
    text = "\n".join(line.rstrip() for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
