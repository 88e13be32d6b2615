"""A document font that shapes each distinct text once.

While fpdf2 breaks a cell into lines it asks HarfBuzz for the width of every character and of
every growing prefix of the line, and the items table lays out each cell twice (once to
measure the row, once to draw it): an Arabic 50-item quote made ~14,000 shaping calls for
~260 distinct (text, size, direction) runs, a fifth of its time. `document_font(template)`
returns a copy of an fpdf2 `TTFFont` template whose `perform_harfbuzz_shaping` and
`shaped_text_width` remember their results for this document (keyed by the text, the size and
every shaping parameter, so a result is only reused for the same input; HarfBuzz is
deterministic for one font file), and whose `get_text_width` remembers the width of unshaped
text (fpdf2 sums the widths of the whole prefix again for every character it adds to a line).
fpdf2 only reads the returned glyph lists and tuples.
The memo lives and dies with the document's font (one PDF); one document is built by one
thread, so it needs no lock. Raises nothing of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from client.quotes.pdf_imports import load_fpdf


def _key(text: str, size: float, params: dict[str, Any] | None) -> tuple[Any, ...]:
    given = params or {}
    features = given.get("features") or {}
    return (text, size, given.get("fragment_direction"), given.get("script"),
            given.get("language"), tuple(sorted(features.items())))


@cache
def _memo_class() -> Any:
    load_fpdf()
    from fpdf.fonts import TTFFont

    class MemoShapingFont(TTFFont):
        """fpdf2's `TTFFont` with per-document memos of its shaping and width calls."""

        # TTFFont has __slots__: the memos live in the instance dict of this subclass
        def _remembered(self, memo_name: str, key: tuple[Any, ...],
                        compute: Callable[[], Any]) -> Any:
            memo = self.__dict__.setdefault(memo_name, {})
            found = memo.get(key)
            if found is None:
                found = memo[key] = compute()
            return found

        def perform_harfbuzz_shaping(self, text: str, font_size_pt: float,
                                     text_shaping_params: dict[str, Any] | None) -> Any:
            return self._remembered(
                "_shaped", _key(text, font_size_pt, text_shaping_params),
                lambda: super(MemoShapingFont, self).perform_harfbuzz_shaping(
                    text, font_size_pt, text_shaping_params))

        def shaped_text_width(self, text: str, font_size_pt: float,
                              text_shaping_params: dict[str, Any] | None) -> Any:
            return self._remembered(
                "_widths", _key(text, font_size_pt, text_shaping_params),
                lambda: super(MemoShapingFont, self).shaped_text_width(
                    text, font_size_pt, text_shaping_params))

        def get_text_width(self, text: str, font_size_pt: float,
                           text_shaping_params: dict[str, Any] | None) -> Any:
            """fpdf2 sums the widths of the whole prefix for each character it adds to a
            line (quadratic in Python); the sum of a text at a size is remembered."""
            if text_shaping_params or self.is_symbol:
                return super().get_text_width(text, font_size_pt, text_shaping_params)
            if font_size_pt > self.biggest_size_pt:
                self.biggest_size_pt = font_size_pt
            return self._remembered(
                "_plain", (text, font_size_pt),
                lambda: super(MemoShapingFont, self).get_text_width(text, font_size_pt, None))

    return MemoShapingFont


def document_font(template: Any) -> Any:
    """A shallow copy of `template` (an fpdf2 `TTFFont`) with empty shaping memos."""
    from fpdf.fonts import TTFFont

    kind = _memo_class()
    font = kind.__new__(kind)
    for name in TTFFont.__slots__:
        if hasattr(template, name):
            setattr(font, name, getattr(template, name))
    return font
