"""The personal dictionary of a profile: added words are kept (idempotent), bad words are
refused in words and nothing is stored, a hand-edited value does not break reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from client.spelling.personal import PERSONAL_KEY, add_word, personal_words, remove_word
from client.store.db import Store


def test_words_are_added_once_and_removed(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        assert personal_words(store) == frozenset()
        add_word(store, "Hualumen")
        add_word(store, " Hualumen ")
        assert store.get_setting(PERSONAL_KEY) == ["Hualumen"]
        assert remove_word(store, "Hualumen") == frozenset()
        assert remove_word(store, "never-there") == frozenset()


@pytest.mark.parametrize("bad", ["", "two words", "x" * 101])
def test_what_is_not_one_word_is_refused_and_nothing_stored(tmp_path: Path, bad: str) -> None:
    with Store.open(tmp_path / "t.db") as store:
        with pytest.raises(ValueError, match="single word"):
            add_word(store, bad)
        assert store.get_setting(PERSONAL_KEY) is None


def test_a_hand_edited_value_still_reads(tmp_path: Path) -> None:
    with Store.open(tmp_path / "t.db") as store:
        store.set_setting(PERSONAL_KEY, {"not": "a list"})
        assert personal_words(store) == frozenset()
        store.set_setting(PERSONAL_KEY, ["ok", 5, "two words", None])
        assert personal_words(store) == frozenset({"ok"})
