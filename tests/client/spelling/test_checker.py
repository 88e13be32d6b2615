"""The Hunspell checker per language: a misspelled word is found at its place, a correct one
is not, the suggestions contain the right word; what is not prose (web and mail addresses,
numbers, codes, acronyms) and the rep's own words are left alone; unknown languages are
refused in words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from client.spelling import dictionaries
from client.spelling.checker import (
    EngineMissing,
    Misspelling,
    SpellChecker,
    SpellingError,
    checker_for,
    engine_available,
)
from client.spelling.tokens import words

# language: (text with one misspelled word, that word, the correction among the suggestions)
CASES = {
    "en_US": ("We will recieve the samples next week.", "recieve", "receive"),
    "en_GB": ("The colour of the lamps is not what we orderd.", "orderd", "ordered"),
    "de_DE": ("Die Liefrung der Leuchten kommt morgen.", "Liefrung", "Lieferung"),
    "es_ES": ("Necesitamos el precio de las lamparas para el proyceto.", "proyceto",
              "proyecto"),
    "fr_FR": ("Nous attendons la livrasion des lampes demain.", "livrasion", "livraison"),
    "pt_PT": ("A encomneda das lâmpadas chega amanhã.", "encomneda", "encomenda"),
    "pt_BR": ("O peddido de luminárias chega amanhã.", "peddido", "pedido"),
    "ru_RU": ("Доставак светильников будет завтра.", "Доставак", "Доставка"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_language_finds_the_misspelled_word_and_suggests_the_right_one(code: str) -> None:
    text, wrong, right = CASES[code]
    checker = checker_for(code)
    assert checker.code == code
    start = text.index(wrong)
    assert checker.check(text) == [Misspelling(start, start + len(wrong), wrong)]
    suggestions = checker.suggest(wrong)
    assert right in suggestions and len(suggestions) <= 5
    assert checker.check(text.replace(wrong, right)) == []


def test_bundled_dictionaries_cover_the_reps_languages() -> None:
    installed = dictionaries.available()
    assert {"en_US", "en_GB", "de_DE", "es_ES", "fr_FR", "pt_PT", "pt_BR", "ru_RU"} <= set(
        installed)
    for code, folder in installed.items():
        assert (folder / "LICENCE.txt").is_file(), code


def test_addresses_numbers_codes_and_acronyms_are_not_checked() -> None:
    text = ("See https://acme-lights.example/spec?id=7 or write to qc-team@acme-lights.example "
            "about SKU HL-HB-150X, PO#4711 and 2,500 pieces FOB by 12.03.; the iPhone app "
            "and spec_v2.pdf at www.acme-lights.example, 北京 too.")
    assert [w.text for w in words(text)] == [
        "See", "or", "write", "to", "about", "and", "pieces", "by", "the", "app", "and", "at",
        "too"]
    assert checker_for("en").check(text) == []


def test_words_of_another_script_are_left_to_their_own_dictionary() -> None:
    text = "Dear Дмитрий, the lamps are ready"
    assert checker_for("en_US").check(text) == []
    assert [m.word for m in checker_for("ru_RU").check("Привет Dmitry, доставак")] == [
        "доставак"]


def test_the_personal_dictionary_is_not_reported() -> None:
    checker = checker_for("en_US")
    text = "Hualumen panels from Hualumen, HUALUMEN"
    assert [m.word for m in checker.check(text)] == ["Hualumen", "Hualumen"]
    assert checker.check(text, frozenset({"Hualumen"})) == []
    assert checker.check("hualumen and Hualumen", frozenset({"hualumen"})) == []


def test_a_bare_language_or_a_region_picks_an_installed_variant() -> None:
    installed = dictionaries.available()
    assert dictionaries.resolve("de", installed) == "de_DE"
    assert dictionaries.resolve("de-AT", installed) == "de_DE"
    assert dictionaries.resolve("pt-pt", installed) == "pt_PT"
    assert dictionaries.resolve("pt", installed) == "pt_BR"
    assert dictionaries.resolve("zh", installed) is None
    assert checker_for("fr").code == "fr_FR"


def test_an_unknown_language_is_refused_in_words() -> None:
    with pytest.raises(SpellingError, match="No spelling dictionary for xx.*installed: de_DE"):
        checker_for("xx")


def test_a_profile_dictionary_is_found_and_a_broken_one_fails_in_words(tmp_path: Path) -> None:
    extra = tmp_path / "dictionaries"
    (extra / "nl_NL").mkdir(parents=True)
    (extra / "nl_NL" / "nl_NL.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (extra / "nl_NL" / "nl_NL.dic").write_text("3\nde\nlamp\nlevering\n", encoding="utf-8")
    checker = checker_for("nl", [extra])
    assert checker.code == "nl_NL" and [m.word for m in checker.check("de levring lamp")] == [
        "levring"]
    (extra / "xx_XX").mkdir()
    (extra / "xx_XX" / "xx_XX.aff").write_text("", encoding="utf-8")
    (extra / "xx_XX" / "xx_XX.dic").mkdir()  # unreadable: a folder where the file should be
    with pytest.raises(SpellingError):
        checker_for("xx_XX", [extra]).check("anything here")


def test_pasted_junk_is_no_word_and_a_huge_text_is_checked_whole() -> None:
    """Checklist M6 (resource exhaustion): a 200,000-letter run (a pasted base64 line) or a
    chain of @ and dots is not sent to Hunspell; a long text is still checked to its end."""
    checker = checker_for("en_US")
    assert checker.check("a" * 200_000) == []
    assert checker.check("a@" * 50_000 + " " + "x." * 50_000) == []
    text = "We will ship the lamps, see x@y.example. " * 5000 + "Last line with a mispeled word"
    assert [(m.word, m.start) for m in checker.check(text)] == [("mispeled", len(text) - 13)]


def test_without_the_hunspell_binding_checking_says_so_in_words(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Intel Macs have no chunspell wheel: the app installs without it and says why."""
    assert engine_available()
    monkeypatch.setitem(sys.modules, "hunspell", None)  # import hunspell -> ImportError
    assert not engine_available()
    fresh = SpellChecker("en_US", dictionaries.available()["en_US"])
    with pytest.raises(EngineMissing, match="not available on this computer"):
        fresh.check("We will recieve it")
