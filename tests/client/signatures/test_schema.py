"""policy.json / directory.json parsing: every admin mistake is refused in words."""

from __future__ import annotations

import json
from typing import Any

import pytest

from client.signatures.example import DIRECTORY, POLICY, example_files
from client.signatures.schema import PolicyError, parse_directory, parse_policy


def _policy(change: Any = None) -> bytes:
    doc = json.loads(json.dumps(POLICY))
    if change is not None:
        change(doc)
    return json.dumps(doc).encode()


def _directory(change: Any = None) -> bytes:
    doc = json.loads(json.dumps(DIRECTORY))
    if change is not None:
        change(doc)
    return json.dumps(doc).encode()


def test_the_example_policy_parses() -> None:
    policy = parse_policy(example_files()["policy.json"])
    assert set(policy.templates) == {"global", "us", "logistics"}
    assert policy.templates["global"].languages["ar"][0].direction == "rtl"
    assert policy.templates["global"].reply is not None
    assert policy.recipient_languages["com.cn"] == "zh"
    directory = parse_directory(example_files()["directory.json"])
    anna = directory.person("ANNA@us.company.example")
    assert anna is not None and anna.email == "anna.li@company.example"
    assert directory.rep_editable == ("mobile", "whatsapp", "wechat", "linkedin")


def test_unknown_schema_version_is_refused_with_the_supported_one() -> None:
    with pytest.raises(PolicyError, match="schema version 2.*supports version 1"):
        parse_policy(_policy(lambda d: d.update(schema_version=2)))
    with pytest.raises(PolicyError, match="schema version 7"):
        parse_directory(_directory(lambda d: d.update(schema_version=7)))
    with pytest.raises(PolicyError, match="no schema_version"):
        parse_policy(_policy(lambda d: d.pop("schema_version")))


def test_not_json_is_refused() -> None:
    with pytest.raises(PolicyError, match="policy.json is not valid JSON"):
        parse_policy(b"{nope")


def _set_html(html: str) -> Any:
    return lambda d: d["templates"]["global"].update(html=html)


@pytest.mark.parametrize(("html", "reason"), [
    ("<p>{{full_name}}</p>", "must contain \\{\\{logo\\}\\}"),
    ("{{logo}}<img src=\"https://tracker.example/x.png\">", "<img> is not allowed"),
    ("{{logo}}<script>alert(1)</script>", "<script> is not allowed"),
    ("{{logo}}<a href=\"javascript:alert(1)\">x</a>", "must start with http"),
    ("{{logo}}<b onclick=\"x()\">x</b>", "onclick= is not allowed"),
    ("{{logo}}<div style=\"background:url(https://t.example/a)\">x</div>", "url\\(\\)"),
    ("{{logo}}<a href=\"{{wechat}}\">x</a>", "cannot be a link target"),
    ("{{logo}}{{nickname}}", "unknown placeholder \\{\\{nickname\\}\\}"),
    ("{{logo}}{{#mobile}}x", "never closed"),
])
def test_unsafe_or_broken_html_templates_are_refused(html: str, reason: str) -> None:
    with pytest.raises(PolicyError, match=reason):
        parse_policy(_policy(_set_html(html)))


def test_rules_must_name_existing_templates_and_known_conditions() -> None:
    with pytest.raises(PolicyError, match="no template named 'emea'"):
        parse_policy(_policy(lambda d: d["rules"].insert(0, {"template": "emea"})))
    with pytest.raises(PolicyError, match="unknown condition\\(s\\) country"):
        parse_policy(_policy(lambda d: d["rules"].insert(
            0, {"template": "us", "when": {"country": "US"}})))


def test_directory_values_are_checked_by_kind() -> None:
    def bad_link(d: dict[str, Any]) -> None:
        d["people"]["anna.li@company.example"]["linkedin"] = "javascript:alert(1)"

    with pytest.raises(PolicyError, match="must be an http:// or https:// link"):
        parse_directory(_directory(bad_link))

    def bad_phone(d: dict[str, Any]) -> None:
        d["people"]["anna.li@company.example"]["mobile"] = "call me <maybe>"

    with pytest.raises(PolicyError, match="is not a phone number"):
        parse_directory(_directory(bad_phone))

    def newline(d: dict[str, Any]) -> None:
        d["people"]["anna.li@company.example"]["title"] = "Sales\r\nBcc: x@evil.example"

    with pytest.raises(PolicyError, match="line break or control character"):
        parse_directory(_directory(newline))


def test_directory_refuses_duplicate_addresses_and_editable_email() -> None:
    def dup(d: dict[str, Any]) -> None:
        d["people"]["wang.fang@company.example"]["aliases"] = ["anna@us.company.example"]

    with pytest.raises(PolicyError, match="lists anna@us.company.example twice"):
        parse_directory(_directory(dup))
    with pytest.raises(PolicyError, match="email cannot be rep_editable"):
        parse_directory(_directory(lambda d: d.update(rep_editable=["email"])))
