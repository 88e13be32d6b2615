"""Unicode tricks of checklist B10 (issue 19): words that mix Latin letters with Cyrillic,
Greek or Armenian ones, and text-direction or invisible characters in a subject.

``mixed_words(text) -> list[str]``: each word (a run of letters, digits, hyphens and dots, so a
domain label counts) of ``text`` holding both Latin letters and letters of a script whose
letters look like Latin ones (``аlibaba`` with a Cyrillic а, ``Ѕupport`` with a Cyrillic Ѕ).
The scripts come from the Unicode data of ``confusable-homoglyphs`` (``categories.alias``).
A word written wholly in one script (``Ромашка``, ``阿里巴巴``) and a name that puts a Russian
or Chinese word beside a Latin one (``ООО Ромашка Trading``) are not mixed: only a single word
that switches script is, as imitations of a Latin name do. Domains are read in Unicode
(punycode labels decoded by ``lookalike.unicode_host``). ``hidden_controls(text)``: the code
points (``U+202E``…) of the bidi overrides, embeddings and isolates and of the zero-width
space, word joiner and BOM in ``text`` ("" for none); the joiners that Persian, Indic and emoji
text needs (U+200C, U+200D) are not counted. Pure, any thread, never raises.
"""

from __future__ import annotations

import re
from functools import lru_cache

from confusable_homoglyphs import categories

from client.security.lookalike import unicode_host

#: scripts with letters that pass for Latin ones (UTS #39 confusables are mostly among these)
LOOKALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN"})
_WORD = re.compile(r"[\w.-]+")
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    try:
        return str(categories.alias(char))
    except Exception:  # noqa: BLE001 - a code point outside the table: no script to judge
        return "COMMON"


def _is_mixed(word: str) -> bool:
    if word.isascii():
        return False
    scripts = {_script(c) for c in word if c.isalpha()}
    return "LATIN" in scripts and bool(scripts & LOOKALIKE_SCRIPTS)


def mixed_words(text: str) -> list[str]:
    """The words of ``text`` that mix Latin with a lookalike script, each once, in order."""
    if text.isascii():
        return []
    return list(dict.fromkeys(w.strip(".-") for w in _WORD.findall(text) if _is_mixed(w)))


def mixed_domain(domain: str) -> str:
    """The sender domain (in Unicode) when one of its labels mixes scripts, else ""."""
    readable = unicode_host(domain)
    return readable if any(_is_mixed(label) for label in readable.split(".")) else ""


def hidden_controls(text: str) -> str:
    """The hidden direction or invisible characters of ``text`` as code points (see above)."""
    return " ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in _HIDDEN.findall(text)))
