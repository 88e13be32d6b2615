"""``parse_for_search`` gives the index what ``parse_message`` gives it, with less work.

Over every corpus message: the search text, the preview and the attachment names/flags the
index stores (``client.store.indexing.extract``) are the full parse's; crafted messages cover
what the shortcut changes (HTML decoded only without a text body, no header parse) and where
it must not take it (refused charsets, TNEF, bodies beyond the text budget).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from client.mime import body_search_text, parse_message, preview_text
from client.mime.model import DEFAULT_LIMITS, ParsedMessage
from client.mime.search_parse import parse_for_search
from client.store.indexing import index_limits

from .corpus import corpus_messages

MESSAGES = corpus_messages()


def _index_view(parsed: ParsedMessage) -> tuple[object, ...]:
    return (
        body_search_text(parsed),
        preview_text(parsed),
        [(a.filename, a.inline, a.content_type, a.part_id) for a in parsed.attachments],
    )


def test_same_index_text_as_the_full_parse_on_the_corpus() -> None:
    limits = index_limits()
    html_skipped = 0
    for name, raw in MESSAGES:
        full = parse_message(raw, limits)
        lean = parse_for_search(raw, limits)
        assert _index_view(lean) == _index_view(full), name
        html_skipped += full.html is not None and lean.html is None
    assert len(MESSAGES) > 800
    assert html_skipped > 50  # the shortcut is really taken on the corpus


def _alternative(first: bytes, second: bytes) -> bytes:
    return (b"From: a@example.com\r\nSubject: alt\r\nMIME-Version: 1.0\r\n"
            b"Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n"
            b"--b\r\n" + first + b"\r\n--b\r\n" + second + b"\r\n--b--\r\n")


HTML = b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <b>html</b> Gr\xc3\xbc\xc3\x9fe</p>"
TEXT = b"Content-Type: text/plain; charset=utf-8\r\n\r\nHello plain text"
BLANK_TEXT = b"Content-Type: text/plain; charset=utf-8\r\n\r\n  \r\n"


@pytest.mark.parametrize("raw", [
    _alternative(HTML, TEXT),
    _alternative(TEXT, HTML),
])
def test_html_beside_a_text_body_is_not_decoded(raw: bytes) -> None:
    lean = parse_for_search(raw, index_limits())
    assert lean.html is None
    assert lean.headers.subject == ""  # the index takes the subject from the row
    assert body_search_text(lean) == "Hello plain text"
    assert _index_view(lean) == _index_view(parse_message(raw, index_limits()))


@pytest.mark.parametrize("raw", [
    _alternative(HTML, BLANK_TEXT),
    _alternative(BLANK_TEXT, HTML),
    b"Content-Type: text/html\r\n\r\n<meta charset=\"iso-8859-1\"><p>Gr\xfc\xdfe</p>",
    # a UTF-7 HTML part is shown as text (H7): that text must stay beside the real HTML
    _alternative(b"Content-Type: text/html; charset=utf-7\r\n\r\n+AGEAYgBj-",
                 b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>real html</p>"),
    _alternative(TEXT, b"Content-Type: text/html; charset=utf-7\r\n\r\n+AGEAYgBj-"),
])
def test_html_is_decoded_when_search_needs_it(raw: bytes) -> None:
    full = parse_message(raw, index_limits())
    lean = parse_for_search(raw, index_limits())
    assert body_search_text(full)
    assert _index_view(lean) == _index_view(full)


def test_message_beyond_the_text_budget_is_parsed_in_full() -> None:
    # the budget cuts in decoding order, so there the HTML must be decoded where it stands
    limits = replace(index_limits(), max_text_chars=60)
    raw = _alternative(HTML, b"Content-Type: text/plain\r\n\r\n" + b"word " * 20)
    full = parse_message(raw, limits)
    lean = parse_for_search(raw, limits)
    assert full.truncated
    assert lean == full


def test_broken_input_never_raises() -> None:
    for raw in (b"", b"\x00" * 10, b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
                b"Content-Type: text/html\r\n\r\n<p>a"):
        lean = parse_for_search(raw, DEFAULT_LIMITS)
        assert _index_view(lean) == _index_view(parse_message(raw, DEFAULT_LIMITS))
