"""Red wavy underlines under misspelled words, as the rep types.

``SpellHighlighter(document, quote=False)`` is a ``QSyntaxHighlighter``: ``highlightBlock``
only looks words up in its per-word cache (no dictionary call on the GUI thread, so typing
never waits); words it has not seen yet are checked together on the thread pool
(``SpellChecker.unknown``), then only the blocks holding a newly found misspelling are
highlighted again and ``checked`` is emitted. With ``quote=True`` (the quote of a reply) only
the rep's own lines are checked: never the original's quoted lines (``is_quoted``) nor the
header above the first of them ("On … wrote:", a forward's header block); the block state
carries "the original has begun" from block to block. What is marked never changes the
document: the underline is a layout overlay, not text format. ``set_checker`` switches the
language (``None``: off) and re-checks; ``set_personal`` and ``ignore`` take words out.
``misspelled_at(block, position)`` is the marked word under the mouse, for the context menu.
GUI thread only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from client.spelling.checker import SpellChecker, SpellingError, is_personal
from client.spelling.tokens import Word, words
from ui.composer.quote_edit import is_quoted
from ui.qt.tasks import run_in_background

UNDERLINE = Qt.GlobalColor.red
_BEGUN = 1  # block state in a quote: the original began at or before this block
_TEXT_CACHE = 20_000  # block texts whose words are remembered


def utf16_offset(text: str, index: int) -> int:
    """Qt's (UTF-16) position of the code point ``index`` of ``text``."""
    head = text[:index]
    return index + sum(1 for c in head if ord(c) > 0xFFFF)


class SpellHighlighter(QSyntaxHighlighter):
    """See the module docstring."""

    checked = Signal()
    failed = Signal(str)

    def __init__(self, document: QTextDocument, quote: bool = False) -> None:
        super().__init__(document)
        self.quote = quote
        self.checker: SpellChecker | None = None
        self.known: dict[str, bool] = {}
        self.personal: Collection[str] = frozenset()
        self.ignored: set[str] = set()
        self._words: dict[str, list[Word]] = {}  # block text -> its words to check
        self._pending: set[str] = set()
        self._in_flight = False
        self._generation = 0
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(UNDERLINE)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._check_pending)

    # -- what is checked ------------------------------------------------------------------------
    def set_checker(self, checker: SpellChecker | None) -> None:
        """Check in ``checker``'s language from now on (None: mark nothing); re-checks all."""
        if checker is self.checker:
            return
        self.checker = checker
        self._generation += 1
        self.known = {}
        self._words = {}
        self._pending.clear()
        self._in_flight = False
        with self._quiet():
            self.rehighlight()

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Re-highlighting emits the document's contentsChanged (so the editor's textChanged)
        although no text changed: hold it back, or every check would mark the draft changed.
        The layout still repaints (it is told directly, not by that signal)."""
        document = self.document()
        was = document.blockSignals(True)
        try:
            yield
        finally:
            document.blockSignals(was)

    def set_personal(self, personal: Collection[str]) -> None:
        added = set(personal) - set(self.personal)
        self.personal = personal
        self.rehighlight_words(added)

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self.rehighlight_words({word})

    def rehighlight_words(self, changed: Iterable[str]) -> None:
        """Highlight again the blocks that hold one of ``changed`` (all others stay)."""
        wanted = [w for w in changed if w]
        if not wanted:
            return
        lowered = [w.lower() for w in wanted]
        block = self.document().begin()
        with self._quiet():
            while block.isValid():
                text = block.text()
                folded = text.lower()
                if any(w in text for w in wanted) or any(w in folded for w in lowered):
                    self.rehighlightBlock(block)
                block = block.next()

    def _skipped(self, word: str) -> bool:
        return word in self.ignored or is_personal(word, self.personal)

    def _text_words(self, text: str) -> list[Word]:
        found = self._words.get(text)
        if found is None:
            assert self.checker is not None
            found = list(words(text, self.checker.script))
            if len(self._words) >= _TEXT_CACHE:
                self._words.clear()
            self._words[text] = found
        return found

    def _checked_words(self, text: str, skip_block: bool) -> list[Word]:
        if self.checker is None or skip_block:
            return []
        return [w for w in self._text_words(text) if not self._skipped(w.text)]

    # -- QSyntaxHighlighter ---------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        skip = False
        if self.quote:
            block = self.currentBlock()
            quoted = is_quoted(block)
            begun = quoted or self.previousBlockState() == _BEGUN
            self.setCurrentBlockState(_BEGUN if begun else 0)
            skip = quoted or not begun
        for word in self._checked_words(text, skip):
            known = self.known.get(word.text)
            if known is None:
                self._pending.add(word.text)
            elif not known:
                start = utf16_offset(text, word.start)
                self.setFormat(start, utf16_offset(text, word.end) - start, self.underline)
        if self._pending and not self._in_flight:
            self._timer.start()

    def _check_pending(self) -> None:
        checker, batch = self.checker, set(self._pending)
        if checker is None or not batch or self._in_flight:
            return
        self._pending.clear()
        self._in_flight = True
        generation = self._generation
        run_in_background(lambda: checker.unknown(batch),
                          lambda unknown: self._answered(generation, batch, unknown),
                          lambda exc: self._check_failed(generation, exc), owner=self)

    def _answered(self, generation: int, batch: set[str], unknown: set[str]) -> None:
        if generation != self._generation:
            return  # another language meanwhile
        self._in_flight = False
        for word in batch:
            self.known[word] = word not in unknown
        self.rehighlight_words(unknown)  # correct words need no new format
        if self._pending:
            self._timer.start()
        else:
            self.checked.emit()

    def _check_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._in_flight = False
        self._pending.clear()
        self.failed.emit(str(exc) if isinstance(exc, SpellingError) else repr(exc))

    # -- the context menu -----------------------------------------------------------------------
    def misspelled_at(self, block: QTextBlock, position: int) -> tuple[Word, int] | None:
        """The marked word at ``position`` (UTF-16, in ``block``) and where the block starts."""
        text = block.text()
        skip = self.quote and (is_quoted(block) or block.userState() != _BEGUN)
        for word in self._checked_words(text, skip):
            start, end = utf16_offset(text, word.start), utf16_offset(text, word.end)
            if start <= position <= end and self.known.get(word.text) is False:
                return word, block.position()
        return None

    def marked(self, block: QTextBlock) -> list[str]:
        """The words marked in ``block`` now (tests, the screenshots)."""
        units = block.text().encode("utf-16-le")  # the ranges count UTF-16 units
        return [units[2 * r.start:2 * (r.start + r.length)].decode("utf-16-le")
                for r in block.layout().formats()
                if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline]
