"""CJK bigram text preparation for FTS5 (unicode61 does not split Chinese/Japanese/Korean).

Every run of CJK ideographs, kana or hangul becomes its overlapping bigrams plus the run's last
character (``报价单`` -> ``报价 价单 单``), so an indexed two-character word is one token. Query
terms are rewritten the same way by ``fts_term``: a CJK word becomes a phrase of bigrams and a
single CJK character a prefix query. Pure functions, safe on any thread.
"""

from __future__ import annotations

import re

_CJK_CHARS = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u2e80-\u2fdf"  # CJK radicals
    "\u3005-\u3007"  # 々 〆 〇
    "\u3040-\u30ff"  # Hiragana, Katakana (incl. ー)
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\ua960-\ua97f"
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uff9f"  # half-width Katakana
    "\U00020000-\U0003134f"  # CJK extensions B..G
)
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")


def _bigrams(run: str) -> str:
    if len(run) == 1:
        return run
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    pairs.append(run[-1])
    return " ".join(pairs)


def bigram_text(text: str) -> str:
    """Text for indexing: CJK runs replaced by bigrams + last char, other text unchanged."""
    if not text or not CJK_RUN.search(text):
        return text
    return CJK_RUN.sub(lambda m: f" {_bigrams(m.group(0))} ", text)


def has_cjk(text: str) -> bool:
    """True if ``text`` contains a CJK/kana/hangul character."""
    return bool(CJK_RUN.search(text))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_term(term: str, column: str | None = None) -> str | None:
    """One user word or phrase as a safe FTS5 expression (None if it has nothing to match).

    All user text ends up inside FTS5 string literals, so operators and syntax characters in
    the input are inert. A phrase keeps its word order; CJK inside it becomes bigrams.
    """
    words: list[str] = []
    for piece in CJK_RUN.split(term):
        words.extend(w for w in re.split(r"[^\w]+", piece) if w)
    runs = CJK_RUN.findall(term)
    prefix = column + " : " if column else ""
    if not runs:
        if not words:
            return None
        return prefix + _quote(" ".join(words))
    if len(runs) == 1 and len(runs[0]) == 1 and not words:
        return prefix + _quote(runs[0]) + " *"
    # Rebuild the term in order: latin words as-is, CJK runs as their bigrams (the last single
    # character of a run is not added: a phrase of bigrams already pins the run down).
    tokens: list[str] = []
    position = 0
    for match in CJK_RUN.finditer(term):
        tokens.extend(w for w in re.split(r"[^\w]+", term[position : match.start()]) if w)
        run = match.group(0)
        if len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        position = match.end()
    tokens.extend(w for w in re.split(r"[^\w]+", term[position:]) if w)
    return prefix + _quote(" ".join(tokens))
