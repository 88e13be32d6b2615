"""The words of a text that a spell checker should look at, with their places.

``words(text, script)`` yields ``Word(start, end, text)`` (code-point offsets into ``text``) for
each word written in ``script`` ("latin" or "cyrillic"), leaving out what is not prose: web
addresses (``https://…``, ``www.…``), e-mail addresses, file and domain names (``spec.pdf``,
``acme.de``), numbers, SKUs and codes with a digit or an underscore (``AB-1234``, ``PO#55``),
ALL-CAPS acronyms (``FOB``, ``EXW``), words with a capital inside (``iPhone``, ``TradeWind``),
single letters, runs of over ``MAX_WORD`` letters (a pasted base64 line) and words in
another script (a Chinese or Russian name in an English mail).
Apostrophes and hyphens inside a word belong to it (``don't``, ``e-mail``). Pure; any thread.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

# spans that are never prose: URLs, mail addresses, names with a dot inside (files, domains)
_NOT_PROSE = re.compile(
    r"""(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"']*"""  # web and other addresses
    r"""|[^\s@<>()"',;:]+@[^\s@<>()"',;:]+"""  # mail addresses
    r"""|\b[\w-]+(?:\.[\w-]+)+\b(?![.'’-]?\w)""",  # file and domain names
    re.IGNORECASE,
)
# a run of word characters with inner apostrophes or hyphens; digits and underscores are kept
# in the run so that a code such as AB-1234 or SKU_9 is seen whole (and then left out)
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
# what any span of _NOT_PROSE contains: most lines have none, and skip the costly search
_MAYBE_NOT_PROSE = re.compile(r"[@:]|www\.|\w\.\w", re.IGNORECASE)
_INNER_CAPITAL = re.compile(r".[^\W\d_]*[A-ZÀ-ÞА-ЯЁ]")


#: longer runs of letters are no word (a pasted hash, a base64 line): Hunspell stops at 100 bytes
MAX_WORD = 60


class Word(NamedTuple):
    start: int
    end: int
    text: str


def _script(word: str) -> str:
    """"latin", "cyrillic" or "other" (any letter outside the first two)."""
    scripts = set()
    for char in word:
        if not char.isalpha():
            continue
        code = ord(char)
        if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
            scripts.add("latin")
        elif 0x400 <= code <= 0x52F:
            scripts.add("cyrillic")
        else:
            return "other"
    return scripts.pop() if len(scripts) == 1 else "other"


@functools.lru_cache(maxsize=65_536)
def is_prose_word(word: str, script: str) -> bool:
    """Whether ``word`` (one token) is worth checking in a dictionary of ``script`` (cached:
    a long reply repeats its words)."""
    if not 2 <= len(word) <= MAX_WORD or any(c.isdigit() or c == "_" for c in word):
        return False
    if word.isupper():
        return False  # an acronym
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    if _INNER_CAPITAL.match(letters) and not letters[1:].islower():
        return False  # iPhone, TradeWind, McKinsey
    return _script(word) == script


def words(text: str, script: str = "latin") -> Iterator[Word]:
    """The words of ``text`` to check (see the module docstring), in order."""
    masked = text
    if _MAYBE_NOT_PROSE.search(text):
        masked = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _TOKEN.finditer(masked):
        word = match.group(0)
        if is_prose_word(word, script):
            yield Word(match.start(), match.end(), word)
