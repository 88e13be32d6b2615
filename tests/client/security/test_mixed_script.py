"""Mixed scripts in one word (checklist B10): Latin with Cyrillic or Greek letters is found,
one non-Latin script, or such a word beside a Latin one, is not."""

from __future__ import annotations

import pytest

from client.security.mixed_script import mixed_domain, mixed_words


@pytest.mark.parametrize(("text", "found"), [
    ("Paypal \u0405upport", ["\u0405upport"]),            # Cyrillic Ѕ
    ("\u0430libaba.com", ["\u0430libaba.com"]),           # Cyrillic а in a domain
    ("Amaz\u03bfn Team", ["Amaz\u03bfn"]),                # Greek ο
    ("J\u043ehn J\u043ehn", ["J\u043ehn"]),               # each word once
])
def test_a_word_mixing_latin_with_a_lookalike_script(text: str, found: list[str]) -> None:
    assert mixed_words(text) == found


@pytest.mark.parametrize("text", [
    "John Miller", "ООО «Ромашка»", "ООО Волга Trading", "深圳光明照明有限公司 Shenzhen",
    "阿里巴巴Alibaba", "Ελληνική Ναυτιλία", "Lucía García", "Jonas Weber-Müller", ""])
def test_one_script_per_word_is_not_mixed(text: str) -> None:
    assert mixed_words(text) == []


def test_domains_are_judged_per_label_and_shown_in_unicode() -> None:
    assert mixed_domain("xn--libaba-2nf.com") == "\u0430libaba.com"
    assert mixed_domain("\u0430libaba.com") == "\u0430libaba.com"
    assert mixed_domain("\u0440\u043e\u043c\u0430\u0448\u043a\u0430.\u0440\u0444") == ""  # all Cyrillic
    assert mixed_domain("alibaba.com") == ""
    assert mixed_domain("xn--broken--.com") == ""  # undecodable punycode: nothing to judge
