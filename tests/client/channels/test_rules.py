"""The rules store: defaults, checks in words, order, enable/disable, removal."""

from __future__ import annotations

import pytest

from client.channels import rules
from client.store.db import Store


def test_the_bundled_platforms_ship_enabled(store: Store) -> None:
    found = rules.list_rules(store)
    assert [(r.kind, r.match, r.enabled) for r in found] == [
        ("platform", key, True) for key in ("alibaba", "made-in-china", "globalsources",
                                            "tradekey", "ec21")]


def test_add_normalises_and_orders(store: Store) -> None:
    web = rules.add_rule(store, "sender", " WebForm@Acme.com ", "Web Form")
    assert (web.match, web.tag, web.position) == ("webform@acme.com", "web-form", 6)
    first = rules.add_rule(store, "header", "X-Form-Name: contact", "webform", position=1)
    assert [r.id for r in rules.list_rules(store)][:2] == [first.id, 1]
    rules.move_rule(store, first.id, 99)
    assert rules.list_rules(store)[-1].id == first.id
    assert [r.position for r in rules.list_rules(store)] == list(range(1, 8))


@pytest.mark.parametrize(("kind", "match", "tag", "words"), [
    ("colour", "x", "t", "kind must be one of"),
    ("sender", "not-an-address", "t", "not an e-mail address"),
    ("sender", "", "t", "needs something to match"),
    ("header", "Bad Header: x", "t", "not a header name"),
    ("platform", "ebay", "t", "Unknown platform"),
    ("referral-address", "@acme.com", "t", "not an e-mail address"),
    ("referral-phrase", "a\x07b", "t", "control character"),
    ("sender", "a@b.com", "no/slash", "not usable"),
    ("sender", "a@b.com", "", "not usable"),
])
def test_bad_rules_are_refused_in_words(store: Store, kind: str, match: str, tag: str,
                                        words: str) -> None:
    before = rules.list_rules(store)
    with pytest.raises(rules.RuleError, match=words):
        rules.add_rule(store, kind, match, tag)
    assert rules.list_rules(store) == before


def test_update_disable_and_remove(store: Store) -> None:
    rule = rules.add_rule(store, "referral-phrase", "recommended by", "referral")
    assert rules.update_rule(store, rule.id, enabled=False).enabled is False
    assert rule.id not in [r.id for r in rules.list_rules(store, enabled_only=True)]
    with pytest.raises(rules.RuleError):
        rules.update_rule(store, rule.id, kind="sender")  # the phrase is no address
    assert rules.get_rule(store, rule.id).kind == "referral-phrase"
    rules.remove_rule(store, 1)
    assert [r.position for r in rules.list_rules(store)] == list(range(1, 6))
    with pytest.raises(rules.RuleError, match="no rule 1"):
        rules.remove_rule(store, 1)
