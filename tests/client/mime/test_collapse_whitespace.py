"""``collapse_whitespace`` (``str.split``) gives what the ``\\s+`` substitution it replaced gave:
every Unicode whitespace character, mixed runs, the ends, and the corpus's search texts."""

from __future__ import annotations

import random
import re
import sys

from client.mime import parse_message
from client.mime.text import _body_text, collapse_whitespace

from .corpus import corpus_messages

_SPACES = re.compile(r"\s+")


def _reference(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if _SPACES.fullmatch(chr(c))]


def test_every_whitespace_character_collapses() -> None:
    assert "\u00a0" in WHITESPACE and "\u3000" in WHITESPACE and "\x1c" in WHITESPACE
    for space in WHITESPACE:
        text = f"{space}a{space}{space}b\u200bc{space}"  # U+200B is no whitespace for either
        assert collapse_whitespace(text) == _reference(text) == "a b\u200bc", repr(space)


def test_random_mixtures() -> None:
    rng = random.Random(17)
    alphabet = WHITESPACE + list("ab报价\u200b\ufeff-")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert collapse_whitespace(text) == _reference(text), repr(text)


def test_corpus_bodies() -> None:
    for name, raw in corpus_messages():
        body = _body_text(parse_message(raw), 200_000)
        assert collapse_whitespace(body) == _reference(body), name
