"""The fast path of ``split_header_block`` gives the line scan's result or declines (issue 17).

Every corpus message, its top-level block and the block after each MIME delimiter line, is
read both ways; wherever the fast path answers, fields and body offset are the scan's. Blocks
the fast path must leave to the scan (they need its warnings) are checked one by one.
"""

from __future__ import annotations

import re

import pytest

from client.mime import parse_headers
from client.mime.header_block import _fast_fields, _scan_lines, split_header_block
from client.mime.model import DEFAULT_LIMITS, Limits

from .corpus import corpus_messages, local

MESSAGES = corpus_messages()
_DELIMITER = re.compile(rb"(?m)^--[^\r\n]*\r?\n")


def _both(raw: bytes, limits: Limits = DEFAULT_LIMITS, start: int = 0):
    stop = len(raw)
    scan_limit = min(stop, start + limits.max_header_block)
    return (_fast_fields(raw, limits, start, stop, scan_limit),
            _scan_lines(raw, limits, start, stop, scan_limit))


def test_fast_path_agrees_with_the_scan_on_the_corpus() -> None:
    answered = 0
    for name, raw in MESSAGES:
        starts = [0] + [m.end() for m in _DELIMITER.finditer(raw)]
        for start in starts:
            fast, slow = _both(raw, start=start)
            if fast is None:
                continue
            answered += 1
            assert (fast.fields, fast.body_offset) == (slow.fields, slow.body_offset), (name, start)
            assert not slow.warnings and not slow.truncated, (name, start)
    # most blocks are plain: the fast path must really be the one that reads them
    assert answered > len(MESSAGES)


def test_folded_crlf_field_is_read_by_the_fast_path() -> None:
    raw = (b"Subject: first\r\n  second\r\n\tthird\r\nFrom : A <a@example.com>\r\n"
           b"X-Odd: a\rb\r\r\n\r\nbody")
    fast, slow = _both(raw)
    assert fast is not None
    assert fast.fields == slow.fields == [
        ("subject", b"first  second\tthird"), ("from", b"A <a@example.com>"), ("x-odd", b"a\rb")]
    assert fast.body_offset == slow.body_offset == raw.index(b"body")
    assert split_header_block(raw, DEFAULT_LIMITS).fields == slow.fields


@pytest.mark.parametrize("raw", [
    b"From someone@example.com Thu Jan  1 00:00:00 2026\nSubject: x\n\nbody",  # mbox line
    b"Subject: x\nnot a field\n\nbody",  # missing blank line
    b": nameless\nSubject: x\n\nbody",  # field without a name
    b" folded first\nSubject: x\n\nbody",  # continuation with nothing before it
    b"Subject: x\nTo: y",  # no blank line, last line without newline
    b"Subject: x\n",  # no blank line at all
    b"\nbody",  # no headers
])
def test_irregular_blocks_go_to_the_scan(raw: bytes) -> None:
    fast, slow = _both(raw)
    assert fast is None
    assert split_header_block(raw, DEFAULT_LIMITS) == slow


def test_blocks_at_a_cap_go_to_the_scan_and_keep_its_warnings() -> None:
    many = b"".join(b"X-%d: v\n" % i for i in range(5)) + b"\nbody"
    limits = Limits(max_header_fields=3)
    assert _both(many, limits)[0] is None
    assert "too many header fields" in split_header_block(many, limits).warnings
    long_value = b"Subject: " + b"x" * 50 + b"\n\nbody"
    small = Limits(max_header_value=20)
    assert _both(long_value, small)[0] is None
    assert split_header_block(long_value, small).truncated
    folded = b"Subject: a\n b\n c\n d\n\nbody"
    tight = Limits(max_header_block=14)  # the scan stops inside the folded field
    assert _both(folded, tight)[0] is None
    assert split_header_block(folded, tight).warnings == ["header block truncated"]


def test_checklist_rows_m6_and_m7_keep_their_safe_behaviour() -> None:
    # M6: a 210 KB Subject is no plain block: the scan caps it and says so
    long_header = local("flanker/long-header.eml")
    assert _both(long_header)[0] is None
    assert "header truncated: subject" in parse_headers(long_header).warnings
    # M7: repeated From/Subject/Date are read by the fast path and still all reported
    evil = local("thunderbird/message-window/evil.eml")
    assert _both(evil)[0] is not None
    parsed = parse_headers(evil)
    assert {"multiple From headers", "multiple Subject headers",
            "multiple Date headers"} <= set(parsed.warnings)
    assert len(parsed.from_) >= 2
