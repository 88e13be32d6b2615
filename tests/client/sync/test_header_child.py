"""The header-parse child (``client.sync.header_child``): the columns it returns are exactly
``header_columns`` of the same bytes, and whatever happens to the child (cannot start, dies,
an answer nobody read) every block still gets its own, right columns."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from client.store.derive import header_block, header_columns
from client.sync import header_child
from client.sync.header_child import HeaderParser, child_main

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus" / "mime"

#: What the listing must decode as well as before: RFC 2047 words, no Date, raw 8-bit
#: UTF-8 and Latin-1 headers, folded lines, an empty header.
ODD_HEADERS = [
    b"From: =?utf-8?b?5byg5LiJ?= <zhang@example.cn>\r\nSubject: =?gb2312?B?yc+6o7GosdsK?=\r\n"
    b"Date: Tue, 3 Nov 2026 09:15:00 +0800\r\nMessage-ID: <a@x>\r\n\r\n",
    b"From: buyer@example.net\r\nSubject: no date here\r\n\r\n",
    "From: Jürgen Müller <j@example.de>\r\nSubject: Angebot für Ventile\r\n\r\n".encode(),
    "Subject: caf\xe9 cr\xe8me\r\nFrom: a@b.c\r\n\r\n".encode("latin-1"),
    b"Subject: folded\r\n  over two lines\r\nReferences: <r1@x>\r\n <r2@x>\r\n"
    b"In-Reply-To: <r2@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n",
    b"",
]


def _corpus_blocks() -> list[bytes]:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    assert len(files) > 100  # the copied corpus is there
    return [header_block(p.read_bytes()) for p in files]


@pytest.fixture
def parser() -> HeaderParser:
    made = HeaderParser()
    yield made
    made.close()


def test_the_child_returns_exactly_the_in_process_columns(parser: HeaderParser) -> None:
    blocks = _corpus_blocks() + ODD_HEADERS
    first = parser.submit(blocks[:50])
    rest = parser.submit(blocks[50:])
    assert first.columns() == [header_columns(b) for b in blocks[:50]]
    assert rest.columns() == [header_columns(b) for b in blocks[50:]]
    assert not parser.failed  # the child answered both, in order


def test_a_child_that_cannot_start_leaves_the_parse_here(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.setattr(header_child, "child_command", lambda: [str(tmp_path / "missing")])
    parser = HeaderParser()
    assert parser.failed
    assert parser.submit(ODD_HEADERS).columns() == [header_columns(b) for b in ODD_HEADERS]
    parser.close()
    parser.close()  # idempotent


def test_a_child_that_dies_is_replaced_by_the_parse_here(parser: HeaderParser) -> None:
    assert parser._proc is not None
    parser._proc.kill()
    parser._proc.wait()
    pending = parser.submit(ODD_HEADERS)  # the send may still succeed: the read fails
    assert pending.columns() == [header_columns(b) for b in ODD_HEADERS]
    assert parser.failed
    later = parser.submit(ODD_HEADERS[:2])
    assert later.columns() == [header_columns(b) for b in ODD_HEADERS[:2]]


def test_an_answer_nobody_read_is_never_taken_for_the_next_one(parser: HeaderParser) -> None:
    """A consumer that stopped mid-folder leaves an answer in the pipe; the next folder's
    batch of the same size must not get those columns (wrong sender/subject)."""
    abandoned = parser.submit([ODD_HEADERS[0], ODD_HEADERS[1]])
    wanted = parser.submit([ODD_HEADERS[2], ODD_HEADERS[3]])
    assert wanted.columns() == [header_columns(ODD_HEADERS[2]), header_columns(ODD_HEADERS[3])]
    assert abandoned.columns() == [header_columns(ODD_HEADERS[0]),
                                   header_columns(ODD_HEADERS[1])]  # parsed here instead
    assert not parser.failed


def test_the_child_loop_answers_in_order_and_ends_at_eof() -> None:
    import marshal

    def frame(payload: object) -> bytes:
        data = marshal.dumps(payload)
        return len(data).to_bytes(8, "big") + data

    source = io.BytesIO(frame((0, ODD_HEADERS[:1])) + frame((1, ODD_HEADERS[1:3])))
    sink = io.BytesIO()
    assert child_main(source, sink) == 0
    sink.seek(0)
    answers = []
    while head := sink.read(8):
        answers.append(marshal.loads(sink.read(int.from_bytes(head, "big"))))
    assert [seq for seq, _rows in answers] == [0, 1]
    assert [len(rows) for _seq, rows in answers] == [1, 2]


def test_a_request_cut_short_ends_the_child_with_an_error() -> None:
    assert child_main(io.BytesIO(b"\x00\x00\x00\x00\x00\x00\x01\x00abc"), io.BytesIO()) == 1


def test_the_frozen_apps_header_child_argument_runs_the_child(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen build starts the header child as ``Tradewind --header-child``."""
    import marshal
    import sys

    from client.cli import main as cli_main

    assert cli_main.HEADER_CHILD_ARGUMENT == header_child.CHILD_ARGUMENT
    data = marshal.dumps((0, ODD_HEADERS[:2]))
    source = io.TextIOWrapper(io.BytesIO(len(data).to_bytes(8, "big") + data))
    sink = io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr(sys, "stdin", source)
    monkeypatch.setattr(sys, "stdout", sink)
    assert cli_main.main([header_child.CHILD_ARGUMENT]) == 0
    raw = sink.buffer.getvalue()
    seq, rows = marshal.loads(raw[8:])
    assert seq == 0 and len(rows) == 2
