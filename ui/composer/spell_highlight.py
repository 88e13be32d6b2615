"""Red wavy underlines under misspelled words, as the rep types.

``SpellHighlighter(document, skip)`` is a ``QSyntaxHighlighter``: ``highlightBlock`` only looks
words up in its per-word cache (no dictionary call on the GUI thread, so typing never waits);
words it has not seen yet are checked together on the thread pool
(``SpellChecker.unknown``), then the blocks are highlighted again and ``checked`` is emitted.
``skip(block)`` leaves blocks out (the quote's original lines and its "wrote:" header). What
is marked never changes the document: the underline is a layout overlay, not text format.
``set_checker`` switches the language (``None``: off) and re-checks; ``set_personal`` and
``ignore`` take words out. ``misspelled_at(block, position)`` is the marked word under the
mouse, for the context menu. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QSyntaxHighlighter, QTextBlock, QTextCharFormat, QTextDocument

from client.spelling.checker import SpellChecker, SpellingError, is_personal
from client.spelling.tokens import Word, words
from ui.qt.tasks import run_in_background

UNDERLINE = Qt.GlobalColor.red


def utf16_offset(text: str, index: int) -> int:
    """Qt's (UTF-16) position of the code point ``index`` of ``text``."""
    head = text[:index]
    return index + sum(1 for c in head if ord(c) > 0xFFFF)


class SpellHighlighter(QSyntaxHighlighter):
    """See the module docstring."""

    checked = Signal()
    failed = Signal(str)

    def __init__(self, document: QTextDocument,
                 skip: Callable[[QTextBlock], bool] | None = None) -> None:
        super().__init__(document)
        self.skip = skip
        self.checker: SpellChecker | None = None
        self.known: dict[str, bool] = {}
        self.personal: Collection[str] = frozenset()
        self.ignored: set[str] = set()
        self._pending: set[str] = set()
        self._in_flight = False
        self._generation = 0
        self.format = QTextCharFormat()
        self.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.format.setUnderlineColor(UNDERLINE)
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
        self._pending.clear()
        self._in_flight = False
        self.rehighlight()

    def set_personal(self, personal: Collection[str]) -> None:
        self.personal = personal
        self.rehighlight()

    def ignore(self, word: str) -> None:
        self.ignored.add(word)
        self.rehighlight()

    def _skipped(self, word: str) -> bool:
        return word in self.ignored or is_personal(word, self.personal)

    def _block_words(self, block: QTextBlock) -> list[Word]:
        if self.checker is None or (self.skip is not None and self.skip(block)):
            return []
        return [w for w in words(block.text(), self.checker.script) if not self._skipped(w.text)]

    # -- QSyntaxHighlighter ---------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        for word in self._block_words(self.currentBlock()):
            known = self.known.get(word.text)
            if known is None:
                self._pending.add(word.text)
            elif not known:
                start = utf16_offset(text, word.start)
                self.setFormat(start, utf16_offset(text, word.end) - start, self.format)
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
        self.rehighlight()
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
        for word in self._block_words(block):
            start, end = utf16_offset(text, word.start), utf16_offset(text, word.end)
            if start <= position <= end and self.known.get(word.text) is False:
                return word, block.position()
        return None

    def marked(self, block: QTextBlock) -> list[str]:
        """The words marked in ``block`` now (tests, the screenshots)."""
        layout = block.layout()
        text = block.text()
        out = []
        for rng in layout.formats():
            if rng.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                out.append(text[rng.start:rng.start + rng.length])
        return out
