"""Every corpus message parses without an exception, each in bounded time (M1).

Boundedness is enforced by pytest-timeout per message; the measured time is only reported
(see conftest.py), never asserted.
"""

from __future__ import annotations

import time

import pytest

from client.mime import (
    ParsedHeaders,
    ParsedMessage,
    attachment_bytes,
    body_search_text,
    parse_headers,
    parse_message,
    preview_text,
)

from .conftest import PARSE_SECONDS
from .corpus import LOCAL_MIME, corpus_messages

MESSAGES = corpus_messages()


def test_corpus_is_present() -> None:
    assert LOCAL_MIME.is_dir()
    assert len(MESSAGES) > 800


@pytest.mark.timeout(10)
@pytest.mark.parametrize(("name", "raw"), MESSAGES, ids=[name for name, _ in MESSAGES])
def test_corpus_message_parses(name: str, raw: bytes) -> None:
    started = time.perf_counter()
    message = parse_message(raw)
    headers = parse_headers(raw)
    PARSE_SECONDS[name] = time.perf_counter() - started
    assert isinstance(message, ParsedMessage)
    assert isinstance(headers, ParsedHeaders)
    assert headers == message.headers
    assert all(isinstance(warning, str) for warning in message.warnings)
    assert headers.date is None or headers.date.utcoffset() is not None
    assert "\\x" not in headers.subject or "\\x" in raw.decode("latin-1")
    body_search_text(message)
    preview_text(message)
    for attachment in message.attachments:
        assert attachment.filename
        assert isinstance(attachment_bytes(raw, attachment.part_id), bytes)
