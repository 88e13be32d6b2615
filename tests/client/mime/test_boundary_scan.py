"""The delimiter scan of ``build_tree`` (``bytes.find``) finds exactly the lines the RFC 2046
pattern finds: checked against the regular expression it replaced, on every corpus message
and on crafted delimiter lines (issue 17: the per-message compiled pattern was a quarter of
the index's parse time)."""

from __future__ import annotations

import re

import pytest

from client.mime.model import DEFAULT_LIMITS
from client.mime.params import parse_value
from client.mime.structure import _delimiters, build_tree

from .corpus import corpus_messages

MESSAGES = corpus_messages()
_BOUNDARY = re.compile(rb"boundary\s*=\s*\"?([^\";\r\n]+)", re.IGNORECASE)


def _by_pattern(raw: bytes, start: int, end: int, boundary: bytes) -> list[tuple[int, int, bool]]:
    """The reference: the delimiter lines of RFC 2046 5.1.1 by regular expression."""
    pattern = re.compile(rb"--" + re.escape(boundary) + rb"(--)?[ \t]*\r?$", re.MULTILINE)
    found = []
    for match in pattern.finditer(raw, start, end):
        if match.start() > 0 and raw[match.start() - 1] != 0x0A:
            continue
        found.append((match.start(), match.end(), bool(match.group(1))))
    return found


def test_same_delimiters_as_the_pattern_on_the_corpus() -> None:
    checked = 0
    for name, raw in MESSAGES:
        for match in _BOUNDARY.finditer(raw):
            boundary = match.group(1).strip()
            if not boundary:
                continue
            expected = _by_pattern(raw, 0, len(raw), boundary)
            assert list(_delimiters(raw, 0, len(raw), b"--" + boundary)) == expected, name
            checked += bool(expected)
    assert checked > 500


@pytest.mark.parametrize("raw", [
    b"--b\r\nx\r\n--b--\r\n",
    b"--b \t\r\nx\n--b--",  # blanks before the break, final delimiter at the very end
    b"x--b\r\n--bb\r\n--b--x\r\n--b-- \r\n",  # inside a line, longer name, junk after "--"
    b"--b\r\r\n--b\rx\n--b",  # a lone CR is no line break
    b"\n--b--\n--b\n",
    b"--b-",
])
def test_same_delimiters_as_the_pattern_on_crafted_lines(raw: bytes) -> None:
    assert list(_delimiters(raw, 0, len(raw), b"--b")) == _by_pattern(raw, 0, len(raw), b"b")
    for end in range(len(raw)):  # a range that ends inside a delimiter line
        assert list(_delimiters(raw, 0, end, b"--b")) == _by_pattern(raw, 0, end, b"b"), end


def test_parts_of_a_multipart_message() -> None:
    raw = (b"Content-Type: multipart/mixed; boundary=\"zz\"\r\n\r\npreamble\r\n--zz\r\n"
           b"Content-Type: text/plain\r\n\r\none\r\n--zz  \r\n\r\ntwo\r\n--zz--\r\nepilogue")
    tree = build_tree(raw, DEFAULT_LIMITS)
    assert [raw[p.body_start:p.body_end] for p in tree.leaves()] == [b"one", b"two"]
    assert not tree.warnings
    assert parse_value("multipart/mixed; boundary=zz", [])[1]["boundary"] == "zz"
