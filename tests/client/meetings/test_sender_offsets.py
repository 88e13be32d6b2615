"""Date offsets read from raw headers: real and malformed corpus mail never breaks the guess."""

from __future__ import annotations

from pathlib import Path

from client.meetings.sender_offsets import MAX_OFFSET, offset_of

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime"


def test_first_of_two_date_headers_counts() -> None:
    # thunderbird/message-window/evil.eml has two Date and two From headers (checklist M7)
    raw = (CORPUS / "thunderbird" / "message-window" / "evil.eml").read_bytes()
    found = offset_of(raw)
    assert found is not None and found[1] == -5 * 3600
    swapped = b"Date: Tue, 12 Jan 2011 12:00:00 +0800\r\n" + raw
    assert offset_of(swapped) == (found[0] + 24 * 3600 * 2 - 13 * 3600, 8 * 3600)


def test_every_corpus_message_gives_an_offset_or_none() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file()]
    assert len(files) > 500
    parsed = 0
    for path in files:
        found = offset_of(path.read_bytes())
        if found is not None:
            parsed += 1
            assert abs(found[1]) <= MAX_OFFSET
    assert parsed > 100


def test_no_date_or_unknown_zone() -> None:
    assert offset_of(b"From: a@b.de\r\n\r\nbody") is None
    assert offset_of(b"Date: Mon, 10 Jan 2011 12:00:00 -0000\r\n\r\n") is None
    assert offset_of(b"Date: Mon, 10 Jan 2011 12:00:00 +9999\r\n\r\n") is None
    assert offset_of(b"\xff\xfe\x00garbage") is None
