"""The rep's own words, per profile: "Add to dictionary" keeps a word for good.

Stored in the profile's ``settings`` table under ``PERSONAL_KEY`` as a JSON list (no migration;
the CLI and the app share it). ``personal_words(store)`` is the set (entries that are not
short one-line words are dropped, so a hand-edited profile still opens); ``add_word`` and
``remove_word`` change it and are idempotent; ``add_word`` raises ``ValueError`` in words for
something that is not one word. The caller's ``Store``, on its thread.
"""

from __future__ import annotations

from client.i18n import _
from client.store.db import Store

PERSONAL_KEY = "spell.personal_words"
MAX_WORD = 100
MAX_WORDS = 20_000


def _valid(word: object) -> bool:
    return (isinstance(word, str) and 0 < len(word) <= MAX_WORD and word == word.strip()
            and not any(c.isspace() for c in word))


def personal_words(store: Store) -> frozenset[str]:
    """The rep's words (never raises for a bad stored value)."""
    stored = store.get_setting(PERSONAL_KEY, [])
    if not isinstance(stored, list):
        return frozenset()
    return frozenset(w for w in stored if _valid(w))


def add_word(store: Store, word: str) -> frozenset[str]:
    """Keep ``word``; the words after it. ``ValueError`` for spaces, nothing or too long."""
    word = word.strip()
    if not _valid(word):
        raise ValueError(_("Only a single word (up to {limit} letters, no spaces) can be added "
                           "to the dictionary").format(limit=MAX_WORD))
    words = personal_words(store)
    if word not in words:
        if len(words) >= MAX_WORDS:
            raise ValueError(_("Your dictionary is full ({limit} words)").format(
                limit=MAX_WORDS))
        words = words | {word}
        store.set_setting(PERSONAL_KEY, sorted(words))
    return words


def remove_word(store: Store, word: str) -> frozenset[str]:
    """Forget ``word`` (nothing happens when it is not there); the words after it."""
    words = personal_words(store)
    if word in words:
        words = words - {word}
        store.set_setting(PERSONAL_KEY, sorted(words))
    return words
