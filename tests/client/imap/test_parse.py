"""Response parsers: FETCH, LIST, STATUS, ESEARCH, VANISHED, COPYUID, BODYSTRUCTURE."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from client.imap.bodystructure import is_readable_text, leaf_parts
from client.imap.connection import group_segments
from client.imap.parse import (
    ResponseParseError,
    as_int,
    format_uid_set,
    numbers_in_ranges,
    parse_esearch,
    parse_fetch,
    parse_internaldate,
    parse_list,
    parse_ranges,
    parse_sequence_set,
    parse_status,
    parse_uid_code,
    parse_vanished,
    response_code,
    tokenize,
    uid_in_text,
)


def seg(text: bytes) -> list[tuple[bytes, bytes | None]]:
    return [(text, None)]


def test_fetch_with_literal_and_trailing_items() -> None:
    segments = [
        (b'12 (UID 40 FLAGS (\\Seen $Forwarded) RFC822.SIZE 11 INTERNALDATE " 7-Jul-2024 09:05:01 +0800" BODY[] {11}',
         b"Subject: x\r\n"[:11]),
        (b" MODSEQ (77))", None),
    ]
    msn, items = parse_fetch(segments)
    assert msn == 12
    assert items["UID"] == "40"
    assert items["FLAGS"] == ["\\Seen", "$Forwarded"]
    assert items["BODY[]"] == b"Subject: x\r"
    assert items["MODSEQ"] == ["77"]
    assert parse_internaldate(items["INTERNALDATE"].decode()) == datetime(  # type: ignore[union-attr]
        2024, 7, 7, 9, 5, 1, tzinfo=timezone(timedelta(hours=8)))


def test_fetch_section_names_keep_case_and_drop_origin() -> None:
    _msn, items = parse_fetch(seg(b'1 (UID 2 BODY[HEADER.FIELDS (SUBJECT)]<0> "x" BODY[1.2] NIL)'))
    assert items["BODY[HEADER.FIELDS (SUBJECT)]"] == b"x"
    assert items["BODY[1.2]"] is None


def test_group_segments_matches_imaplib_storage() -> None:
    stored = [(b"1 (UID 1 BODY[] {3}", b"abc"), b")", b"2 (UID 2 FLAGS ())"]
    groups = group_segments(stored)
    assert [parse_fetch(g)[1]["UID"] for g in groups] == ["1", "2"]


def test_quoted_string_escapes_and_nil() -> None:
    assert tokenize(seg(b'"a \\"b\\" \\\\c" NIL nil ("x" y)')) == [b'a "b" \\c', None, None, [b"x", "y"]]


@pytest.mark.parametrize("bad", [b"(unbalanced", b"extra)", b'"unterminated', b"lit {3} x"])
def test_malformed_responses_raise_parse_error(bad: bytes) -> None:
    with pytest.raises(ResponseParseError):
        tokenize([(bad, None)])


def test_list_responses() -> None:
    assert parse_list(seg(b'(\\HasNoChildren \\Sent) "/" "&XfJT0ZAB-"')) == (
        frozenset({"\\HasNoChildren", "\\Sent"}), "/", "&XfJT0ZAB-")
    assert parse_list(seg(b"(\\Noselect) NIL INBOX")) == (frozenset({"\\Noselect"}), None, "INBOX")
    attrs, delim, name = parse_list([(b'() "/" {7}', b'a"b\\c d'), (b"", None)])
    assert name == 'a"b\\c d'


def test_status_and_esearch_and_vanished() -> None:
    assert parse_status(seg(b'"INBOX" (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 1 UNSEEN 2 HIGHESTMODSEQ 40)')) == {
        "MESSAGES": 3, "UIDNEXT": 9, "UIDVALIDITY": 1, "UNSEEN": 2, "HIGHESTMODSEQ": 40}
    assert parse_esearch(seg(b'(TAG "A5") UID ALL 1:3,7 COUNT 4')) == {"ALL": "1:3,7", "COUNT": "4"}
    assert parse_esearch(seg(b'(TAG "A5") UID')) == {}
    assert parse_vanished(seg(b"(EARLIER) 41,43:45")) == [(41, 41), (43, 45)]


def test_sequence_sets() -> None:
    assert parse_sequence_set("1:3,7,9:8") == [1, 2, 3, 7, 8, 9]
    assert format_uid_set([7, 1, 2, 3, 3, 10, 11]) == "1:3,7,10:11"
    with pytest.raises(ValueError):
        format_uid_set([])
    with pytest.raises(ResponseParseError):
        parse_sequence_set("1:*")


def test_uid_codes() -> None:
    assert parse_uid_code(b"38505 304,319:320 3956:3958") == (38505, [304, 319, 320], [3956, 3957, 3958])
    assert response_code(b"[APPENDUID 1 5] Append completed.") == ("APPENDUID", b"1 5")
    with pytest.raises(ResponseParseError):
        parse_uid_code(b"1 1:3 5")


def test_bodystructure_multipart_with_attachment() -> None:
    structure = tokenize(seg(
        b'((("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 120 4 NIL NIL NIL NIL)'
        b'("TEXT" "HTML" ("CHARSET" "gb2312") NIL NIL "BASE64" 900 12 NIL NIL NIL NIL) "ALTERNATIVE"'
        b' ("BOUNDARY" "b2") NIL NIL NIL)'
        b'("APPLICATION" "PDF" ("NAME" "=?UTF-8?B?5oql5Lu3LnBkZg==?=") NIL NIL "BASE64" 5000000 NIL'
        b' ("ATTACHMENT" ("FILENAME*" "utf-8\'\'%E6%8A%A5%E4%BB%B7%E5%8D%95.pdf")) NIL NIL)'
        b'("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 300 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)'
        b' ("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1 NIL NIL NIL NIL) 8 NIL NIL NIL NIL)'
        b' "MIXED" ("BOUNDARY" "b1") NIL NIL NIL)'))[0]
    parts = leaf_parts(structure)
    assert [p.section for p in parts] == ["1.1", "1.2", "2", "3"]
    assert [p.content_type for p in parts] == ["text/plain", "text/html", "application/pdf", "message/rfc822"]
    assert parts[1].charset == "gb2312" and parts[1].encoding == "base64" and parts[1].size == 900
    assert parts[2].filename == "报价单.pdf" and parts[2].disposition == "attachment"
    assert [is_readable_text(p) for p in parts] == [True, True, False, False]


def test_bodystructure_single_part_and_rfc2231_continuations() -> None:
    single = tokenize(seg(b'("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 42 2 NIL NIL NIL NIL)'))[0]
    assert [(p.section, p.size) for p in leaf_parts(single)] == [("1", 42)]
    cont = tokenize(seg(
        b'("APPLICATION" "OCTET-STREAM" NIL NIL NIL "BASE64" 10 NIL ("ATTACHMENT" ('
        b'"FILENAME*0*" "utf-8\'\'%E6%8A%A5" "FILENAME*1" "-part.bin")) NIL NIL)'))[0]
    assert leaf_parts(cont)[0].filename == "报-part.bin"


def test_bodystructure_depth_is_bounded() -> None:
    leaf = b'("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1)'
    text = leaf
    for _ in range(40):
        text = b"(" + text + b' "MIXED")'
    with pytest.raises(ResponseParseError):
        leaf_parts(tokenize(seg(text))[0])


# -- bounds on what a server can make the client build (checklist P1, P2) --------------------

def test_nesting_is_limited_without_recursion() -> None:
    deep = b"* 1 FETCH (UID 1 X " + b"(" * 10_000 + b")" * 10_000 + b")"
    with pytest.raises(ResponseParseError, match="nested too deeply"):
        parse_fetch(seg(deep))
    ok = b"(" * 90 + b")" * 90
    assert tokenize(seg(ok))


@pytest.mark.parametrize("bad", [b"9" * 5_000, b"9" * 21, b"18446744073709551616", b"-1", b"+3",
                                 b"1_000", b"\xd9\xa3"])
def test_numbers_are_bounded(bad: bytes) -> None:
    with pytest.raises(ResponseParseError):
        as_int(bad)


def test_a_list_where_a_number_belongs_is_a_parse_error_not_a_recursion() -> None:
    nested = tokenize(seg(b"(" * 99 + b")" * 99))[0]
    with pytest.raises(ResponseParseError):
        as_int(nested)


def test_sequence_sets_expand_only_up_to_the_limit_before_building_a_list() -> None:
    assert parse_sequence_set("1:3,7", limit=4) == [1, 2, 3, 7]
    with pytest.raises(ResponseParseError):
        parse_sequence_set("1:3,7", limit=3)
    with pytest.raises(ResponseParseError):
        parse_sequence_set("1:4294967295")  # refused by arithmetic, nothing allocated
    with pytest.raises(ResponseParseError):
        parse_uid_code(b"1 1:4000000000 1:4000000000", limit=1)


def test_ranges_intersect_without_expanding() -> None:
    ranges = parse_ranges("1:4294967295")
    assert ranges == [(1, 4294967295)]
    assert numbers_in_ranges(ranges, [5, 1, 70_000]) == [1, 5, 70_000]
    assert numbers_in_ranges([(10, 20), (1, 3), (15, 30)], [0, 2, 4, 9, 10, 25, 31]) == [2, 10, 25]


def test_uid_is_read_from_an_unreadable_response_line() -> None:
    assert uid_in_text(b'* 3 FETCH (UID 17 FLAGS ("unbalanced)') == 17
    assert uid_in_text(b"* 3 FETCH (FLAGS ())") is None


def test_bodystructure_parameter_name_with_5000_digits_is_not_a_continuation() -> None:
    text = (b'("APPLICATION" "OCTET-STREAM" ("NAME*' + b"9" * 5_000 + b'" "x" "NAME" "a.bin") '
            b'NIL NIL "BASE64" 10 NIL NIL NIL NIL)')
    (part,) = leaf_parts(tokenize(seg(text))[0])
    assert part.filename == "a.bin" and part.size == 10
