"""Differential test: every message of the local corpus through `client.mime` and Python's
`email` package (policy.default), field by field (From, To, Cc, Reply-To, Subject, Date,
Message-ID, text body, whether an HTML body exists).

Each disagreement is listed in differential_expected.json as a documented `improvement` or a
known `bug`, with a one-line reason. A new disagreement, a changed one (the values differ from
the listed digest) or one that went away fails: classify it, then rewrite the file with
`python -m tests.client.mime.differential` (it keeps the classifications already there).
"""

from __future__ import annotations

import json
import sys

import pytest

from .differential import EXPECTED, compare, digest, disagreements

DOCUMENT = json.loads(EXPECTED.read_text("utf-8"))
LISTED: dict[str, dict[str, str]] = DOCUMENT["disagreements"]
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def test_the_comparison_sees_a_disagreement_and_an_agreement() -> None:
    plain = b"From: Anna <anna@kunde.example>\r\nSubject: Hi\r\n\r\nHello\r\n"
    assert compare(plain) == {}
    spoof = b'From: "A" <a@x.example>, b@y.example b2@y.example\r\nSubject: Hi\r\n\r\nHello\r\n'
    assert set(compare(spoof)) == {"from"}


@pytest.mark.skipif(DOCUMENT["python"] != PYTHON,
                    reason=f"the list was made with Python {DOCUMENT['python']}'s email package")
def test_every_disagreement_with_the_standard_library_is_listed() -> None:
    found = disagreements()
    new = sorted(set(found) - set(LISTED))
    gone = sorted(set(LISTED) - set(found))
    changed = sorted(
        key for key in set(found) & set(LISTED)
        if digest([found[key]["ours"], found[key]["stdlib"]]) != LISTED[key]["digest"]
    )
    report = {
        "new": {key: found[key] for key in new[:5]},
        "changed": {key: found[key] for key in changed[:5]},
        "gone": gone[:5],
    }
    assert (new, changed, gone) == ([], [], []), json.dumps(report, ensure_ascii=False)[:3000]


def test_each_listed_disagreement_is_classified_with_a_reason() -> None:
    for key, entry in LISTED.items():
        assert entry["class"] in ("improvement", "bug"), key
        assert entry["reason"] and entry["reason"] != "unclassified", key


def test_the_bug_classes_of_the_issue_are_fixed() -> None:
    """No disagreement is a known bug any more (the classes the hardening issue named were
    fixed; a new bug must be listed here deliberately)."""
    bugs = {key: entry["reason"] for key, entry in LISTED.items() if entry["class"] == "bug"}
    assert bugs == {}
