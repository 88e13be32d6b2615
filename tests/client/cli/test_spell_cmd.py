"""`tradewind spell`: misspelled words with their places and suggestions (`--json` shape),
the language from `--lang` or from the text, standard input, the personal dictionary
(`--add`), and bad input refused with exit 2 in words."""

from __future__ import annotations

from collections.abc import Callable

from tests.client.cli.fixtures import CliResult

Cli = Callable[..., CliResult]


def test_json_lists_each_misspelling_with_suggestions(cli: Cli, profile_dir: object) -> None:
    result = cli("spell", "--json", "We will recieve the goods at https://acme.example tomorow")
    assert result.code == 0, result.err
    document = result.json()
    assert document["language"] == "en_US"
    assert [(m["word"], m["start"], m["end"]) for m in document["misspellings"]] == [
        ("recieve", 8, 15), ("tomorow", 50, 57)]
    assert document["misspellings"][0]["suggestions"][0] == "receive"
    assert all(len(m["suggestions"]) <= 5 for m in document["misspellings"])


def test_the_language_follows_the_text_or_lang(cli: Cli, profile_dir: object) -> None:
    german = "Vielen Dank für Ihre Anfrage, die Liefrung kommt nächste Woche nach Stuttgart."
    document = cli("spell", "--json", german).json()
    assert document["language"] == "de_DE"
    assert [m["word"] for m in document["misspellings"]] == ["Liefrung"]
    forced = cli("spell", "--lang", "en_US", "--json", german).json()
    assert forced["language"] == "en_US" and "Vielen" in [m["word"]
                                                          for m in forced["misspellings"]]


def test_text_from_standard_input_and_a_plain_report(cli: Cli, profile_dir: object) -> None:
    result = cli("spell", "--lang", "ru", "-", input="Доставак будет завтра\n")
    assert result.code == 0, result.err
    assert result.out.startswith("Доставак [0-8]: Доставка")
    assert cli("spell", "--lang", "fr", "La livraison arrive").out.strip() == (
        "no misspelled words (fr_FR)")


def test_added_words_are_no_longer_reported(cli: Cli, profile_dir: object) -> None:
    assert len(cli("spell", "--json", "Hualumen panels").json()["misspellings"]) == 1
    assert cli("spell", "--add", "Hualumen", "--json").json() == {"added": "Hualumen"}
    assert cli("spell", "--json", "Hualumen panels").json()["misspellings"] == []


def test_bad_input_exits_2_in_words(cli: Cli, profile_dir: object) -> None:
    unknown = cli("spell", "--lang", "xx", "--json", "hello")
    assert unknown.code == 2 and "No spelling dictionary for xx" in unknown.err
    assert '"reason": "no-dictionary"' in unknown.out + unknown.err
    bad_word = cli("spell", "--add", "two words")
    assert bad_word.code == 2 and "single word" in bad_word.err
    assert "Traceback" not in unknown.err + bad_word.err
    missing = cli("spell")
    assert missing.code == 2 and "TEXT" in missing.err


def test_without_the_hunspell_binding_it_exits_1_in_words(
        cli: Cli, profile_dir: object, monkeypatch: object) -> None:
    import sys

    from client.spelling import checker

    monkeypatch.setitem(sys.modules, "hunspell", None)  # type: ignore[attr-defined]
    monkeypatch.setattr(checker, "_checkers", {})  # type: ignore[attr-defined]
    result = cli("spell", "--json", "We will recieve it")
    assert result.code == 1 and "not available on this computer" in result.err
    assert "Traceback" not in result.err
