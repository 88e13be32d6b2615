"""Benchmark: spell checking while typing (issue 11); not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_spelling

A long reply (``LINES`` lines, about 12 words each, one misspelled word in ten lines) is put
in the composer's editor with the ``SpellHighlighter`` on it. Measured on the GUI thread:
a full re-highlight with every word already cached (what a language switch costs once the
words are known, and the upper bound of a block's cost), and one typed character at the end
of the long document, with the highlighter and, as the peer in the same run, without it.
Off the GUI thread: the first check of all the document's words (``SpellChecker.unknown``,
dictionary loaded before) and, per language, loading the dictionary, checking a word and
suggesting for a misspelled one. Best of ``RUNS``; the load average is printed beside every
figure (a shared machine). Target: a typed character costs the GUI thread well under a few
milliseconds more with the highlighter than without.
"""

from __future__ import annotations

import os
import time

RUNS = 5
LINES = 2000
SENTENCE = ("Thank you for the order of the panels, we will confirm the delivery date and "
            "the price")
WRONG = "recieve"


def _load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def _best(fn: object, runs: int = RUNS) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> int:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from client.spelling.checker import checker_for
    from client.spelling.tokens import words
    from ui.composer.editor import ComposeEditor
    from ui.composer.spell_highlight import SpellHighlighter

    app = QApplication.instance() or QApplication([])
    checker = checker_for("en_US")
    checker.load()
    for lines in (LINES // 10, LINES):
        text = "\n".join(f"{n}. {SENTENCE} {WRONG if n % 10 == 0 else 'today'}."
                         for n in range(lines))
        distinct = {w.text for w in words(text)}
        fresh = type(checker)("en_US", checker.folder)
        fresh.load()
        first = _best(lambda: fresh.unknown(distinct), 1)  # noqa: B023
        print(f"{lines} lines: first check of its {len(distinct)} distinct words, worker "
              f"thread: {first:.2f} ms ({_load()})")

        def typed_char(editor: ComposeEditor) -> float:
            cursor = editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            editor.setTextCursor(cursor)

            def one() -> None:
                editor.insertPlainText("x")
                app.processEvents()  # type: ignore[union-attr]
            return _best(one, 20)

        plain = ComposeEditor()
        plain.setPlainText(text)
        plain.show()
        app.processEvents()  # type: ignore[union-attr]
        without = typed_char(plain)
        editor = ComposeEditor()
        highlighter = SpellHighlighter(editor.document())
        editor.setPlainText(text)
        editor.show()
        done: list[bool] = []
        highlighter.checked.connect(lambda: done.append(True))  # noqa: B023
        highlighter.set_checker(checker)
        while not done:
            app.processEvents()  # type: ignore[union-attr]
        warm = _best(highlighter.rehighlight)
        print(f"{lines} lines: full re-highlight, words cached, no format change, GUI thread: "
              f"{warm:.1f} ms ({warm / lines * 1000:.1f} us a block) ({_load()})")

        def marks_again(highlighter: SpellHighlighter = highlighter) -> None:
            highlighter.known[WRONG] = True
            highlighter.rehighlight_words({WRONG})
            highlighter.known[WRONG] = False
            highlighter.rehighlight_words({WRONG})
        both = _best(marks_again, 3)
        print(f"{lines} lines: the {lines // 10} marks of one word taken off and put back "
              f"(what a check's answer costs the GUI thread): {both:.1f} ms ({_load()})")
        with_spell = typed_char(editor)
        print(f"{lines} lines: one typed character at the end: {with_spell:.2f} ms with the "
              f"highlighter, {without:.2f} ms without (peer, same run) ({_load()})")
        plain.deleteLater()
        editor.deleteLater()
    for code in ("en_US", "en_GB", "de_DE", "es_ES", "fr_FR", "pt_PT", "pt_BR", "ru_RU"):
        fresh = type(checker)(code, checker_for(code).folder)  # not shared: loads anew
        loaded = _best(fresh.load, 1)
        word = {"de_DE": "Lieferung", "es_ES": "envío", "fr_FR": "livraison",
                "pt_PT": "encomenda", "pt_BR": "pedido", "ru_RU": "доставка"}.get(code, "order")
        spell = _best(lambda: fresh._engine().spell(word), 20) * 1000  # noqa: B023
        suggest = _best(lambda: fresh._engine().suggest(word[:-2] + word[-1] + word[-2]), 1)  # noqa: B023
        print(f"{code}: load {loaded:.0f} ms, spell {spell:.1f} us, suggest {suggest:.0f} ms "
              f"({_load()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
