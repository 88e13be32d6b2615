"""Lookalike domains (checklist B1): each way of imitating a known correspondent's domain."""

from __future__ import annotations

import pytest

from client.security.lookalike import (
    damerau_levenshtein,
    domain_of,
    is_idn,
    lookalike_of,
    registrable,
)

KNOWN = {"abctrading.com", "buyer.com.cn", "acme.com", "globex-industries.de"}


@pytest.mark.parametrize(("domain", "known", "how"), [
    ("acmes.com", "acme.com", "edit-distance"),
    ("acem.com", "acme.com", "edit-distance"),  # a swap is one edit (Damerau)
    ("acrne.com", "acme.com", "confusable"),  # rn for m
    ("\u0430cme.com", "acme.com", "confusable"),  # Cyrillic а
    ("xn--cme-5cd.com", "acme.com", "confusable"),  # the same, as punycode
    ("acme.co", "acme.com", "tld-swap"),
    ("buyer.cn", "buyer.com.cn", "tld-swap"),
    ("buyer.com", "buyer.com.cn", "tld-swap"),
    ("abc-trading.com", "abctrading.com", "added-word"),
    ("acme-group.com", "acme.com", "added-word"),
    ("globexindustries.de", "globex-industries.de", "added-word"),
])
def test_each_kind_of_lookalike(domain: str, known: str, how: str) -> None:
    found = lookalike_of(domain, KNOWN)
    assert found is not None and (found.known, found.how) == (known, how)


@pytest.mark.parametrize("domain", ["acme.com", "google.com", "gmail.com", "mail.acme.com",
                                    "abcd.org", "zeta.org"])
def test_known_and_unrelated_domains_are_not_lookalikes(domain: str) -> None:
    assert lookalike_of(domain, KNOWN) is None


def test_registrable_domains_follow_the_public_suffix_list() -> None:
    assert registrable("mail.Buyer.com.cn.") == "buyer.com.cn"
    assert registrable("x.y.example.co.uk") == "example.co.uk"
    assert domain_of("Li@Sales.Buyer.COM.cn") == "buyer.com.cn"
    assert domain_of("no-at-sign") == ""
    assert is_idn("xn--cme-5cd.com") and is_idn("\u0430cme.com") and not is_idn("acme.com")


def test_edit_distance_counts_a_transposition_once() -> None:
    assert damerau_levenshtein("acme", "amce") == 1
    assert damerau_levenshtein("kitten", "sitting") == 3
    assert damerau_levenshtein("", "abc") == 3


def test_the_selftest_finds_the_fraud_guard_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from client import selftest
    from client.security import lookalike

    selftest._fraud_data()  # shipped here
    monkeypatch.setattr(lookalike, "registrable", lambda host: host)  # as without the list
    with pytest.raises(ValueError, match="Public Suffix List"):
        selftest._fraud_data()
